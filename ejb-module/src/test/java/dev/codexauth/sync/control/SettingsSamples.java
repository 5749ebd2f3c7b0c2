package dev.codexauth.sync.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A settings document that uses every part of the builder, in the loose forms the admin UI sends. */
final class SettingsSamples {

    private SettingsSamples() {
    }

    static JsonObject full() {
        try (InputStream in = SettingsSamples.class.getResourceAsStream("/config-builder/full-settings.json")) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
