package dev.codexauth.sync.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.codexauth.http.ValidationFailed;
import jakarta.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredConfigTest {

    @Test
    void aStoredDocumentThatNoLongerRendersIsRefusedFromMemoryUntilItChanges() {
        // Saved by an older build: a check added since refuses the custom TOML. Naming its bad line parses each prefix,
        // seconds for a large one, which every host's config retrieve would pay again.
        StoredConfig.Document refused = document("[tui]\nx = 1\n[tui]\ny = 2\n");
        StoredConfig stored = new StoredConfig();

        ValidationFailed first = catchThrowableOfType(() -> stored.bakedFor(refused, null, null, "https://central.example"), ValidationFailed.class);
        ValidationFailed again = catchThrowableOfType(() -> stored.bakedFor(refused, null, null, "https://central.example"), ValidationFailed.class);

        assertThat(first.errors().get("custom_toml")).singleElement().asString().contains("Line 3 ", "declared twice");
        assertThat(again).isSameAs(first);

        stored.invalidate();
        assertThat(stored.bakedFor(document("[tui]\nx = 1\n"), null, null, "https://central.example").content()).endsWith("[tui]\nx = 1\n");
    }

    private static StoredConfig.Document document(String customToml) {
        return new StoredConfig.Document("sha", "", ConfigSettings.normalize(Json.createObjectBuilder().add("custom_toml", customToml).build()),
                Instant.parse("2026-12-01T10:00:00Z"));
    }
}
