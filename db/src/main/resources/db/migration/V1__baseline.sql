-- Baseline: the schema of the original PHP service, table for table and column for column (spec/schema.md §2).
-- An existing database of the original is adopted at this version without running this file
-- (Flyway baselineOnMigrate with baselineVersion 1); a fresh database is created by it.
-- Timestamps stay VARCHAR(100) text as in the original; the server writes YYYY-MM-DDTHH:MM:SS+00:00 (UTC).

CREATE TABLE hosts (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    fqdn VARCHAR(255) NOT NULL,
    api_key CHAR(64) NOT NULL,
    api_key_hash CHAR(64) NULL,
    api_key_enc LONGTEXT NULL,
    status VARCHAR(32) NOT NULL DEFAULT 'active',
    secure TINYINT(1) NOT NULL DEFAULT 1,
    allow_roaming_ips TINYINT(1) NOT NULL DEFAULT 0,
    last_refresh VARCHAR(100) NULL,
    auth_digest VARCHAR(128) NULL,
    ip VARCHAR(64) NULL,
    client_version VARCHAR(64) NULL,
    wrapper_version VARCHAR(64) NULL,
    api_calls BIGINT UNSIGNED NOT NULL DEFAULT 0,
    created_at VARCHAR(100) NOT NULL,
    updated_at VARCHAR(100) NOT NULL,
    client_version_override VARCHAR(64) NULL,
    insecure_enabled_until DATETIME NULL,
    insecure_grace_until DATETIME NULL,
    insecure_window_minutes INT NULL,
    force_ipv4 TINYINT(1) NOT NULL DEFAULT 0,
    curl_insecure TINYINT(1) NOT NULL DEFAULT 0,
    expires_at VARCHAR(100) NULL,
    vip TINYINT(1) NOT NULL DEFAULT 0,
    model_override VARCHAR(128) NULL,
    reasoning_effort_override VARCHAR(32) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY fqdn (fqdn),
    UNIQUE KEY api_key (api_key),
    KEY idx_hosts_updated_at (updated_at),
    KEY idx_hosts_expires_at (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE auth_payloads (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    last_refresh VARCHAR(100) NOT NULL,
    sha256 CHAR(64) NOT NULL,
    source_host_id BIGINT UNSIGNED NULL,
    created_at VARCHAR(100) NOT NULL,
    body LONGTEXT NULL,
    PRIMARY KEY (id),
    KEY idx_auth_payloads_last_refresh (last_refresh),
    KEY idx_auth_payloads_created_at (created_at),
    CONSTRAINT fk_payload_source_host FOREIGN KEY (source_host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE auth_entries (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    payload_id BIGINT UNSIGNED NOT NULL,
    target VARCHAR(255) NOT NULL,
    token TEXT NOT NULL,
    token_type VARCHAR(32) NULL DEFAULT 'bearer',
    organization VARCHAR(255) NULL,
    project VARCHAR(255) NULL,
    api_base VARCHAR(255) NULL,
    meta JSON NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_entries_payload (payload_id),
    UNIQUE KEY uniq_entry_target (payload_id, target),
    CONSTRAINT fk_entries_payload FOREIGN KEY (payload_id) REFERENCES auth_payloads (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE host_auth_states (
    host_id BIGINT UNSIGNED NOT NULL,
    payload_id BIGINT UNSIGNED NOT NULL,
    seen_digest CHAR(64) NOT NULL,
    seen_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (host_id),
    CONSTRAINT fk_state_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE,
    CONSTRAINT fk_state_payload FOREIGN KEY (payload_id) REFERENCES auth_payloads (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE host_auth_digests (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    host_id BIGINT UNSIGNED NOT NULL,
    digest VARCHAR(128) NOT NULL,
    last_seen VARCHAR(100) NOT NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY unique_host_digest (host_id, digest),
    KEY idx_auth_digest_host (host_id),
    CONSTRAINT fk_digests_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE host_users (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    host_id BIGINT UNSIGNED NOT NULL,
    username VARCHAR(255) NOT NULL,
    hostname VARCHAR(255) NULL,
    first_seen VARCHAR(100) NOT NULL,
    last_seen VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_host_user (host_id, username),
    KEY idx_host_users_host (host_id),
    CONSTRAINT fk_host_users_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE install_tokens (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    token CHAR(64) NOT NULL,
    token_enc LONGTEXT NULL,
    host_id BIGINT UNSIGNED NOT NULL,
    fqdn VARCHAR(255) NOT NULL,
    api_key CHAR(64) NOT NULL,
    api_key_enc LONGTEXT NULL,
    base_url VARCHAR(255) NULL,
    expires_at VARCHAR(100) NOT NULL,
    used_at VARCHAR(100) NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY token (token),
    KEY idx_install_tokens_host (host_id),
    KEY idx_install_tokens_expires_at (expires_at),
    CONSTRAINT fk_install_tokens_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE auth_seed_tokens (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    token CHAR(64) NOT NULL,
    token_enc LONGTEXT NULL,
    base_url VARCHAR(255) NULL,
    expires_at VARCHAR(100) NOT NULL,
    used_at VARCHAR(100) NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY token (token),
    KEY idx_auth_seed_tokens_expires_at (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE token_usage_ingests (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    host_id BIGINT UNSIGNED NULL,
    entries INT UNSIGNED NOT NULL DEFAULT 0,
    total BIGINT UNSIGNED NULL,
    input_tokens BIGINT UNSIGNED NULL,
    output_tokens BIGINT UNSIGNED NULL,
    cached_tokens BIGINT UNSIGNED NULL,
    reasoning_tokens BIGINT UNSIGNED NULL,
    cost DECIMAL(18,6) NULL,
    client_ip VARCHAR(64) NULL,
    payload LONGTEXT NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_usage_ingests_host (host_id),
    KEY idx_usage_ingests_created_at (created_at),
    CONSTRAINT fk_usage_ingests_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE token_usages (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    host_id BIGINT UNSIGNED NULL,
    ingest_id BIGINT UNSIGNED NULL,
    total BIGINT UNSIGNED NULL,
    input_tokens BIGINT UNSIGNED NULL,
    output_tokens BIGINT UNSIGNED NULL,
    cached_tokens BIGINT UNSIGNED NULL,
    reasoning_tokens BIGINT UNSIGNED NULL,
    cost DECIMAL(18,6) NULL,
    model VARCHAR(128) NULL,
    line TEXT NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_token_usage_host (host_id),
    KEY idx_token_usage_ingest (ingest_id),
    KEY idx_token_usage_created_at (created_at),
    CONSTRAINT fk_token_usage_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE SET NULL,
    CONSTRAINT fk_token_usage_ingest FOREIGN KEY (ingest_id) REFERENCES token_usage_ingests (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE chatgpt_usage_snapshots (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    host_id BIGINT UNSIGNED NULL,
    status VARCHAR(16) NOT NULL,
    plan_type VARCHAR(64) NULL,
    rate_allowed TINYINT(1) NULL,
    rate_limit_reached TINYINT(1) NULL,
    primary_used_percent INT UNSIGNED NULL,
    primary_limit_seconds BIGINT UNSIGNED NULL,
    primary_reset_after_seconds BIGINT UNSIGNED NULL,
    primary_reset_at VARCHAR(100) NULL,
    secondary_used_percent INT UNSIGNED NULL,
    secondary_limit_seconds BIGINT UNSIGNED NULL,
    secondary_reset_after_seconds BIGINT UNSIGNED NULL,
    secondary_reset_at VARCHAR(100) NULL,
    has_credits TINYINT(1) NULL,
    unlimited TINYINT(1) NULL,
    credit_balance VARCHAR(128) NULL,
    approx_local_messages TEXT NULL,
    approx_cloud_messages TEXT NULL,
    raw LONGTEXT NULL,
    error TEXT NULL,
    fetched_at VARCHAR(100) NOT NULL,
    next_eligible_at VARCHAR(100) NOT NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_chatgpt_usage_host (host_id),
    KEY idx_chatgpt_usage_fetched (fetched_at),
    CONSTRAINT fk_chatgpt_usage_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE pricing_snapshots (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    model VARCHAR(128) NOT NULL,
    currency VARCHAR(8) NOT NULL DEFAULT 'USD',
    input_price_per_1k DECIMAL(12,6) NOT NULL DEFAULT 0,
    output_price_per_1k DECIMAL(12,6) NOT NULL DEFAULT 0,
    cached_price_per_1k DECIMAL(12,6) NOT NULL DEFAULT 0,
    source_url TEXT NULL,
    raw LONGTEXT NULL,
    fetched_at VARCHAR(100) NOT NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_pricing_model (model),
    KEY idx_pricing_fetched (fetched_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE slash_commands (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    filename VARCHAR(255) NOT NULL,
    sha256 CHAR(64) NOT NULL,
    description TEXT NULL,
    argument_hint VARCHAR(255) NULL,
    prompt LONGTEXT NOT NULL,
    source_host_id BIGINT UNSIGNED NULL,
    created_at VARCHAR(100) NOT NULL,
    updated_at VARCHAR(100) NOT NULL,
    deleted_at VARCHAR(100) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY filename (filename),
    KEY idx_slash_commands_updated_at (updated_at),
    CONSTRAINT fk_slash_commands_host FOREIGN KEY (source_host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE skills (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    slug VARCHAR(255) NOT NULL,
    sha256 CHAR(64) NOT NULL,
    display_name VARCHAR(255) NULL,
    description TEXT NULL,
    manifest LONGTEXT NOT NULL,
    source_host_id BIGINT UNSIGNED NULL,
    created_at VARCHAR(100) NOT NULL,
    updated_at VARCHAR(100) NOT NULL,
    deleted_at VARCHAR(100) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY slug (slug),
    KEY idx_skills_updated_at (updated_at),
    CONSTRAINT fk_skills_host FOREIGN KEY (source_host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agents_documents (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    sha256 CHAR(64) NOT NULL,
    body LONGTEXT NOT NULL,
    source_host_id BIGINT UNSIGNED NULL,
    created_at VARCHAR(100) NOT NULL,
    updated_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_agents_documents_updated_at (updated_at),
    CONSTRAINT fk_agents_documents_host FOREIGN KEY (source_host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE client_config_documents (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    sha256 CHAR(64) NOT NULL,
    body LONGTEXT NOT NULL,
    settings JSON NULL,
    source_host_id BIGINT UNSIGNED NULL,
    created_at VARCHAR(100) NOT NULL,
    updated_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_client_config_documents_updated_at (updated_at),
    CONSTRAINT fk_client_config_documents_host FOREIGN KEY (source_host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE mcp_memories (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    host_id BIGINT UNSIGNED NOT NULL,
    memory_key VARCHAR(128) NOT NULL,
    content LONGTEXT NOT NULL,
    metadata JSON NULL,
    tags JSON NULL,
    tags_text TEXT NULL,
    created_at VARCHAR(100) NOT NULL,
    updated_at VARCHAR(100) NOT NULL,
    deleted_at VARCHAR(100) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_memories_host_key (host_id, memory_key),
    KEY idx_memories_host (host_id),
    FULLTEXT KEY idx_memories_search (content, tags_text),
    CONSTRAINT fk_memories_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE mcp_access_logs (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    host_id BIGINT UNSIGNED NULL,
    client_ip VARCHAR(64) NULL,
    method VARCHAR(64) NOT NULL,
    name VARCHAR(128) NULL,
    success TINYINT(1) NOT NULL DEFAULT 0,
    error_code INT NULL,
    error_message TEXT NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_mcp_logs_host (host_id),
    KEY idx_mcp_logs_method (method),
    KEY idx_mcp_logs_created_at (created_at),
    CONSTRAINT fk_mcp_logs_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE logs (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    host_id BIGINT UNSIGNED NULL,
    action VARCHAR(64) NOT NULL,
    details LONGTEXT NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_logs_host (host_id),
    KEY idx_logs_created_at (created_at),
    CONSTRAINT fk_logs_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ip_rate_limits (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    ip VARCHAR(64) NOT NULL,
    bucket VARCHAR(64) NOT NULL,
    count INT UNSIGNED NOT NULL DEFAULT 0,
    reset_at VARCHAR(100) NOT NULL,
    last_hit VARCHAR(100) NOT NULL,
    created_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_ip_bucket (ip, bucket),
    KEY idx_rate_limits_reset_at (reset_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE versions (
    name VARCHAR(191) NOT NULL,
    version VARCHAR(191) NOT NULL,
    updated_at VARCHAR(100) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
