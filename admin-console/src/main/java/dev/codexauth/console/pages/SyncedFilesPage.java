package dev.codexauth.console.pages;

import dev.codexauth.sync.control.SyncedFileKind;
import dev.codexauth.sync.control.SyncedFiles;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/files.xhtml?kind=slash-commands|skills}: the fleet's slash-command prompts and skills - list, edit,
 * retire (confirmed) and restore - through {@link SyncedFiles} as {@code /admin/api/slash-commands} and
 * {@code /admin/api/skills} do. Saving names the version the editor started from, so a change saved elsewhere
 * meanwhile is refused with the stale-version message instead of being overwritten.
 */
@Named
@ViewScoped
public class SyncedFilesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SyncedFiles files;

    @Inject
    ConsoleUser user;

    /** One listed file, without its content. */
    public record Entry(String name, String first, String second, String updatedAt, boolean retired) implements Serializable {
    }

    private String kindParam = "slash-commands";
    private boolean showRetired;
    private List<Entry> entries;
    private String name;
    private String first;
    private String second;
    private String content;
    private String baseSha256;

    private SyncedFileKind kind() {
        return SyncedFileKind.ofPath(kindParam);
    }

    public boolean isSkills() {
        return kind() == SyncedFileKind.SKILL;
    }

    public List<Entry> getEntries() {
        if (entries == null) {
            JsonObject listing = files.adminList(kind(), showRetired);
            entries = listing.getJsonArray(kind().listField()).getValuesAs(JsonObject.class).stream()
                    .map(file -> new Entry(file.getString(kind().nameField()), text(file, kind().firstMetadataField()),
                            text(file, kind().secondMetadataField()), file.getString("updated_at"), file.get("deleted_at") instanceof JsonString))
                    .toList();
        }
        return entries;
    }

    /** Clears the editor for a new file. */
    public void startNew() {
        name = null;
        first = null;
        second = null;
        content = null;
        baseSha256 = null;
    }

    public void edit(String fileName) {
        JsonObject file = Feedback.attempt(() -> files.adminRead(kind(), fileName), null);
        if (file != null) {
            name = file.getString(kind().nameField());
            first = text(file, kind().firstMetadataField());
            second = text(file, kind().secondMetadataField());
            content = file.getString(kind().contentField());
            baseSha256 = file.getString("sha256");
        }
    }

    public void save() {
        if (!user.mayChange()) {
            return;
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add(kind().nameField(), name == null ? "" : name)
                .add(kind().contentField(), content == null ? "" : content)
                .add(kind().firstMetadataField(), first == null ? "" : first)
                .add(kind().secondMetadataField(), second == null ? "" : second);
        if (baseSha256 != null) {
            body.add("base_sha256", baseSha256);
        }
        JsonObject saved = Feedback.attempt(() -> files.adminStore(kind(), body.build(), null, user.actor()), null);
        if (saved != null) {
            Feedback.info(saved.getString(kind().nameField()) + " " + saved.getString("status") + "; hosts pick it up on their next sync");
            // Read back what the server holds: metadata left blank may have come from the front matter.
            edit(saved.getString(kind().nameField()));
            entries = null;
        }
    }

    public void retire(String fileName) {
        if (user.mayChange() && Feedback.run(fileName + " retired; hosts remove it on their next sync",
                () -> files.retire(kind(), fileName, user.actor()))) {
            entries = null;
        }
    }

    public void restore(String fileName) {
        if (user.mayChange() && Feedback.run(fileName + " restored", () -> files.restore(kind(), fileName, user.actor()))) {
            entries = null;
        }
    }

    private static String text(JsonObject file, String field) {
        return file.get(field) instanceof JsonString value ? value.getString() : null;
    }

    public String getKindParam() {
        return kindParam;
    }

    /** Anything but {@code skills} is the slash commands, as the API's path segment is read. */
    public void setKindParam(String kindParam) {
        this.kindParam = "skills".equals(kindParam) ? "skills" : "slash-commands";
    }

    public boolean isShowRetired() {
        return showRetired;
    }

    public void setShowRetired(boolean showRetired) {
        this.showRetired = showRetired;
        entries = null;
    }

    public boolean isEditing() {
        return baseSha256 != null;
    }

    public String getBaseSha256() {
        return baseSha256;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getFirst() {
        return first;
    }

    public void setFirst(String first) {
        this.first = first;
    }

    public String getSecond() {
        return second;
    }

    public void setSecond(String second) {
        this.second = second;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }
}
