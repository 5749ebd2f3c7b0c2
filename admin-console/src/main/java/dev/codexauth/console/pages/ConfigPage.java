package dev.codexauth.console.pages;

import dev.codexauth.console.boundary.AdminRequest;
import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.sync.control.ClientConfigs;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.Map;

/**
 * {@code /admin/config.xhtml}: the fleet config.toml (admin.md §3.5). The form edits the main settings and the raw
 * custom TOML; every other stored setting is kept as it is. Preview renders what a host gets without saving; saving
 * names the version the page started from, so a save made elsewhere meanwhile is refused with a message.
 */
@Named
@ViewScoped
public class ConfigPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ClientConfigs configs;

    @Inject
    BaseUrls baseUrls;

    @Inject
    AdminRequest request;

    @Inject
    ConsoleUser user;

    private JsonObject settings;
    private String sha256;
    private String updatedAt;
    private String content;
    private String preview;
    private String model;
    private String effort;
    private String approvalPolicy;
    private String sandboxMode;
    private String customToml;

    @PostConstruct
    public void reload() {
        JsonObject document = configs.adminRead();
        boolean stored = "ok".equals(document.getString("status", ""));
        settings = stored && document.get("settings") instanceof JsonObject saved ? saved : JsonValue.EMPTY_JSON_OBJECT;
        sha256 = stored ? document.getString("sha256") : null;
        updatedAt = stored ? document.getString("updated_at") : null;
        content = stored ? document.getString("content") : null;
        preview = null;
        model = text("model");
        effort = text("model_reasoning_effort");
        approvalPolicy = text("approval_policy");
        sandboxMode = text("sandbox_mode");
        customToml = text("custom_toml");
    }

    public void preview() {
        JsonObject rendered = Feedback.attempt(() -> configs.adminRender(Json.createObjectBuilder().add("settings", edited()).build(),
                baseUrls.require(request.origin())), null);
        if (rendered != null) {
            preview = rendered.getString("content");
        }
    }

    public void save() {
        if (!user.mayChange()) {
            return;
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("settings", edited());
        if (sha256 != null) {
            body.add("sha256", sha256);
        }
        JsonObject saved = Feedback.attempt(() -> configs.adminStore(body.build(), null, user.actor()), null);
        if (saved != null) {
            Feedback.info("config.toml " + saved.getString("status") + "; hosts pick it up on their next sync");
            reload();
        }
    }

    /** The stored settings with the form's fields put over them. */
    private JsonObject edited() {
        JsonObjectBuilder merged = Json.createObjectBuilder(settings);
        for (Map.Entry<String, String> field : Map.of("model", orEmpty(model), "model_reasoning_effort", orEmpty(effort),
                "approval_policy", orEmpty(approvalPolicy), "sandbox_mode", orEmpty(sandboxMode), "custom_toml", orEmpty(customToml))
                .entrySet()) {
            merged.add(field.getKey(), field.getValue());
        }
        return merged.build();
    }

    private String text(String key) {
        return settings.get(key) instanceof jakarta.json.JsonString value ? value.getString() : null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    public String getSha256() {
        return sha256;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public String getContent() {
        return content;
    }

    public String getPreview() {
        return preview;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getEffort() {
        return effort;
    }

    public void setEffort(String effort) {
        this.effort = effort;
    }

    public String getApprovalPolicy() {
        return approvalPolicy;
    }

    public void setApprovalPolicy(String approvalPolicy) {
        this.approvalPolicy = approvalPolicy;
    }

    public String getSandboxMode() {
        return sandboxMode;
    }

    public void setSandboxMode(String sandboxMode) {
        this.sandboxMode = sandboxMode;
    }

    public String getCustomToml() {
        return customToml;
    }

    public void setCustomToml(String customToml) {
        this.customToml = customToml;
    }
}
