package dev.codexauth.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkillManifestTest {

    private static final SkillManifest RELEASE_NOTES = new SkillManifest("Release notes", "Writes release notes: from the log",
            List.of("git", "docs", "git"), "Drafts the notes.\n\nIn Markdown.", "When a tag is cut.", "1. Read the log.\n2. Group it.");

    @Test
    void composesTheTemplateOfTheSpec() {
        assertThat(RELEASE_NOTES.compose()).isEqualTo("""
                ---
                name: Release notes
                description: "Writes release notes: from the log"
                tags:
                  - git
                  - docs
                ---

                # What this skill does

                Drafts the notes.

                In Markdown.

                ## When to use this skill

                When a tag is cut.

                ## Step-by-Step Instructions

                1. Read the log.
                2. Group it.
                """);
    }

    @Test
    void readsBackWhatItComposed() {
        assertThat(SkillManifest.parse(RELEASE_NOTES.compose())).contains(RELEASE_NOTES);
        SkillManifest odd = new SkillManifest("Quote \"this\" \\ here", "", List.of(), "a", "b", "# not a heading of ours");
        assertThat(SkillManifest.parse(odd.compose())).contains(odd);
        assertThat(SkillManifest.parse(RELEASE_NOTES.compose().replace("\n", "\r\n"))).as("Windows line ends").contains(RELEASE_NOTES);
    }

    @Test
    void anythingOutsideTheTemplateIsLeftToRawEditing() {
        assertThat(SkillManifest.parse("---\nname: Console skill\n---\n# What this skill does\nNothing much.")).isEmpty();
        assertThat(SkillManifest.parse(RELEASE_NOTES.compose().replace("tags:", "license: MIT\ntags:"))).as("an extra key").isEmpty();
        assertThat(SkillManifest.parse(RELEASE_NOTES.compose() + "\n## Notes\n\nkept\n")).as("text after the steps survives")
                .hasValueSatisfying(parsed -> assertThat(parsed.compose()).isEqualTo(RELEASE_NOTES.compose() + "\n## Notes\n\nkept\n"))
                .isPresent();
        assertThat(SkillManifest.parse(null)).isEmpty();
        assertThat(SkillManifest.parse("")).isEmpty();
    }

    @Test
    void autoFillMakesASlugOfTheName() {
        assertThat(SkillManifest.slugOf("  Release Notes: v2 (draft)! ")).isEqualTo("release-notes-v2-draft");
        assertThat(SkillManifest.slugOf("Über--Fix")).isEqualTo("ber-fix");
        assertThat(SkillManifest.slugOf("a".repeat(62) + " bcd")).isEqualTo("a".repeat(62));
        assertThat(SkillManifest.slugOf(null)).isEmpty();
    }
}
