package dev.codexauth.console.boundary;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The admin API's CSV exports: every cell quoted (RFC 4180), and a cell that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, a tab or a carriage return) prefixed with a single quote, as OWASP advises against
 * CSV injection. The cells hold what anybody typed, such as the user name of a failed sign-in in the audit trail.
 */
final class CsvTable {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvTable() {
    }

    /** The header line, then one line per row; {@code null} cells are empty. */
    static String of(List<String> header, Stream<List<String>> rows) {
        return Stream.concat(Stream.of(header), rows)
                .map(row -> row.stream().map(CsvTable::cell).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n"));
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
