package dev.codexauth.sync.control;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.UnmodifiableConfig;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.toml.TomlFormat;
import com.electronwill.nightconfig.toml.TomlParser;
import com.electronwill.nightconfig.toml.TomlWriter;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlVersion;

/**
 * A TOML document assembled from night-config tables and written in the layout of sync.md 2.3: entries in insertion
 * order, a table's plain keys before its sub-tables, no indentation, one blank line between tables, {@code \n} line
 * ends, single-line basic strings. Tables made with {@link #inlineTable()} are written as {@code k = {...}}.
 */
final class TomlDocument {

    private final Set<UnmodifiableConfig> inlineTables = Collections.newSetFromMap(new IdentityHashMap<>());
    private final CommentedConfig root = newTable();

    CommentedConfig root() {
        return root;
    }

    /** The {@code [key]} table of parent, created on first use. */
    CommentedConfig table(Config parent, String key) {
        CommentedConfig existing = parent.get(List.of(key));
        if (existing != null) {
            return existing;
        }
        CommentedConfig table = newTable();
        parent.set(List.of(key), table);
        return table;
    }

    CommentedConfig inlineTable() {
        CommentedConfig table = newTable();
        inlineTables.add(table);
        return table;
    }

    /** Sets a value under a single key (a key with dots stays one key); null leaves the key out. */
    static void put(Config table, String key, Object value) {
        if (value != null) {
            table.set(List.of(key), value);
        }
    }

    String text() {
        TomlWriter writer = new TomlWriter();
        writer.setIndent("");
        writer.setNewline("\n");
        writer.setWriteStringMultilinePredicate(text -> false);
        writer.setWriteTableInlinePredicate(inlineTables::contains);
        return writer.writeToString(root);
    }

    /** Parses TOML text; {@link ParsingException} when it is not valid TOML. */
    static CommentedConfig parse(String text) {
        return new TomlParser().parse(text);
    }

    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ParsingException invalid) {
            return false;
        }
    }

    /**
     * The first error a strict TOML 1.0 parser (tomlj) finds, null when there is none. night-config reads TOML that
     * Codex refuses (integers beyond 64 bits, a table declared twice, an inline table extended by a dotted key, ...);
     * tomlj reads a few forms night-config refuses. Together they refuse every invalid form tried (toml-test's TOML
     * 1.0 cases and those checked with Codex 0.169, docs/config-toml.md §4).
     */
    static TomlParseError strictError(String text) {
        try {
            return Toml.parse(text, TomlVersion.V1_0_0).errors().stream()
                    .min(Comparator.comparingInt((TomlParseError error) -> error.position().line())
                            .thenComparingInt(error -> error.position().column()))
                    .orElse(null);
        } catch (TomlParseError thrown) {
            // tomlj throws, instead of listing, a bad escape in a quoted key of a table header.
            return thrown;
        }
    }

    private static CommentedConfig newTable() {
        return TomlFormat.newConfig(LinkedHashMap::new);
    }
}
