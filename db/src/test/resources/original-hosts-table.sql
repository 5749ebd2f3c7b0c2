-- How the original service's hosts table looks on a database that grew over time: the base columns from its
-- CREATE TABLE IF NOT EXISTS, the later ones appended by its per-request "add column if missing" checks.
CREATE TABLE IF NOT EXISTS hosts (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    fqdn VARCHAR(255) NOT NULL UNIQUE,
    api_key CHAR(64) NOT NULL UNIQUE,
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
    INDEX idx_hosts_updated_at (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE hosts ADD COLUMN vip TINYINT(1) NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN client_version_override VARCHAR(64) NULL;
ALTER TABLE hosts ADD COLUMN insecure_enabled_until DATETIME NULL;
ALTER TABLE hosts ADD COLUMN insecure_grace_until DATETIME NULL;
ALTER TABLE hosts ADD COLUMN insecure_window_minutes INT NULL;
ALTER TABLE hosts ADD COLUMN expires_at VARCHAR(100) NULL;
ALTER TABLE hosts ADD COLUMN force_ipv4 TINYINT(1) NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN curl_insecure TINYINT(1) NOT NULL DEFAULT 0;
ALTER TABLE hosts ADD COLUMN model_override VARCHAR(128) NULL;
ALTER TABLE hosts ADD COLUMN reasoning_effort_override VARCHAR(32) NULL;
ALTER TABLE hosts ADD INDEX idx_hosts_expires_at (expires_at);
