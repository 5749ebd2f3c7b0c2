package dev.codexauth.security.control;

import java.util.List;

/**
 * Every column that holds a lasting sealed secret (host-api.md §5.17), with the primary key that identifies its rows:
 * what the re-seal job rewrites under the active key and the ciphertext audit checks before an old key may go.
 * {@code provider_flows.secret_enc} is not one: a flow's PKCE verifier or device code serves only the minutes of that
 * flow, and its id is not a number the re-seal can page by.
 */
public final class SealedColumns {

    public record Column(String table, String key, String column) {
        public String label() {
            return table + "." + column;
        }
    }

    public static final List<Column> ALL = List.of(
            new Column("hosts", "id", "api_key_enc"),
            new Column("auth_payloads", "id", "body"),
            new Column("auth_entries", "id", "token"),
            new Column("install_tokens", "id", "token_enc"),
            new Column("install_tokens", "id", "api_key_enc"),
            new Column("auth_seed_tokens", "id", "token_enc"),
            new Column("provider_credentials", "id", "payload_enc"));

    private SealedColumns() {
    }
}
