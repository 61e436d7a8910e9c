-- Saved guardrails: one row per version; the highest version is the one in force. body holds {checks, deny}.
CREATE TABLE guardrails (
  id           TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  name         TEXT NOT NULL,
  version      INTEGER NOT NULL,
  body         TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE INDEX guardrails_workspace ON guardrails (workspace_id);
