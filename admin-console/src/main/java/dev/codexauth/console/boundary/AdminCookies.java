package dev.codexauth.console.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * Admin session cookies: HttpOnly, SameSite=Strict, path {@code /admin}, Secure unless {@code ADMIN_COOKIE_SECURE}
 * is false (plain-HTTP test set-ups only).
 */
@WebListener
public class AdminCookies implements ServletContextListener {

    @Inject
    AdminSettings settings;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.cookieSecure());
        cookie.setAttribute("SameSite", "Strict");
    }
}
