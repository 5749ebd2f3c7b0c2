package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

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
            Workspace workspace = organizationWorkspace(identity, now);
            workspaceId = workspace.id();
            slug = workspace.slug();
        } else {
            slug = identity.userId();
            em.createNativeQuery("INSERT IGNORE INTO workspaces (slug, name, created_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, cut(slug, 128)).setParameter(2, cut(identity.email() != null ? identity.email() : slug, 255))
                    .setParameter(3, now).executeUpdate();
            // Never an organization's workspace that happens to have this slug: its members' data is not this person's.
            List<?> personal = em.createNativeQuery("SELECT id FROM workspaces WHERE slug = ?1 AND clerk_org_id IS NULL")
                    .setParameter(1, slug).getResultList();
            if (personal.isEmpty()) {
                throw new ApiException(409, "workspace_slug_taken",
                        "No personal workspace could be created for " + identity.userId() + ": an organization has its name");
            }
            workspaceId = ((Number) personal.get(0)).longValue();
        }
        em.createNativeQuery("INSERT IGNORE INTO entitlements (workspace_id, status, updated_at) VALUES (?1, 'none', ?2)")
                .setParameter(1, workspaceId).setParameter(2, now).executeUpdate();
        String role = identity.memberRole();
        em.createNativeQuery("INSERT INTO workspace_members (workspace_id, person_id, role, since) VALUES (?1, ?2, ?3, ?4) "
                        + "ON DUPLICATE KEY UPDATE role = VALUES(role)")
                .setParameter(1, workspaceId).setParameter(2, personId).setParameter(3, role).setParameter(4, now).executeUpdate();
        return new Member(personId, identity.userId(), identity.email(), workspaceId, slug, role);
    }

    /** The organization's workspace, found by its Clerk id, created at its first sign-in. */
    private Workspace organizationWorkspace(ClerkIdentity identity, LocalDateTime now) {
        String organization = identity.organizationId();
        Optional<Workspace> existing = workspaceOf(organization, "");
        if (existing.isPresent()) {
            return existing.get();
        }
        String slug = cut(identity.workspaceSlug() != null ? identity.workspaceSlug() : organization, 128);
        Optional<Workspace> created = create(organization, slug, now);
        if (created.isEmpty()) {
            // Another workspace keeps this slug (an organization that renamed itself or was deleted): the slug and this id.
            String suffix = "-" + organization;
            created = create(organization, cut(slug, Math.max(1, 128 - suffix.length())) + suffix, now);
        }
        return created.orElseThrow(() -> new ApiException(409, "workspace_slug_taken",
                "No workspace could be created for organization " + organization + ": its slug is taken"));
    }

    /** Creates the workspace unless its slug is taken; the organization's workspace either way, if it has one. */
    private Optional<Workspace> create(String organization, String slug, LocalDateTime now) {
        em.createNativeQuery("INSERT IGNORE INTO workspaces (slug, clerk_org_id, name, created_at) VALUES (?1, ?2, ?1, ?3)")
                .setParameter(1, cut(slug, 128)).setParameter(2, organization).setParameter(3, now).executeUpdate();
        // A locking read: another member's first sign-in may have created it after this transaction's snapshot.
        return workspaceOf(organization, " LOCK IN SHARE MODE");
    }

    private Optional<Workspace> workspaceOf(String organization, String lock) {
        List<?> rows = em.createNativeQuery("SELECT id, slug FROM workspaces WHERE clerk_org_id = ?1" + lock)
                .setParameter(1, organization).getResultList();
        return rows.stream().map(row -> (Object[]) row).map(row -> new Workspace(Columns.number(row[0]), (String) row[1])).findFirst();
    }

    private record Workspace(long id, String slug) {
    }

    private long id(String query, Object parameter) {
        return ((Number) em.createNativeQuery(query).setParameter(1, parameter).getSingleResult()).longValue();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
