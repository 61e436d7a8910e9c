-- Saved routing configs: one row per version; the highest version is the one in force.
CREATE TABLE routing_configs (
  id           TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  name         TEXT NOT NULL,
  version      INTEGER NOT NULL,
  body         TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE INDEX routing_configs_workspace ON routing_configs (workspace_id);
