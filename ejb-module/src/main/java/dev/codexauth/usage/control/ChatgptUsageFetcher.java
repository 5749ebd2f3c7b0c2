package dev.codexauth.usage.control;

import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.http.UpstreamExchange;
import dev.codexauth.usage.entity.ChatgptUsageSnapshot;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the ChatGPT account quota with the canonical credential (sync.md §10): {@code GET <CHATGPT_BASE_URL>/wham/usage}
 * with its {@code tokens.access_token} and {@code tokens.account_id}. Every outcome is a snapshot, failures included;
 * error texts never contain the token.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChatgptUsageFetcher {

    private static final int MAX_RAW_CHARS = 1 << 20;
    /** The quota answer is a few kilobytes; what is kept of it, a megabyte at most. */
    private static final int MAX_ANSWER_BYTES = 4 << 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @EJB
    CanonicalStore canonicalStore;

    @Inject
    ChatgptUsageSettings settings;

    public ChatgptUsageSnapshot fetch(Instant now) {
        Optional<StoredCanonical> canonical;
        try {
            canonical = canonicalStore.current();
        } catch (RuntimeException unavailable) {
            canonical = Optional.empty();
        }
        if (canonical.isEmpty()) {
            return ChatgptQuota.error("Canonical auth.json not available", null, now);
        }
        if (!(canonical.get().canonical().document().get("tokens") instanceof JsonObject tokens)) {
            return ChatgptQuota.error("Canonical auth.json has no tokens object", null, now);
        }
        String accessToken = text(tokens, "access_token");
        if (accessToken.isEmpty()) {
            return ChatgptQuota.error("Canonical auth.json has no access_token", null, now);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.usageUrl()))
                .timeout(Duration.ofSeconds(settings.timeoutSeconds()))
                .header("Authorization", "Bearer " + accessToken)
                .header("User-Agent", "codex-auth")
                .header("Accept", "application/json")
                .GET();
        String accountId = text(tokens, "account_id");
        if (!accountId.isEmpty()) {
            request.header("ChatGPT-Account-Id", accountId);
        }
        UpstreamExchange.Answer response;
        try {
            response = UpstreamExchange.send(HTTP, request.build(), Duration.ofSeconds(settings.timeoutSeconds()), MAX_ANSWER_BYTES);
        } catch (HttpTimeoutException e) {
            return ChatgptQuota.error("Request timed out after " + settings.timeoutSeconds() + " s", null, now);
        } catch (IOException e) {
            return ChatgptQuota.error("Request failed: " + e.getClass().getSimpleName(), null, now);
        } catch (IllegalArgumentException e) {
            return ChatgptQuota.error("Request failed: invalid CHATGPT_BASE_URL", null, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ChatgptQuota.error("Request interrupted", null, now);
        }
        String body = response.body().length() > MAX_RAW_CHARS ? response.body().substring(0, MAX_RAW_CHARS) : response.body();
        if (response.status() / 100 != 2) {
            return ChatgptQuota.error("HTTP " + response.status(), body, now);
        }
        try {
            return ChatgptQuota.ok(body, now);
        } catch (ChatgptQuota.Unreadable e) {
            return ChatgptQuota.error(e.getMessage(), body, now);
        }
    }

    private static String text(JsonObject tokens, String key) {
        return tokens.get(key) instanceof JsonString value ? value.getString().trim() : "";
    }
}
