package dev.codexauth.console.pages;

import dev.codexauth.console.boundary.AdminAuthentication;
import dev.codexauth.console.boundary.AdminRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /admin/login.xhtml}: the same sign-in as {@code POST /admin/api/session/login} (admin accounts, lock-out,
 * per-address limit, audit), through the same authentication mechanism. Every refusal reads the same, so the page
 * tells nobody whether a name exists or an account is locked.
 */
@Named
@RequestScoped
public class SignInPage {

    static final String BUSY = "Too many sign-ins at once; try again in a moment.";
    static final String REFUSED = "Invalid username or password. After 5 failed attempts an account is locked for 15 minutes.";

    @Inject
    SecurityContext security;

    @Inject
    AdminRequest admin;

    private String username;
    private String password;

    public void signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        AuthenticationStatus status = security.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(), AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username == null ? "" : username, password == null ? "" : password))
                        .newAuthentication(true));
        password = null;
        if (status != AuthenticationStatus.SUCCESS) {
            if (external.isResponseCommitted()) {
                faces.responseComplete();
                return;
            }
            external.setResponseStatus(HttpServletResponse.SC_OK);
            Feedback.error(AdminAuthentication.signInBusy((HttpServletRequest) external.getRequest()) ? BUSY : REFUSED);
            return;
        }
        boolean mustChange = admin.principal().mustChangePassword();
        external.redirect(external.getRequestContextPath() + (mustChange ? ConsoleGate.PASSWORD : ConsoleGate.DASHBOARD));
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
