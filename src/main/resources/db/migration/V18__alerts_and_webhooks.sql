-- Alerts from every source in one table (policy alert rules, anomaly detectors, budgets past their soft limit), the
-- anomaly thresholds of each workspace, alert webhooks and their durable delivery outbox. Runs unchanged on SQLite
-- and PostgreSQL. Times are epoch milliseconds; JSON is text.

-- kind: policy | anomaly | budget; severity: info | warning | critical. dedup_key, when set, makes a second alert
-- about the same thing (a budget's soft limit in one period) a no-op on every node.
CREATE TABLE alerts (
  id              TEXT   PRIMARY KEY,
  kind            TEXT   NOT NULL,
  rule_id         TEXT,
  rule_name       TEXT   NOT NULL,
  severity        TEXT   NOT NULL,
  summary         TEXT   NOT NULL,
  workspace_id    TEXT   NOT NULL,
  api_key_id      TEXT,
  request_id      TEXT,
  dedup_key       TEXT   UNIQUE,
  created_at      BIGINT NOT NULL,
  acknowledged_at BIGINT,
  acknowledged_by TEXT
);
CREATE INDEX alerts_workspace ON alerts (workspace_id, created_at);

INSERT INTO alerts (id, kind, rule_id, rule_name, severity, summary, workspace_id, request_id, created_at)
  SELECT id, 'policy', rule_id, rule_name, 'warning', message, workspace_id, request_id, at FROM policy_alerts;
DROP TABLE policy_alerts;

-- A workspace's anomaly thresholds as JSON; a workspace without a row uses the defaults.
CREATE TABLE anomaly_settings (
  workspace_id TEXT   PRIMARY KEY,
  body         TEXT   NOT NULL,
  updated_at   BIGINT NOT NULL
);

-- events: JSON array of patterns; format: json | slack. The secret is sealed by the vault (bound to the id).
CREATE TABLE webhooks (
  id                TEXT   PRIMARY KEY,
  workspace_id      TEXT   NOT NULL,
  url               TEXT   NOT NULL,
  events            TEXT   NOT NULL,
  format            TEXT   NOT NULL,
  secret_ciphertext TEXT   NOT NULL,
  vault_key_id      TEXT   NOT NULL,
  created_at        BIGINT NOT NULL,
  deleted_at        BIGINT
);
CREATE INDEX webhooks_workspace ON webhooks (workspace_id);

-- One row per (alert, webhook), written in the transaction that writes the alert. A node claims a due row by moving
-- lease_until forward (only while it has passed), so two nodes never send the same row at once.
CREATE TABLE webhook_outbox (
  id              TEXT    PRIMARY KEY,
  alert_id        TEXT    NOT NULL,
  webhook_id      TEXT    NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT  NOT NULL,
  lease_until     BIGINT  NOT NULL,
  delivered_at    BIGINT,
  last_error      TEXT,
  created_at      BIGINT  NOT NULL
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (delivered_at, next_attempt_at);
