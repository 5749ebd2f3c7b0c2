package dev.codexauth.console.pages;

import dev.codexauth.sync.control.AgentsFile;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;

/**
 * {@code /admin/agents.xhtml}: the fleet AGENTS.md editor. Saving names the version the editor started from, so a
 * change someone else saved meanwhile is refused with a message (stale version) instead of being overwritten.
 */
@Named
@ViewScoped
public class AgentsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AgentsFile agents;

    @Inject
    ConsoleUser user;

    private String content;
    private String baseSha256;
    private String updatedAt;
    private boolean stored;

    @PostConstruct
    public void reload() {
        JsonObject document = agents.adminRead();
        stored = "ok".equals(document.getString("status", ""));
        content = stored ? document.getString("content", "") : "";
        baseSha256 = stored ? document.getString("sha256", null) : null;
        updatedAt = stored ? document.getString("updated_at", null) : null;
    }

    public void save() {
        if (!user.mayChange()) {
            return;
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("content", content == null ? "" : content);
        if (baseSha256 != null) {
            body.add("base_sha256", baseSha256);
        }
        JsonObject saved = Feedback.attempt(() -> agents.adminStore(body.build(), null, user.actor()), null);
        if (saved != null) {
            Feedback.info("AGENTS.md " + saved.getString("status") + "; hosts pick it up on their next sync");
            baseSha256 = saved.getString("sha256");
            updatedAt = saved.getString("updated_at");
            stored = true;
        }
    }

    public void delete() {
        if (user.mayChange() && Feedback.run("AGENTS.md deleted; hosts delete their copy on their next sync",
                () -> agents.adminDelete(user.actor()))) {
            reload();
        }
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public String getBaseSha256() {
        return baseSha256;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public boolean isStored() {
        return stored;
    }
}
