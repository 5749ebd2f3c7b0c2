-- The identity plane of spec/identity.md: people who sign in through Clerk, the workspaces they belong to, the
-- billing entitlement of each workspace, and the long-lived xwllm_ tokens people mint (only their SHA-256 is kept).

CREATE TABLE people (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    clerk_user_id VARCHAR(128) NOT NULL COMMENT 'Clerk sub claim',
    email VARCHAR(320) NULL,
    display_name VARCHAR(255) NULL,
    created_at DATETIME(3) NOT NULL,
    last_seen_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_people_clerk_user (clerk_user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='People who signed in through Clerk';

CREATE TABLE workspaces (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    slug VARCHAR(128) NOT NULL COMMENT 'Clerk organization slug, or the personal workspace user_<id>',
    clerk_org_id VARCHAR(128) NULL COMMENT 'Clerk o.id, when the workspace is an organization',
    name VARCHAR(255) NOT NULL,
    stripe_customer_id VARCHAR(255) NULL COMMENT 'Pointer only: linked by the first subscription event naming the workspace',
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_workspaces_slug (slug),
    UNIQUE KEY uniq_workspaces_clerk_org (clerk_org_id),
    UNIQUE KEY uniq_workspaces_stripe_customer (stripe_customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Workspaces (Clerk organizations)';

CREATE TABLE workspace_members (
    workspace_id BIGINT UNSIGNED NOT NULL,
    person_id BIGINT UNSIGNED NOT NULL,
    role VARCHAR(16) NOT NULL,
    since DATETIME(3) NOT NULL,
    PRIMARY KEY (workspace_id, person_id),
    KEY idx_workspace_members_person (person_id),
    CONSTRAINT fk_workspace_members_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    CONSTRAINT fk_workspace_members_person FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE,
    CONSTRAINT chk_workspace_members_role CHECK (role IN ('owner', 'admin', 'member'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Who belongs to which workspace';

CREATE TABLE entitlements (
    workspace_id BIGINT UNSIGNED NOT NULL,
    status VARCHAR(16) NOT NULL,
    plan VARCHAR(128) NULL,
    period_end DATETIME(3) NULL,
    updated_by_event VARCHAR(255) NULL COMMENT 'Stripe event id, or admin:<name> for a change by hand',
    stripe_event_created_at DATETIME(3) NULL COMMENT 'created time of the event applied last: older events are not applied',
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (workspace_id),
    CONSTRAINT fk_entitlements_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    CONSTRAINT chk_entitlements_status CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'unpaid', 'none'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='The billing decision per workspace';

CREATE TABLE stripe_events (
    event_id VARCHAR(255) NOT NULL,
    type VARCHAR(128) NOT NULL,
    received_at DATETIME(3) NOT NULL,
    PRIMARY KEY (event_id),
    KEY idx_stripe_events_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Stripe event ids seen, so a replay is never applied twice';

CREATE TABLE llm_tokens (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    prefix CHAR(12) NOT NULL COMMENT 'First 12 characters, for display',
    token_hash CHAR(64) NOT NULL COMMENT 'SHA-256 of the token; the token itself is never stored',
    label VARCHAR(128) NOT NULL,
    scopes VARCHAR(255) NOT NULL COMMENT 'Space-separated: api:read api:write mcp hosts:enroll',
    person_id BIGINT UNSIGNED NOT NULL,
    workspace_id BIGINT UNSIGNED NOT NULL,
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NULL,
    last_used_at DATETIME(3) NULL,
    last_used_ip VARCHAR(64) NULL,
    revoked_at DATETIME(3) NULL,
    revoked_by VARCHAR(160) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uniq_llm_tokens_hash (token_hash),
    KEY idx_llm_tokens_person (person_id, created_at),
    KEY idx_llm_tokens_workspace (workspace_id),
    CONSTRAINT fk_llm_tokens_person FOREIGN KEY (person_id) REFERENCES people (id),
    CONSTRAINT fk_llm_tokens_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Long-lived xwllm_ tokens people mint';

CREATE TABLE workspace_tasks (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    workspace_id BIGINT UNSIGNED NOT NULL,
    title VARCHAR(500) NOT NULL,
    status VARCHAR(16) NOT NULL,
    created_by BIGINT UNSIGNED NOT NULL,
    created_at DATETIME(3) NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_workspace_tasks_workspace (workspace_id, id),
    CONSTRAINT fk_workspace_tasks_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    CONSTRAINT fk_workspace_tasks_person FOREIGN KEY (created_by) REFERENCES people (id),
    CONSTRAINT chk_workspace_tasks_status CHECK (status IN ('open', 'in_progress', 'done'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='The task list agents read and update (seed 000 REST API)';

CREATE TABLE workspace_hosts (
    host_id BIGINT UNSIGNED NOT NULL,
    workspace_id BIGINT UNSIGNED NOT NULL,
    enrolled_by BIGINT UNSIGNED NOT NULL,
    enrolled_at DATETIME(3) NOT NULL,
    PRIMARY KEY (host_id),
    KEY idx_workspace_hosts_workspace (workspace_id),
    CONSTRAINT fk_workspace_hosts_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE,
    CONSTRAINT fk_workspace_hosts_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    CONSTRAINT fk_workspace_hosts_person FOREIGN KEY (enrolled_by) REFERENCES people (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Hosts enrolled by people, per workspace';
