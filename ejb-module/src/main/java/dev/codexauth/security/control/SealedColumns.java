package dev.codexauth.security.control;

import java.util.List;

/** Every column that holds a sealed secret (host-api.md §5.17), with the primary key that identifies its rows. */
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
            new Column("auth_seed_tokens", "id", "token_enc"));

    private SealedColumns() {
    }
}
