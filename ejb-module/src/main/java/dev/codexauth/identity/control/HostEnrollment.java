package dev.codexauth.identity.control;

import dev.codexauth.host.control.HostRegistry;
import dev.codexauth.host.control.Registration;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/hosts/enroll}: a person with scope {@code hosts:enroll} adds a host to their workspace and
 * gets the same single-use installer an admin's registration gives. A person never takes over a host registered
 * by an admin or by another workspace (409), and enrolling a host of their own again issues a new installer
 * without changing its key, so the running host keeps working.
 */
@Stateless
public class HostEnrollment {

    /** The host, its new installer command and when that expires. */
    public record Enrolled(long hostId, String fqdn, String workspace, String installerCommand, String installerUrl, String expiresAt,
                           boolean created) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    HostRegistry registry;

    public Enrolled enroll(TokenCaller caller, JsonObject body, String baseUrl) {
        caller.require(Scopes.HOSTS_ENROLL);
        // The name as registration will store it: "laptop.example." is "laptop.example", and must find that host here.
        String fqdn = HostRegistry.fqdn(JsonInput.text(body, "fqdn").orElseThrow(() -> ValidationFailed.of("fqdn", "fqdn is required")));
        String actor = "person:" + caller.userId();
        List<?> existing = em.createNativeQuery("SELECT h.id, w.workspace_id, w.enrolled_by FROM hosts h "
                + "LEFT JOIN workspace_hosts w ON w.host_id = h.id WHERE h.fqdn = ?1").setParameter(1, fqdn).getResultList();
        HostRegistry.Registered registered;
        if (existing.isEmpty()) {
            registered = registry.register(new Registration(fqdn, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), false), baseUrl, actor);
            if (!registered.created()) {
                // Registered by someone else since the read above: registration would hand over its key; rolled back.
                throw outsideYourWorkspace();
            }
            em.createNativeQuery("INSERT INTO workspace_hosts (host_id, workspace_id, enrolled_by, enrolled_at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, registered.host().getId()).setParameter(2, caller.workspaceId()).setParameter(3, caller.personId())
                    .setParameter(4, Timestamps.toUtcDateTime(Instant.now())).executeUpdate();
        } else {
            Object[] row = (Object[]) existing.get(0);
            if (row[1] == null || Columns.number(row[1]) != caller.workspaceId()) {
                throw outsideYourWorkspace();
            }
            if (Columns.number(row[2]) != caller.personId()) {
                // A new installer carries the host's key: a teammate's host stays the teammate's (or an admin's) to reinstall.
                throw new ApiException(409, "host_enrolled_by_another", "This host was enrolled by another person of your workspace");
            }
            registered = registry.newInstaller(Columns.number(row[0]), false, baseUrl, actor);
        }
        return new Enrolled(registered.host().getId(), registered.host().getFqdn(), caller.workspaceSlug(), registered.installer().command(),
                registered.installer().url(), registered.installer().expiresAt(), registered.created());
    }

    private static ApiException outsideYourWorkspace() {
        return new ApiException(409, "host_exists", "A host with this name is already registered outside your workspace");
    }
}
