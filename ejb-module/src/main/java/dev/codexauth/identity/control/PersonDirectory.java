package dev.codexauth.identity.control;

import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * People and workspaces as Clerk names them: a verified session upserts its person, its workspace (the active
 * organization, or the person's own) and the membership, so the database always knows who holds which token.
 * Every workspace starts without an entitlement ({@code none}) until billing or an admin grants one.
 */
@Stateless
public class PersonDirectory {

    @PersistenceContext(unitName = "central")
    EntityManager em;

    public Member signIn(ClerkIdentity identity) {
        LocalDateTime now = Timestamps.toUtcDateTime(Instant.now());
        em.createNativeQuery("INSERT INTO people (clerk_user_id, email, display_name, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?4) "
                        + "ON DUPLICATE KEY UPDATE email = COALESCE(VALUES(email), email), "
                        + "display_name = COALESCE(VALUES(display_name), display_name), last_seen_at = VALUES(last_seen_at)")
                .setParameter(1, identity.userId()).setParameter(2, cut(identity.email(), 320)).setParameter(3, cut(identity.name(), 255))
                .setParameter(4, now).executeUpdate();
        long personId = id("SELECT id FROM people WHERE clerk_user_id = ?1", identity.userId());
        long workspaceId;
        String slug;
        if (identity.organizationId() != null) {
            slug = identity.workspaceSlug() != null ? identity.workspaceSlug() : identity.organizationId();
            em.createNativeQuery("INSERT INTO workspaces (slug, clerk_org_id, name, created_at) VALUES (?1, ?2, ?1, ?3) "
                            + "ON DUPLICATE KEY UPDATE clerk_org_id = COALESCE(clerk_org_id, VALUES(clerk_org_id))")
                    .setParameter(1, cut(slug, 128)).setParameter(2, identity.organizationId()).setParameter(3, now).executeUpdate();
            workspaceId = id("SELECT id FROM workspaces WHERE clerk_org_id = ?1", identity.organizationId());
            slug = (String) em.createNativeQuery("SELECT slug FROM workspaces WHERE id = ?1").setParameter(1, workspaceId).getSingleResult();
        } else {
            slug = identity.userId();
            em.createNativeQuery("INSERT IGNORE INTO workspaces (slug, name, created_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, cut(slug, 128)).setParameter(2, cut(identity.email() != null ? identity.email() : slug, 255))
                    .setParameter(3, now).executeUpdate();
            workspaceId = id("SELECT id FROM workspaces WHERE slug = ?1", slug);
        }
        em.createNativeQuery("INSERT IGNORE INTO entitlements (workspace_id, status, updated_at) VALUES (?1, 'none', ?2)")
                .setParameter(1, workspaceId).setParameter(2, now).executeUpdate();
        String role = identity.memberRole();
        em.createNativeQuery("INSERT INTO workspace_members (workspace_id, person_id, role, since) VALUES (?1, ?2, ?3, ?4) "
                        + "ON DUPLICATE KEY UPDATE role = VALUES(role)")
                .setParameter(1, workspaceId).setParameter(2, personId).setParameter(3, role).setParameter(4, now).executeUpdate();
        return new Member(personId, identity.userId(), identity.email(), workspaceId, slug, role);
    }

    private long id(String query, Object parameter) {
        return ((Number) em.createNativeQuery(query).setParameter(1, parameter).getSingleResult()).longValue();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
