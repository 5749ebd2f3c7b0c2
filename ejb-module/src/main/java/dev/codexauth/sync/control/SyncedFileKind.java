package dev.codexauth.sync.control;

import dev.codexauth.sync.entity.Skill;
import dev.codexauth.sync.entity.SlashCommand;
import dev.codexauth.sync.entity.SyncedFile;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two kinds of synced files (sync.md §3, §4): how each names its fields in requests and answers, its messages,
 * its log actions, and whether the server reads metadata from the file's front matter.
 */
public enum SyncedFileKind {

    PROMPT("SlashCommand", "filename", List.of("filename"), "prompt", List.of("prompt", "content"),
            "description", "argument_hint", "commands", "slash", "Slash command not found", true,
            SlashCommand::new),
    SKILL("Skill", "slug", List.of("slug", "filename"), "manifest", List.of("manifest", "content"),
            "display_name", "description", "skills", "skill", "Skill not found", false,
            Skill::new);

    final String entityName;
    final String nameField;
    final List<String> nameAliases;
    final String contentField;
    final List<String> contentAliases;
    final String firstMetadataField;
    final String secondMetadataField;
    final String listField;
    final String logPrefix;
    final String notFound;
    final boolean metadataFromFrontMatter;
    final Supplier<SyncedFile> factory;

    SyncedFileKind(String entityName, String nameField, List<String> nameAliases, String contentField,
                   List<String> contentAliases, String firstMetadataField, String secondMetadataField, String listField,
                   String logPrefix, String notFound, boolean metadataFromFrontMatter, Supplier<SyncedFile> factory) {
        this.entityName = entityName;
        this.nameField = nameField;
        this.nameAliases = nameAliases;
        this.contentField = contentField;
        this.contentAliases = contentAliases;
        this.firstMetadataField = firstMetadataField;
        this.secondMetadataField = secondMetadataField;
        this.listField = listField;
        this.logPrefix = logPrefix;
        this.notFound = notFound;
        this.metadataFromFrontMatter = metadataFromFrontMatter;
        this.factory = factory;
    }

    public String listField() {
        return listField;
    }

    /** The request and answer field that names a file ({@code filename}, {@code slug}); the console's editor uses them too. */
    public String nameField() {
        return nameField;
    }

    public String contentField() {
        return contentField;
    }

    public String firstMetadataField() {
        return firstMetadataField;
    }

    public String secondMetadataField() {
        return secondMetadataField;
    }

    /** The kind served under a path segment: {@code slash-commands} or {@code skills}. */
    public static SyncedFileKind ofPath(String segment) {
        return segment.equals("skills") ? SKILL : PROMPT;
    }

    String mismatchMessage() {
        return "sha256 does not match " + contentField + " contents";
    }
}
