-- The register of AI systems (dev.portcullis.report.AiSystem): what the operator declares about each system that
-- sends traffic through the gateway, for its EU AI Act documentation. body holds the declared fields as JSON text;
-- every change is also in the audit trail. Runs unchanged on SQLite and PostgreSQL; times are epoch milliseconds.
CREATE TABLE ai_systems (
  id           TEXT   PRIMARY KEY,
  workspace_id TEXT   NOT NULL,
  body         TEXT   NOT NULL,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX ai_systems_workspace ON ai_systems (workspace_id);
