package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.usage.control.UsageRows.IngestInsert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which servers get the multi-row INSERT … RETURNING, read from the version the driver reports. */
class IngestInsertTest {

    @ParameterizedTest
    @CsvSource({
        "5.5.5-10.11.19-MariaDB-0+deb12u1, RETURNING",
        "11.4.5-MariaDB, RETURNING",
        "10.5.0-MariaDB-log, RETURNING",
        "5.5.5-10.4.34-MariaDB, ONE_BY_ONE",
        "8.0.40, ONE_BY_ONE",
        "8.4.3-commercial, ONE_BY_ONE",
        "5.7.44-log, ONE_BY_ONE",
    })
    void mariaDb105AndLaterReturnTheIds(String serverVersion, IngestInsert expected) {
        assertThat(IngestInsert.forServer(serverVersion)).isEqualTo(expected);
    }
}
