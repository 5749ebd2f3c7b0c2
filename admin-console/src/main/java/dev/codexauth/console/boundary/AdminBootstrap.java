package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminAccounts;
import dev.codexauth.ops.control.SchemaMigration;
import dev.codexauth.security.control.Hashes;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The first admin: when no admin account exists, {@code ADMIN_BOOTSTRAP_USER} (default {@code admin}) is created
 * with {@code ADMIN_BOOTSTRAP_PASSWORD}, or with a generated password printed once to the server log, and must
 * change it at first sign-in. Several nodes starting at once create it once (the user name is unique): each step runs
 * in a transaction of its own, so the node that loses the race sees the winner's account instead of a rolled-back
 * start-up (RollingUpgradeIT starts two nodes on an empty database at once and makes their inserts meet).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @EJB
    SchemaMigration schema;

    @EJB
    AdminAccounts accounts;

    @Inject
    AdminSettings settings;

    /**
     * Payara runs a singleton's {@code @PostConstruct} in a transaction unless the method itself says otherwise (the
     * class-level attribute is not applied to it): with one, the losing node's failed insert doomed the transaction
     * its own check then ran in, and its deployment failed with "Client's transaction aborted".
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void createFirstAdmin() {
        schema.state();
        if (accounts.count() > 0) {
            return;
        }
        boolean generated = settings.bootstrapPassword().isEmpty();
        String password = settings.bootstrapPassword().orElseGet(() -> Hashes.randomUrlSafe(18));
        try {
            accounts.create(settings.bootstrapUser(), "Bootstrap administrator", "admin", password, true);
        } catch (dev.codexauth.http.ValidationFailed invalid) {
            throw new IllegalStateException("Cannot create the first admin from ADMIN_BOOTSTRAP_USER/ADMIN_BOOTSTRAP_PASSWORD: "
                    + invalid.errors() + " (passwords: 12-128 characters, not containing the user name)");
        } catch (RuntimeException e) {
            if (accounts.count() > 0) {
                return; // another node created it at the same moment
            }
            throw e;
        }
        if (generated) {
            LOG.warning(() -> "Created admin user '" + settings.bootstrapUser() + "' with the one-time password " + password
                    + " ; sign in at /admin and change it. It is not shown again.");
        } else {
            LOG.info(() -> "Created admin user '" + settings.bootstrapUser() + "' from ADMIN_BOOTSTRAP_PASSWORD; change it at first sign-in.");
        }
    }
}
