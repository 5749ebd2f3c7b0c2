package dev.codexauth.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables, columns and named indexes that {@code V1__baseline.sql} creates, read from the migration itself so
 * that the adoption check and the baseline can never disagree.
 */
public record BaselineSchema(Map<String, Table> tables) {

    public static final String RESOURCE = "db/migration/V1__baseline.sql";

    private static final Pattern CREATE_TABLE =
            Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\) ENGINE", Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("^(\\w+) [A-Z]+");
    private static final Pattern NAMED_INDEX = Pattern.compile("^(?:UNIQUE |FULLTEXT )?KEY (\\w+) \\(");

    public record Table(String name, List<String> columns, Set<String> indexes) {
    }

    public static BaselineSchema load() {
        try (InputStream in = BaselineSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BaselineSchema parse(String sql) {
        Map<String, Table> tables = new LinkedHashMap<>();
        Matcher table = CREATE_TABLE.matcher(sql);
        while (table.find()) {
            List<String> columns = new java.util.ArrayList<>();
            Set<String> indexes = new LinkedHashSet<>();
            for (String raw : table.group(2).split("\n")) {
                String line = raw.trim();
                if (line.startsWith("PRIMARY KEY")) {
                    indexes.add("PRIMARY");
                    continue;
                }
                Matcher index = NAMED_INDEX.matcher(line);
                if (index.find()) {
                    indexes.add(index.group(1));
                    continue;
                }
                Matcher column = COLUMN.matcher(line);
                if (column.find() && !line.startsWith("CONSTRAINT")) {
                    columns.add(column.group(1));
                }
            }
            tables.put(table.group(1), new Table(table.group(1), List.copyOf(columns), Set.copyOf(indexes)));
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("No CREATE TABLE statement found in " + RESOURCE);
        }
        return new BaselineSchema(Map.copyOf(tables));
    }
}
