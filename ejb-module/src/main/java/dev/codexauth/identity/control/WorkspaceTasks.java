package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A workspace's task list, which agents read and update through the person API (seed 000's REST API, made real). */
@Stateless
public class WorkspaceTasks {

    static final Set<String> STATUSES = Set.of("open", "in_progress", "done");
    private static final int MAX_TITLE = 500;

    public record Task(long id, String title, String status, String createdBy, String createdAt, String updatedAt) {
    }

    public record Page(List<Task> tasks, long total, int page, int perPage) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    public Page list(long workspaceId, int page, int perPage) {
        long total = Columns.number(em.createNativeQuery("SELECT COUNT(*) FROM workspace_tasks WHERE workspace_id = ?1")
                .setParameter(1, workspaceId).getSingleResult());
        List<Task> tasks = select("WHERE t.workspace_id = ?1 ORDER BY t.id LIMIT ?2 OFFSET ?3", workspaceId, perPage, (long) (page - 1) * perPage);
        return new Page(tasks, total, page, perPage);
    }

    public Task create(TokenCaller caller, JsonObject body) {
        String title = title(body).orElseThrow(() -> ValidationFailed.of("title", "title is required"));
        String status = status(body).orElse("open");
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO workspace_tasks (workspace_id, title, status, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)")
                .setParameter(1, caller.workspaceId()).setParameter(2, title).setParameter(3, status).setParameter(4, caller.personId())
                .setParameter(5, Timestamps.toUtcDateTime(now)).executeUpdate();
        long id = Columns.number(em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult());
        return get(caller.workspaceId(), id);
    }

    public Task get(long workspaceId, long id) {
        return select("WHERE t.workspace_id = ?1 AND t.id = ?2", workspaceId, id).stream().findFirst()
                .orElseThrow(() -> new ApiException(404, "task_not_found", "No such task in this workspace"));
    }

    public Task update(long workspaceId, long id, JsonObject body) {
        get(workspaceId, id);
        Optional<String> title = title(body);
        Optional<String> status = status(body);
        if (title.isEmpty() && status.isEmpty()) {
            throw ValidationFailed.of("body", "send title, status or both");
        }
        em.createNativeQuery("UPDATE workspace_tasks SET title = COALESCE(?1, title), status = COALESCE(?2, status), updated_at = ?3 "
                        + "WHERE workspace_id = ?4 AND id = ?5")
                .setParameter(1, title.orElse(null)).setParameter(2, status.orElse(null))
                .setParameter(3, Timestamps.toUtcDateTime(Instant.now())).setParameter(4, workspaceId).setParameter(5, id).executeUpdate();
        return get(workspaceId, id);
    }

    public void delete(long workspaceId, long id) {
        get(workspaceId, id);
        em.createNativeQuery("DELETE FROM workspace_tasks WHERE workspace_id = ?1 AND id = ?2").setParameter(1, workspaceId)
                .setParameter(2, id).executeUpdate();
    }

    private List<Task> select(String where, Object... parameters) {
        var query = em.createNativeQuery("SELECT t.id, t.title, t.status, p.clerk_user_id, t.created_at, t.updated_at FROM workspace_tasks t "
                + "JOIN people p ON p.id = t.created_by " + where);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((List<?>) query.getResultList()).stream().map(Object[].class::cast)
                .map(row -> new Task(Columns.number(row[0]), (String) row[1], (String) row[2], (String) row[3],
                        Timestamps.format(Columns.utc(row[4])), Timestamps.format(Columns.utc(row[5])))).toList();
    }

    private static Optional<String> title(JsonObject body) {
        Optional<String> title = JsonInput.text(body, "title");
        title.ifPresent(text -> {
            if (text.isEmpty() || text.length() > MAX_TITLE || text.chars().anyMatch(Character::isISOControl)) {
                throw ValidationFailed.of("title", "title is 1 to " + MAX_TITLE + " characters without control characters");
            }
        });
        return title;
    }

    private static Optional<String> status(JsonObject body) {
        Optional<String> status = JsonInput.text(body, "status");
        status.ifPresent(text -> {
            if (!STATUSES.contains(text)) {
                throw ValidationFailed.of("status", "status is open, in_progress or done");
            }
        });
        return status;
    }
}
