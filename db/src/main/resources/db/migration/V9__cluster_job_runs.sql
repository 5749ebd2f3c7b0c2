-- Scheduled jobs run once per cluster (docs/cluster.md): every node's timer fires, and the first node to claim the
-- job's current period here runs it; the others find the period claimed and skip it. A claim is one UPDATE that only
-- matches an older period, so two nodes can never both win it.

CREATE TABLE cluster_job_runs (
    name VARCHAR(64) NOT NULL COMMENT 'job name, as the logs give it',
    period_start DATETIME(3) NOT NULL COMMENT 'start (UTC) of the latest period a node claimed',
    node VARCHAR(255) NOT NULL COMMENT 'the node that claimed it (host name and process id)',
    started_at DATETIME(3) NOT NULL,
    finished_at DATETIME(3) NULL COMMENT 'null while it runs, or when its node died during the run',
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='which node ran each scheduled job for which period';
