package dev.codexauth.console.pages;

import dev.codexauth.console.control.AdminAccounts;
import dev.codexauth.console.control.AuditTrail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;

/**
 * {@code /admin/password.xhtml}: changing one's own password, forced after bootstrap or a reset. The password rules
 * (length, not containing the name) are the accounts' own, as for {@code POST /admin/api/session/password}.
 */
@Named
@RequestScoped
public class PasswordPage {

    @Inject
    AdminAccounts accounts;

    @Inject
    AuditTrail audit;

    @Inject
    ConsoleUser user;

    private String current;
    private String replacement;
    private String repeat;

    public void change() throws IOException {
        if (replacement == null || !replacement.equals(repeat)) {
            Feedback.fieldError("password:repeat", "The two new passwords differ");
            return;
        }
        boolean changed = Feedback.run("Password changed", () -> {
            accounts.changePassword(user.getName(), current, replacement);
            audit.record(user.actor(), "password.change", "admin_user", user.getName(), null, null, "ok");
        });
        current = null;
        replacement = null;
        repeat = null;
        if (changed) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            external.redirect(external.getRequestContextPath() + ConsoleGate.DASHBOARD);
        }
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getRepeat() {
        return repeat;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat;
    }
}
