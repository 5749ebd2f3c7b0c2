-- Browser sign-in for CLIs (spec/identity.md, shaped like RFC 8628) and the fleet's provider credentials (the Claude
-- Code OAuth token, with history) with the flows that obtain them. Only hashes of poll tokens are kept; credentials
-- and flow secrets are sealed like the canonical auth.json.

CREATE TABLE signin_sessions (
    id CHAR(32) NOT NULL COMMENT 'auth_session_id: 128 random bits, hex',
    poll_token_hash CHAR(64) NOT NULL COMMENT 'SHA-256 of the single-use poll token',
    client VARCHAR(64) NULL COMMENT 'What started it (cdx, installer, ...), for the approval page',
    client_ip VARCHAR(64) NULL,
    status VARCHAR(16) NOT NULL,
    person_id BIGINT UNSIGNED NULL COMMENT 'Who approved or denied it',
    workspace_id BIGINT UNSIGNED NULL,
    token_id BIGINT UNSIGNED NULL COMMENT 'The install token its consumption minted',
    interval_seconds INT NOT NULL,
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    last_polled_at DATETIME(3) NULL,
    decided_at DATETIME(3) NULL,
    consumed_at DATETIME(3) NULL,
    PRIMARY KEY (id),
    KEY idx_signin_sessions_expires (expires_at),
    CONSTRAINT fk_signin_sessions_person FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE,
    CONSTRAINT fk_signin_sessions_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    CONSTRAINT fk_signin_sessions_token FOREIGN KEY (token_id) REFERENCES llm_tokens (id) ON DELETE SET NULL,
    CONSTRAINT chk_signin_sessions_status CHECK (status IN ('pending', 'approved', 'denied', 'consumed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Browser sign-in sessions of CLIs and installers';

CREATE TABLE provider_credentials (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    kind VARCHAR(32) NOT NULL,
    payload_enc MEDIUMTEXT NOT NULL COMMENT 'Sealed with the active encryption key',
    payload_sha256 CHAR(64) NOT NULL COMMENT 'SHA-256 of the credential, which hosts compare to skip a download',
    expires_at DATETIME(3) NULL,
    set_by VARCHAR(160) NOT NULL,
    set_at DATETIME(3) NOT NULL,
    active TINYINT(1) NOT NULL DEFAULT 1,
    PRIMARY KEY (id),
    KEY idx_provider_credentials_kind (kind, active, id),
    CONSTRAINT chk_provider_credentials_kind CHECK (kind IN ('claude_code_oauth', 'codex_auth'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Fleet credentials of AI coding CLIs, newest active';

CREATE TABLE provider_flows (
    id CHAR(32) NOT NULL COMMENT 'session_id: 128 random bits, hex',
    kind VARCHAR(32) NOT NULL COMMENT 'claude_pkce or codex_device',
    secret_enc TEXT NOT NULL COMMENT 'Sealed: the PKCE verifier and state, or the device code',
    user_code VARCHAR(32) NULL,
    verification_url VARCHAR(500) NULL,
    interval_seconds INT NULL,
    status VARCHAR(16) NOT NULL,
    detail VARCHAR(500) NULL COMMENT 'Why it failed, for the admin',
    started_by VARCHAR(160) NOT NULL,
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    next_poll_at DATETIME(3) NULL,
    lease_owner VARCHAR(64) NULL COMMENT 'The node polling it now; another node takes over when the lease lapses',
    lease_until DATETIME(3) NULL,
    finished_at DATETIME(3) NULL,
    PRIMARY KEY (id),
    KEY idx_provider_flows_pending (status, next_poll_at),
    CONSTRAINT chk_provider_flows_kind CHECK (kind IN ('claude_pkce', 'codex_device')),
    CONSTRAINT chk_provider_flows_status CHECK (status IN ('pending', 'succeeded', 'failed', 'expired'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='OAuth flows an admin started to obtain a provider credential';
