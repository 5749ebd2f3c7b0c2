package dev.codexauth.console.pages;

import dev.codexauth.http.ApiException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Outcomes as messages (growl and field messages): the control's own message and field errors for what the user
 * caused, a plain sentence and a server log line for anything else - never a stack trace in the page.
 */
final class Feedback {

    private static final Logger LOG = Logger.getLogger(Feedback.class.getName());

    private Feedback() {
    }

    /** Runs a change; on success shows {@code done}, on failure the reason. True when it succeeded. */
    static boolean run(String done, Runnable change) {
        return attempt(() -> {
            change.run();
            return Boolean.TRUE;
        }, done) != null;
    }

    /** Like {@link #run} for a change whose result the page shows; null when it failed. */
    static <T> T attempt(Supplier<T> change, String done) {
        try {
            T result = change.get();
            if (done != null) {
                info(done);
            }
            return result;
        } catch (ApiException e) {
            refused(e);
        } catch (EJBException e) {
            if (e.getCause() instanceof ApiException refusal) {
                refused(refusal);
            } else {
                LOG.log(Level.WARNING, "console action failed", e);
                error("The server could not complete this action; the details are in the server log.");
            }
        }
        return null;
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        FacesContext.getCurrentInstance().validationFailed();
    }

    /** A field's own message next to its input, by the input's client id. */
    static void fieldError(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        FacesContext.getCurrentInstance().validationFailed();
    }

    private static void refused(ApiException e) {
        if (e.errors() == null || e.errors().isEmpty()) {
            error(e.getMessage());
            return;
        }
        e.errors().values().forEach(messages -> messages.forEach(Feedback::error));
    }
}
