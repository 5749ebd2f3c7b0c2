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
import java.util.ArrayList;
import java.util.List;
import org.primefaces.event.TabChangeEvent;

/**
 * {@code /admin/files.xhtml?kind=slash-commands|skills}: the fleet's slash-command prompts and skills - list, edit,
 * retire (confirmed) and restore - through {@link SyncedFiles} as {@code /admin/api/slash-commands} and
 * {@code /admin/api/skills} do. Saving names the version the editor started from, so a change saved elsewhere
 * meanwhile is refused with the stale-version message instead of being overwritten. A skill is edited in the
 * fields of its template ({@link SkillManifest}) unless its manifest does not follow it; the raw tab edits the text.
 */
@Named
@ViewScoped
public class SyncedFilesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int FIELDS_TAB = 0;
    private static final int RAW_TAB = 1;

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
    private int editorTab = FIELDS_TAB;
    private List<String> tags = new ArrayList<>();
    private String whatItDoes;
    private String whenToUse;
    private String steps;

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
        fillSkillFields(SkillManifest.EMPTY);
        editorTab = FIELDS_TAB;
    }

    public void edit(String fileName) {
        JsonObject file = Feedback.attempt(() -> files.adminRead(kind(), fileName), null);
        if (file != null) {
            name = file.getString(kind().nameField());
            first = text(file, kind().firstMetadataField());
            second = text(file, kind().secondMetadataField());
            content = file.getString(kind().contentField());
            baseSha256 = file.getString("sha256");
            if (isSkills()) {
                openSkillManifest();
            }
        }
    }

    private void openSkillManifest() {
        SkillManifest.parse(content).ifPresentOrElse(manifest -> {
            fillSkillFields(manifest);
            editorTab = FIELDS_TAB;
        }, () -> {
            fillSkillFields(SkillManifest.EMPTY);
            editorTab = RAW_TAB;
        });
    }

    private void fillSkillFields(SkillManifest manifest) {
        tags = new ArrayList<>(manifest.tags());
        whatItDoes = manifest.whatItDoes();
        whenToUse = manifest.whenToUse();
        steps = manifest.steps();
    }

    private SkillManifest skillFromFields() {
        return new SkillManifest(first, second, tags, whatItDoes, whenToUse, steps);
    }

    /** Proposes the slug of the skill name (a slug already saved is the skill's identity and stays). */
    public void autoFillSlug() {
        if (!isEditing()) {
            name = SkillManifest.slugOf(first);
        }
    }

    /** The raw tab shows what the fields compose; going back, the fields are read from the text if it keeps the template. */
    public void switchEditorTab(TabChangeEvent<?> event) {
        if ("rawTab".equals(event.getTab().getId())) {
            content = skillFromFields().compose();
            editorTab = RAW_TAB;
            return;
        }
        editorTab = RAW_TAB;
        SkillManifest.parse(content).ifPresentOrElse(manifest -> {
            fillSkillFields(manifest);
            first = manifest.name();
            second = manifest.description();
            editorTab = FIELDS_TAB;
        }, () -> Feedback.error("This manifest does not follow the template (name, description and tags, then the three"
                + " headings); edit it as raw text"));
    }

    /** The structured form's required fields, each with its message next to it; true when all are there. */
    private boolean skillFieldsComplete() {
        boolean complete = true;
        for (String[] field : new String[][] {{"files:first", first, "Skill name is required"}, {"files:name", name, "Slug is required"},
                {"files:skillEditor:whatItDoes", whatItDoes, "What this skill does is required"},
                {"files:skillEditor:whenToUse", whenToUse, "When to use this skill is required"},
                {"files:skillEditor:steps", steps, "Step-by-step instructions are required"}}) {
            if (field[1] == null || field[1].isBlank()) {
                Feedback.fieldError(field[0], field[2]);
                complete = false;
            }
        }
        return complete;
    }

    public void save() {
        if (!user.mayChange()) {
            return;
        }
        if (isSkills() && editorTab == FIELDS_TAB) {
            if (!skillFieldsComplete()) {
                return;
            }
            content = skillFromFields().compose();
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

    public int getEditorTab() {
        return editorTab;
    }

    public void setEditorTab(int editorTab) {
        this.editorTab = editorTab;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags);
    }

    public String getWhatItDoes() {
        return whatItDoes;
    }

    public void setWhatItDoes(String whatItDoes) {
        this.whatItDoes = whatItDoes;
    }

    public String getWhenToUse() {
        return whenToUse;
    }

    public void setWhenToUse(String whenToUse) {
        this.whenToUse = whenToUse;
    }

    public String getSteps() {
        return steps;
    }

    public void setSteps(String steps) {
        this.steps = steps;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }
}
