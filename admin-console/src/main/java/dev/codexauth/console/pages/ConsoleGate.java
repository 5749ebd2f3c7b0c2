package dev.codexauth.console.pages;

import dev.codexauth.console.boundary.AdminRequest;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Who may see a console page: signed-out callers (never signed in, signed out, or idle too long) are sent to the
 * sign-in page, and a user who must change the password first sees only the password page. Pages may not be framed
 * or cached. The identity comes from the admin authentication mechanism, which ran before any filter.
 */
@WebFilter(urlPatterns = "*.xhtml")
public class ConsoleGate extends HttpFilter {

    static final String SIGN_IN = "/login.xhtml";
    static final String PASSWORD = "/password.xhtml";
    static final String DASHBOARD = "/dashboard.xhtml";

    @Inject
    AdminRequest admin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String page = request.getServletPath();
        if (page.startsWith("/jakarta.faces.resource/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        String target = redirectFor(page, request);
        if (target == null) {
            chain.doFilter(request, response);
        } else if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // An AJAX call cannot follow a 302; Faces' own redirect instruction makes the browser load the page.
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + request.getContextPath() + target + "\"/></partial-response>");
        } else {
            response.sendRedirect(request.getContextPath() + target);
        }
    }

    private String redirectFor(String page, HttpServletRequest request) {
        if (!admin.signedIn()) {
            if (page.equals(SIGN_IN)) {
                return null;
            }
            boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
            return SIGN_IN + (expired ? "?expired=true" : "");
        }
        boolean mustChange = admin.principal().mustChangePassword() && "form".equals(admin.principal().method());
        if (mustChange) {
            return page.equals(PASSWORD) ? null : PASSWORD;
        }
        return page.equals(SIGN_IN) && "GET".equals(request.getMethod()) ? DASHBOARD : null;
    }
}
