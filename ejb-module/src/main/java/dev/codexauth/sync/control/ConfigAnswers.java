package dev.codexauth.sync.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.http.Jsonp;
import dev.codexauth.ops.control.EventBuffer;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A {@code /config/retrieve} answer for a host already authenticated, by the full path ({@link ClientConfigs}) or
 * from memory ({@link dev.codexauth.host.control.SettledHosts}): both answer and log alike.
 */
@ApplicationScoped
public class ConfigAnswers {

    @EJB
    StoredConfig stored;

    @Inject
    EventBuffer eventBuffer;

    /**
     * Body {@code {sha256?}}: missing (the host deletes its file), unchanged when the host has this exact bake, else
     * updated with the content and the profile files.
     *
     * @param baseUrl the public base URL the host reached, for the managed MCP entry ("" when none resolves)
     */
    public JsonObject forHost(Host host, JsonObject body, String baseUrl) {
        Optional<String> known = DocumentFields.sha256(body, "sha256");
        Optional<StoredConfig.Document> document = stored.current();
        JsonObjectBuilder answer = Jsonp.PROVIDER.createObjectBuilder();
        String status;
        if (document.isEmpty()) {
            status = "missing";
            answer.add("status", status);
        } else {
            RenderedConfig rendered = stored.bakedFor(document.get(), host.getModelOverride(), host.getReasoningEffortOverride(), baseUrl);
            status = known.filter(rendered.sha256()::equals).isPresent() ? "unchanged" : "updated";
            answer.add("status", status).add("sha256", rendered.sha256()).add("base_sha256", document.get().sha256())
                    .add("updated_at", Timestamps.format(document.get().updatedAt())).add("size_bytes", size(rendered.content()));
            if (status.equals("updated")) {
                answer.add("content", rendered.content()).add("profiles", profiles(rendered));
                Jsonp.nullable(answer, "default_profile", defaultProfile(document.get().settings(), rendered));
            }
        }
        eventBuffer.record(host.getId(), "config.retrieve", Events.details("status", status));
        return answer.build();
    }

    static JsonArrayBuilder profiles(RenderedConfig rendered) {
        JsonArrayBuilder profiles = Jsonp.PROVIDER.createArrayBuilder();
        for (ProfileFile profile : rendered.profiles()) {
            profiles.add(Jsonp.PROVIDER.createObjectBuilder().add("name", profile.name()).add("filename", profile.filename())
                    .add("sha256", profile.sha256()).add("content", profile.content()));
        }
        return profiles;
    }

    /** The fleet's default profile when a profile of that name is delivered; Codex 0.169 ignores a missing file. */
    static String defaultProfile(JsonObject settings, RenderedConfig rendered) {
        if (settings == null || !(settings.get("profile") instanceof JsonString name)) {
            return null;
        }
        return rendered.profiles().stream().map(ProfileFile::name).filter(name.getString()::equals).findFirst().orElse(null);
    }

    static int size(String content) {
        return content.getBytes(StandardCharsets.UTF_8).length;
    }
}
