package dev.codexauth.console.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Retention;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/** A retention pass started by an admin (the API's {@code POST /admin/api/retention/run} and the console): run and audited. */
@Stateless
public class RetentionAdministration {

    @EJB
    Retention retention;

    @EJB
    AuditTrail audit;

    /**
     * @throws ApiException 409 when another node is running a pass
     */
    public Retention.Pass run(AuditTrail.Actor actor) {
        Retention.Pass pass = retention.runNow();
        if (pass == null) {
            throw new ApiException(409, "retention_running", "A retention pass is already running on another node");
        }
        audit.record(actor, "retention.run", "retention", null, null, pass, "ok");
        return pass;
    }
}
