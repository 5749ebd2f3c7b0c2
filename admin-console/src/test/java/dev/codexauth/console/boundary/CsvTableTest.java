package dev.codexauth.console.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTableTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://evil\")"})
    void aCellThatASpreadsheetWouldRunAsAFormulaStartsWithAQuote(String typed) {
        assertThat(CsvTable.cell(typed)).isEqualTo("\"'" + typed.replace("\"", "\"\"") + "\"");
    }

    @Test
    void otherCellsAreQuotedAsTheyAre() {
        assertThat(CsvTable.cell("alice")).isEqualTo("\"alice\"");
        assertThat(CsvTable.cell("a \"quoted\", name")).isEqualTo("\"a \"\"quoted\"\", name\"");
        assertThat(CsvTable.cell("1=1")).isEqualTo("\"1=1\"");
        assertThat(CsvTable.cell("")).isEqualTo("\"\"");
        assertThat(CsvTable.cell(null)).isEmpty();
    }

    @Test
    void aTableIsItsHeaderThenOneLinePerRow() {
        String csv = CsvTable.of(List.of("id", "actor"), Stream.of(List.of("1", "=1+1"), Arrays.asList("2", null)));

        assertThat(csv).isEqualTo("\"id\",\"actor\"\n\"1\",\"'=1+1\"\n\"2\",");
    }
}
