-- Clerk's webhook events (spec/identity.md: membership lives in this database): a person removed from an
-- organization, a deleted user or a deleted organization revokes the tokens minted there. Svix message ids are kept
-- so that a delivery Clerk retries is applied once; retention deletes them after RETENTION_WEBHOOK_EVENTS_DAYS.

CREATE TABLE clerk_events (
    event_id VARCHAR(255) NOT NULL COMMENT 'svix-id of the delivery',
    type VARCHAR(128) NOT NULL,
    received_at DATETIME(3) NOT NULL,
    PRIMARY KEY (event_id),
    KEY idx_clerk_events_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Clerk webhook message ids seen, so a retry is never applied twice';
