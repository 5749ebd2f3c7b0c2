package dev.codexauth.console.pages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A skill's SKILL.md in the template of admin.md §3.5: front matter {@code name}, {@code description} and a
 * {@code tags} list, then the headings {@code # What this skill does}, {@code ## When to use this skill} and
 * {@code ## Step-by-Step Instructions}. {@link #parse} only accepts a manifest that {@link #compose} gives back
 * unchanged, so editing the fields never drops anything a person wrote outside the template.
 */
record SkillManifest(String name, String description, List<String> tags, String whatItDoes, String whenToUse, String steps) {

    static final SkillManifest EMPTY = new SkillManifest(null, null, null, null, null, null);
    static final int SLUG_MAX = 63;
    private static final String WHAT = "# What this skill does";
    private static final String WHEN = "## When to use this skill";
    private static final String STEPS = "## Step-by-Step Instructions";
    /** A YAML scalar written without quotes: nothing YAML would read differently. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.,()/+-]*");
    private static final Pattern TEMPLATE = Pattern.compile("---\nname: (.*)\ndescription: (.*)\ntags:(?: \\[]|((?:\n  - .*)+))\n---\n\n"
            + Pattern.quote(WHAT) + "\n\n([\\s\\S]*)\n\n" + Pattern.quote(WHEN) + "\n\n([\\s\\S]*)\n\n" + Pattern.quote(STEPS)
            + "\n\n([\\s\\S]*)\n");

    SkillManifest {
        name = line(name);
        description = line(description);
        tags = tags == null ? List.of() : List.copyOf(new LinkedHashSet<>(tags.stream().map(SkillManifest::line)
                .filter(tag -> !tag.isEmpty()).toList()));
        whatItDoes = block(whatItDoes);
        whenToUse = block(whenToUse);
        steps = block(steps);
    }

    /** The SKILL.md text hosts install. */
    String compose() {
        StringBuilder text = new StringBuilder("---\nname: ").append(scalar(name)).append("\ndescription: ").append(scalar(description))
                .append("\ntags:");
        if (tags.isEmpty()) {
            text.append(" []");
        }
        tags.forEach(tag -> text.append("\n  - ").append(scalar(tag)));
        return text.append("\n---\n\n").append(WHAT).append("\n\n").append(whatItDoes).append("\n\n").append(WHEN).append("\n\n")
                .append(whenToUse).append("\n\n").append(STEPS).append("\n\n").append(steps).append('\n').toString();
    }

    /** The fields of a manifest written in the template; empty for any other text, which is then edited as it is. */
    static Optional<SkillManifest> parse(String manifest) {
        if (manifest == null) {
            return Optional.empty();
        }
        String text = manifest.replace("\r\n", "\n");
        Matcher template = TEMPLATE.matcher(text);
        if (!template.matches()) {
            return Optional.empty();
        }
        List<String> tags = new ArrayList<>();
        if (template.group(3) != null) {
            for (String item : template.group(3).substring(1).split("\n")) {
                tags.add(unscalar(item.substring("  - ".length())));
            }
        }
        SkillManifest parsed = new SkillManifest(unscalar(template.group(1)), unscalar(template.group(2)), tags, template.group(4),
                template.group(5), template.group(6));
        return parsed.compose().equals(text) ? Optional.of(parsed) : Optional.empty();
    }

    /** The slug Auto-fill proposes: lower-case, each run of other characters one {@code -}, trimmed, at most 63. */
    static String slugOf(String name) {
        String slug = (name == null ? "" : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() <= SLUG_MAX ? slug : slug.substring(0, SLUG_MAX).replaceAll("-+$", "");
    }

    private static String line(String value) {
        return value == null ? "" : value.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String block(String value) {
        return value == null ? "" : value.replace("\r\n", "\n").strip();
    }

    private static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !value.endsWith(" ")) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String unscalar(String written) {
        if (written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return written;
    }
}
