-- Admin accounts, API tokens and the audit trail (spec/admin.md §1.2), host activity kept apart from the
-- original hosts table, and an index for the per-host month totals that every /auth answer carries.

CREATE TABLE admin_users (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    username VARCHAR(64) NOT NULL,
    display_name VARCHAR(255) NULL,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(16) NOT NULL,
    enabled TINYINT(1) NOT NULL DEFAULT 1,
    must_change_password TINYINT(1) NOT NULL DEFAULT 0,
    failed_logins INT NOT NULL DEFAULT 0,
    locked_until DATETIME(3) NULL,
    cert_fingerprint CHAR(64) NULL,
    last_login_at DATETIME(3) NULL,
    last_login_ip VARCHAR(64) NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_admin_users_username (username),
    CONSTRAINT chk_admin_users_role CHECK (role IN ('admin', 'viewer'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE admin_api_tokens (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    prefix CHAR(12) NOT NULL,
    token_hash CHAR(64) NOT NULL,
    label VARCHAR(128) NOT NULL,
    role VARCHAR(16) NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    last_used_at DATETIME(3) NULL,
    last_used_ip VARCHAR(64) NULL,
    revoked_at DATETIME(3) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_admin_api_tokens_hash (token_hash),
    CONSTRAINT chk_admin_api_tokens_role CHECK (role IN ('admin', 'viewer'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE admin_audit (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    at DATETIME(3) NOT NULL,
    actor VARCHAR(96) NOT NULL,
    auth_method VARCHAR(16) NOT NULL,
    cert_fingerprint CHAR(64) NULL,
    client_ip VARCHAR(64) NULL,
    action VARCHAR(96) NOT NULL,
    target_type VARCHAR(32) NULL,
    target_id VARCHAR(128) NULL,
    before_state JSON NULL,
    after_state JSON NULL,
    result VARCHAR(16) NOT NULL,
    request_id VARCHAR(64) NULL,
    PRIMARY KEY (id),
    KEY idx_admin_audit_at (at),
    KEY idx_admin_audit_actor_at (actor, at),
    KEY idx_admin_audit_action_at (action, at),
    CONSTRAINT chk_admin_audit_result CHECK (result IN ('ok', 'denied', 'error'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Host contact apart from hosts.updated_at, which admin edits also touch (admin.md §4 #10): pruning and the
-- console's "last seen" use this. pruned_at marks a host that pruning disabled and will delete after a grace period.
CREATE TABLE host_activity (
    host_id BIGINT UNSIGNED NOT NULL,
    first_seen_at DATETIME(3) NULL,
    last_seen_at DATETIME(3) NULL,
    pruned_at DATETIME(3) NULL,
    prune_reason VARCHAR(32) NULL,
    PRIMARY KEY (host_id),
    KEY idx_host_activity_last_seen (last_seen_at),
    CONSTRAINT fk_host_activity_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX idx_token_usage_host_created ON token_usages (host_id, created_at);
