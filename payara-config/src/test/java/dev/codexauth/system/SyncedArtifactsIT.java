package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static dev.codexauth.system.Fleet.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prompts, skills and AGENTS.md as a host and an admin see them (sync.md §3–5, admin.md §2.9): manifests, the
 * retrieve statuses, round trips of add, change and retire, revival, optimistic locking and the base64 pushes of
 * bash hosts.
 */
class SyncedArtifactsIT {

    private static Fleet.HostKey laptop;
    private static String ip;

    @BeforeAll
    static void aHost() {
        laptop = Fleet.newHost();
        ip = Fleet.freshIp();
    }

    @Test
    void aPromptTravelsFromAdminToHostsUntilRetiredAndBack() {
        String prompt = "---\ndescription: \"Review the diff\"\nargument-hint: [files]\n---\nReview $ARGUMENTS carefully.\n";
        JsonObject created = ok(admin("POST", "/admin/api/slash-commands/store", json("filename", "review.md", "prompt", prompt)));
        assertThat(created.getString("status")).isEqualTo("created");
        String sha = created.getString("sha256");
        assertThat(sha).isEqualTo(AuthDecisionTableIT.sha256(prompt));

        JsonObject entry = manifestEntry("/slash-commands", "commands", "filename", "review.md");
        assertThat(entry.getString("sha256")).isEqualTo(sha);
        assertThat(entry.getString("description")).isEqualTo("Review the diff");
        assertThat(entry.getString("argument_hint")).isEqualTo("[files]");
        assertThat(entry.isNull("deleted_at")).isTrue();

        JsonObject fresh = ok(hostCall("POST", "/slash-commands/retrieve", json("filename", "review.md")));
        assertThat(fresh.getString("status")).isEqualTo("updated");
        assertThat(fresh.getString("prompt")).isEqualTo(prompt);
        JsonObject same = ok(hostCall("POST", "/slash-commands/retrieve", json("filename", "review.md", "sha256", sha)));
        assertThat(same.getString("status")).isEqualTo("unchanged");
        assertThat(same.containsKey("prompt")).isFalse();

        JsonObject changed = ok(admin("POST", "/admin/api/slash-commands/store", json("filename", "review.md", "prompt", prompt + "More.\n",
                "base_sha256", sha)));
        assertThat(changed.getString("status")).isEqualTo("updated");
        assertThat(ok(hostCall("POST", "/slash-commands/retrieve", json("filename", "review.md", "sha256", sha))).getString("prompt"))
                .endsWith("More.\n");

        assertThat(ok(admin("DELETE", "/admin/api/slash-commands/review.md", null)).getString("deleted")).isEqualTo("review.md");
        JsonObject tombstone = manifestEntry("/slash-commands", "commands", "filename", "review.md");
        assertThat(tombstone.isNull("deleted_at")).isFalse();
        JsonObject deleted = ok(hostCall("POST", "/slash-commands/retrieve", json("filename", "review.md")));
        assertThat(deleted.getString("status")).isEqualTo("deleted");
        assertThat(ok(admin("GET", "/admin/api/slash-commands", null)).getJsonArray("commands").toString()).doesNotContain("review.md");
        assertThat(ok(admin("GET", "/admin/api/slash-commands?include_retired=1", null)).getJsonArray("commands").toString()).contains("review.md");

        JsonObject revived = ok(hostCall("POST", "/slash-commands/store", json("filename", "review.md", "prompt", prompt + "More.\n")));
        assertThat(revived.getString("status")).as("an identical store revives a retired prompt").isEqualTo("updated");
        assertThat(ok(hostCall("POST", "/slash-commands/retrieve", json("filename", "review.md"))).getString("status")).isEqualTo("updated");
    }

    @Test
    void aHostPushesItsEditsAsBase64AndBecomesTheSource() throws Exception {
        String text = "---\ndescription: Explain\n---\nExplain the code in plain words. Ünïcode ✓\n";
        String body = json("filename", "explain.md", "content_b64", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)),
                "sha256", AuthDecisionTableIT.sha256(text));

        assertThat(ok(hostCall("POST", "/slash-commands/store", body)).getString("status")).isEqualTo("created");
        assertThat(ok(hostCall("POST", "/slash-commands/store", body)).getString("status")).isEqualTo("unchanged");

        JsonObject read = ok(admin("GET", "/admin/api/slash-commands/explain.md", null));
        assertThat(read.getString("prompt")).isEqualTo(text);
        assertThat(read.getString("description")).isEqualTo("Explain");
        assertThat(Fleet.scalar("SELECT source_host_id FROM slash_commands WHERE filename = 'explain.md'")).isEqualTo(laptop.id());
    }

    @Test
    void badStoresAreRefusedWithTheFieldAndNothingIsWritten() {
        assertField(hostCall("POST", "/slash-commands/store", json("filename", "../etc/passwd", "prompt", "x")), "filename");
        assertField(hostCall("POST", "/slash-commands/store", json("filename", "bad name.md", "prompt", "x")), "filename");
        assertField(hostCall("POST", "/slash-commands/store", json("filename", "blank.md", "prompt", "  \n")), "prompt");
        assertField(hostCall("POST", "/slash-commands/store", json("filename", "sum.md", "prompt", "x", "sha256",
                AuthDecisionTableIT.sha256("y"))), "sha256");
        assertField(hostCall("POST", "/slash-commands/store", json("filename", "b64.md", "content_b64", "@@not base64@@")), "content_b64");
        assertField(hostCall("POST", "/slash-commands/retrieve", json("filename", "x.md", "sha256", "abc")), "sha256");
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM slash_commands WHERE filename IN ('blank.md', 'sum.md', 'b64.md')")).isEqualTo(0L);
    }

    @Test
    void editorsSavingOverAVersionTheyNeverSawGetAConflict() {
        String first = ok(admin("POST", "/admin/api/skills/store", json("slug", "deploy", "manifest", "---\nname: deploy\n---\nv1\n",
                "display_name", "Deploy"))).getString("sha256");
        ok(admin("POST", "/admin/api/skills/store", json("slug", "deploy", "manifest", "v2\n", "display_name", "Deploy", "base_sha256", first)));

        HttpResult stale = admin("POST", "/admin/api/skills/store", json("slug", "deploy", "manifest", "v3\n", "base_sha256", first));

        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().getString("code")).isEqualTo("stale_version");
        assertThat(stale.json().getJsonObject("details").getString("sha256")).isEqualTo(AuthDecisionTableIT.sha256("v2\n"));
        assertThat(admin("GET", "/admin/api/skills/deploy", null).header("ETag")).contains(AuthDecisionTableIT.sha256("v2\n"));
    }

    @Test
    void aDescriptionLongerThanItsColumnIsRefusedOnCreateAndOnUpdate() {
        String description = "d".repeat(65_536); // a byte more than its TEXT column holds
        ok(hostCall("POST", "/skills/store", json("slug", "wordy", "manifest", "short\n")));

        HttpResult update = hostCall("POST", "/skills/store", json("slug", "wordy", "manifest", "short\n", "description", description));
        HttpResult create = hostCall("POST", "/skills/store", json("slug", "wordier", "manifest", "short\n", "description", description));

        assertThat(update.status()).as(update.body()).isEqualTo(422);
        assertThat(create.status()).as(create.body()).isEqualTo(422);
        assertThat(ok(hostCall("POST", "/skills/store", json("slug", "wordy", "manifest", "short\n",
                "description", "d".repeat(65_535)))).getString("status")).isEqualTo("updated");
    }

    @Test
    void skillsKeepOnlyTheMetadataTheyAreGiven() {
        ok(hostCall("POST", "/skills/store", json("slug", "lint", "manifest", "---\nname: lint\n---\nRun the linter.\n",
                "display_name", "Lint", "description", "Runs the linter")));

        JsonObject entry = manifestEntry("/skills", "skills", "slug", "lint");
        assertThat(entry.getString("display_name")).isEqualTo("Lint");
        JsonObject again = ok(hostCall("POST", "/skills/store", json("slug", "lint", "manifest", "---\nname: lint\n---\nRun the linter.\n")));
        assertThat(again.getString("status")).as("dropping the metadata is a change").isEqualTo("updated");
        assertThat(manifestEntry("/skills", "skills", "slug", "lint").isNull("display_name")).isTrue();
        assertThat(ok(hostCall("POST", "/skills/retrieve", json("filename", "lint"))).getString("manifest")).startsWith("---\nname: lint");
        assertThat(ok(hostCall("POST", "/skills/retrieve", json("slug", "nope"))).getString("status")).isEqualTo("missing");
        assertThat(viewer("POST", "/admin/api/skills/store", json("slug", "x", "manifest", "y")).status()).isEqualTo(403);
    }

    @Test
    void agentsMdIsWrittenByAdminsAndPulledByHosts() {
        admin("DELETE", "/admin/api/agents", null);
        assertThat(ok(hostCall("POST", "/agents/retrieve", "{}")).getString("status")).isEqualTo("missing");

        String text = "# Fleet rules\n\nAlways run the tests.\n";
        JsonObject stored = ok(admin("POST", "/admin/api/agents/store", json("content", text)));
        assertThat(stored.getString("status")).isEqualTo("created");
        assertThat(stored.getInt("size_bytes")).isEqualTo(text.length());
        assertThat(ok(admin("POST", "/admin/api/agents/store", json("body", text))).getString("status")).isEqualTo("unchanged");

        JsonObject pulled = ok(hostCall("POST", "/agents/retrieve", "{}"));
        assertThat(pulled.getString("status")).isEqualTo("updated");
        assertThat(pulled.getString("content")).isEqualTo(text);
        assertThat(ok(hostCall("POST", "/agents/retrieve", json("sha256", stored.getString("sha256")))).getString("status")).isEqualTo("unchanged");
        assertField(hostCall("POST", "/agents/retrieve", json("sha256", "xyz")), "sha256");
        assertField(admin("POST", "/admin/api/agents/store", json("content", "other", "sha256", stored.getString("sha256"))), "sha256");

        assertThat(ok(admin("POST", "/admin/api/agents/store", json("content", "", "base_sha256", stored.getString("sha256"))))
                .getString("status")).as("an empty AGENTS.md is a document").isEqualTo("updated");
        assertThat(admin("POST", "/admin/api/agents/store", json("content", "late", "base_sha256", stored.getString("sha256"))).status())
                .isEqualTo(409);

        assertThat(ok(admin("DELETE", "/admin/api/agents", null)).getString("status")).isEqualTo("missing");
        assertThat(ok(hostCall("POST", "/agents/retrieve", "{}")).getString("status")).isEqualTo("missing");
    }

    @Test
    void manifestsReadAsLinesForBashHosts() {
        ok(admin("POST", "/admin/api/slash-commands/store", json("filename", "lines.md", "prompt", "two\nlines\n")));

        HttpResult answer = host(ip, "POST", "/slash-commands/retrieve", laptop.key(), json("filename", "lines.md"), Map.of("Accept", "text/plain"));

        assertThat(answer.body()).contains("data.prompt=two\\nlines\\n\n").contains("data.status=updated\n");
    }

    private static HttpResult hostCall(String method, String path, String body) {
        return host(ip, method, path, laptop.key(), body);
    }

    private static JsonObject manifestEntry(String path, String listField, String nameField, String name) {
        for (JsonObject entry : ok(hostCall("GET", path, null)).getJsonArray(listField).getValuesAs(JsonObject.class)) {
            if (entry.getString(nameField).equals(name)) {
                return entry;
            }
        }
        throw new AssertionError(name + " not in " + path);
    }

    private static JsonObject ok(HttpResult result) {
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.data();
    }

    private static void assertField(HttpResult result, String field) {
        assertThat(result.status()).as(result.body()).isEqualTo(422);
        assertThat(result.json().getJsonObject("errors").containsKey(field)).as(result.body()).isTrue();
    }
}
