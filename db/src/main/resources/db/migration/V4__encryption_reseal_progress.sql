-- Progress of the re-seal job that completes a key rotation (docs/encryption.md): one row per sealed column, kept
-- after every batch so that a job stopped by a restart resumes where it stopped. Small and bounded (six rows).

CREATE TABLE reseal_progress (
    sealed_column VARCHAR(64) NOT NULL COMMENT 'table.column holding sealed secrets, e.g. hosts.api_key_enc',
    active_key VARCHAR(32) NOT NULL COMMENT 'id of the key the run seals with',
    state VARCHAR(16) NOT NULL COMMENT 'running or done',
    run_trigger VARCHAR(32) NOT NULL COMMENT 'what started the run: startup or admin',
    last_id BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'primary key of the last row handled',
    rewritten BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'values re-sealed under active_key',
    failed BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'values no configured key opens (left as they are)',
    started_at DATETIME(3) NOT NULL,
    finished_at DATETIME(3) NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (sealed_column),
    CONSTRAINT chk_reseal_progress_state CHECK (state IN ('running', 'done'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Progress of re-sealing secrets under the active encryption key';
