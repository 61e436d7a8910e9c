-- One row per gateway request (dev.portcullis.observe.RequestRecord). Runs unchanged on SQLite and PostgreSQL.
-- started_at is epoch milliseconds; metadata is a JSON object of string values, stored as text.
-- Only what every writer always knows is NOT NULL, so one odd record cannot fail a whole batch insert.
CREATE TABLE request_logs (
  id                TEXT    NOT NULL PRIMARY KEY,
  trace_id          TEXT,
  started_at        BIGINT  NOT NULL,
  workspace_id      TEXT,
  api_key_id        TEXT,
  virtual_key       TEXT,
  provider          TEXT,
  model             TEXT,
  method            TEXT,
  path              TEXT,
  status            INTEGER NOT NULL,
  stream            BOOLEAN NOT NULL,
  latency_ms        BIGINT  NOT NULL,
  ttfb_ms           BIGINT,
  prompt_tokens     INTEGER,
  completion_tokens INTEGER,
  total_tokens      INTEGER,
  metadata          TEXT    NOT NULL,
  error_type        TEXT,
  error_message     TEXT
);

-- Listings are newest first, paged by (started_at, id); each filter index ends in started_at for that order.
CREATE INDEX request_logs_started_at ON request_logs (started_at, id);
CREATE INDEX request_logs_workspace ON request_logs (workspace_id, started_at);
CREATE INDEX request_logs_model ON request_logs (model, started_at);
CREATE INDEX request_logs_provider ON request_logs (provider, started_at);
CREATE INDEX request_logs_status ON request_logs (status, started_at);
CREATE INDEX request_logs_api_key ON request_logs (api_key_id, started_at);
