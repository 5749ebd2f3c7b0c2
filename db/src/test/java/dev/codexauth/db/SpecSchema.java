package dev.codexauth.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of {@code spec/schema.md} §2 as the DBAs read them: columns with type, nullability and default,
 * indexes and foreign keys. Parsed from the markdown so the test compares the database with the document itself.
 */
record SpecSchema(Map<String, Table> tables) {

    record Column(String name, String type, boolean nullable, String defaultValue, boolean autoIncrement) {
    }

    /** An index: its name, whether it is unique or full-text, and its columns in order. */
    record Index(String name, String kind, List<String> columns) {
    }

    record ForeignKey(String name, String column, String references, String onDelete) {
    }

    record Table(String name, List<Column> columns, List<Index> indexes, List<ForeignKey> foreignKeys) {
    }

    private static final Pattern SECTION = Pattern.compile("^### 2\\.\\d+ `(\\w+)`");
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| ([A-Z0-9(), ]+?) \\| ([^|]+) \\|(.*)\\|$");
    private static final Pattern DEFAULT = Pattern.compile("DEFAULT `?'?([^`']+)'?`?");
    private static final Pattern FK = Pattern.compile(
            "FK `(\\w+)` → `(\\w+)\\((\\w+)\\)` ON DELETE (SET NULL|CASCADE)");
    private static final Pattern INDEX_ITEM = Pattern.compile("(PK |UNIQUE |\\*\\*FULLTEXT\\*\\* )?`(\\w+)(?: \\(([\\w, ]+)\\))?`");

    static SpecSchema load() {
        try (InputStream in = SpecSchema.class.getResourceAsStream("/spec/schema.md")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpecSchema parse(String markdown) {
        Map<String, Table> tables = new LinkedHashMap<>();
        String[] lines = markdown.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher section = SECTION.matcher(lines[i]);
            if (!section.find()) {
                continue;
            }
            String table = section.group(1);
            List<Column> columns = new ArrayList<>();
            List<Index> indexes = new ArrayList<>();
            List<ForeignKey> foreignKeys = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.length && !lines[j].startsWith("### "); j++) {
                Matcher row = ROW.matcher(lines[j]);
                if (row.find()) {
                    String column = row.group(1);
                    String nullDefault = row.group(3).trim();
                    String notes = row.group(4);
                    Matcher dflt = DEFAULT.matcher(nullDefault);
                    columns.add(new Column(column, row.group(2).trim(), !nullDefault.startsWith("NOT NULL"),
                            dflt.find() ? dflt.group(1) : null, nullDefault.contains("AUTO_INCREMENT")));
                    if (notes.trim().startsWith("PK")) {
                        indexes.add(new Index("PRIMARY", "unique", List.of(column)));
                    }
                    Matcher fk = FK.matcher(notes);
                    if (fk.find()) {
                        foreignKeys.add(new ForeignKey(fk.group(1), column, fk.group(2), fk.group(4)));
                    }
                } else if (lines[j].startsWith("Index")) {
                    StringBuilder paragraph = new StringBuilder(lines[j]);
                    while (j + 1 < lines.length && !lines[j + 1].isBlank()) {
                        paragraph.append(' ').append(lines[++j]);
                    }
                    parseIndexes(paragraph.toString(), indexes);
                }
            }
            i = j - 1;
            tables.put(table, new Table(table, columns, indexes, foreignKeys));
        }
        return new SpecSchema(tables);
    }

    private static void parseIndexes(String paragraph, List<Index> indexes) {
        String list = paragraph.substring(paragraph.indexOf(':') + 1);
        int end = list.indexOf(". ");
        Matcher item = INDEX_ITEM.matcher(end > 0 ? list.substring(0, end) : list);
        while (item.find()) {
            String prefix = item.group(1) == null ? "" : item.group(1);
            if (prefix.startsWith("PK")) {
                continue;
            }
            String kind = prefix.isEmpty() ? "index" : prefix.contains("FULLTEXT") ? "fulltext" : "unique";
            String name = item.group(2);
            List<String> columns = item.group(3) == null ? List.of(name) : List.of(item.group(3).split(",\\s*"));
            indexes.add(new Index(name, kind, columns));
        }
    }
}
