-- Governance: policy rules (every change a new version), workspace policy defaults, per-workspace price overrides and
-- the alerts alert rules write. Runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds; JSON is text.

-- One row per version of a rule; the newest version is in force unless it is a deletion (deleted = 1).
CREATE TABLE policy_rules (
  id           TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  workspace_id TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  deleted      INTEGER NOT NULL,
  created_at   BIGINT  NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE INDEX policy_rules_workspace ON policy_rules (workspace_id);

-- policy_default of a workspace: 'allow' or 'deny'; a workspace without a row inherits its parent's.
CREATE TABLE policy_defaults (
  workspace_id   TEXT   PRIMARY KEY,
  policy_default TEXT   NOT NULL,
  updated_at     BIGINT NOT NULL
);

-- A price a workspace overrides for itself and its descendants; body is the price's JSON fields.
CREATE TABLE price_overrides (
  workspace_id TEXT   NOT NULL,
  provider     TEXT   NOT NULL,
  model        TEXT   NOT NULL,
  body         TEXT   NOT NULL,
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, provider, model)
);

-- What alert rules noticed: one row per matching request.
CREATE TABLE policy_alerts (
  id           TEXT   PRIMARY KEY,
  at           BIGINT NOT NULL,
  workspace_id TEXT   NOT NULL,
  rule_id      TEXT   NOT NULL,
  rule_name    TEXT   NOT NULL,
  request_id   TEXT   NOT NULL,
  message      TEXT   NOT NULL
);
CREATE INDEX policy_alerts_workspace ON policy_alerts (workspace_id, at);
