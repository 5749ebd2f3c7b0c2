-- Host keys are looked up by api_key_hash on every host request: give that lookup a unique index
-- (spec/schema.md §4: the original filtered on an unindexed column). The admin event log and the runner
-- view filter logs by action and time.
CREATE UNIQUE INDEX uniq_hosts_api_key_hash ON hosts (api_key_hash);
CREATE INDEX idx_logs_action_created_at ON logs (action, created_at);
