-- What a request cost and what governance decided about it, on its log row (dev.portcullis.observe.RequestRecord).
-- Every column is nullable: rows written before this migration, and calls that never reached a stage, leave it empty.
-- attempts and policy_rule_ids are JSON arrays, hook_results a JSON object, all stored as text.
ALTER TABLE request_logs ADD COLUMN cached_tokens INTEGER;
ALTER TABLE request_logs ADD COLUMN reasoning_tokens INTEGER;
ALTER TABLE request_logs ADD COLUMN user_id TEXT;
ALTER TABLE request_logs ADD COLUMN retries INTEGER;
ALTER TABLE request_logs ADD COLUMN fallback_index TEXT;
ALTER TABLE request_logs ADD COLUMN attempts TEXT;
ALTER TABLE request_logs ADD COLUMN cost_usd DOUBLE PRECISION;
ALTER TABLE request_logs ADD COLUMN cost_status TEXT;
ALTER TABLE request_logs ADD COLUMN cache_status TEXT;
ALTER TABLE request_logs ADD COLUMN cache_saved_usd DOUBLE PRECISION;
ALTER TABLE request_logs ADD COLUMN policy_rule_ids TEXT;
ALTER TABLE request_logs ADD COLUMN policy_verdict TEXT;
ALTER TABLE request_logs ADD COLUMN guardrail_verdict TEXT;
ALTER TABLE request_logs ADD COLUMN hook_results TEXT;
ALTER TABLE request_logs ADD COLUMN prompt_id TEXT;
ALTER TABLE request_logs ADD COLUMN prompt_version INTEGER;
ALTER TABLE request_logs ADD COLUMN prompt_label TEXT;

-- Request and answer bodies, kept only for requests a policy rule marks with log_content. Apart from the log rows so
-- that they can be pruned on their own, shorter schedule, and so that listing logs never reads them.
CREATE TABLE request_bodies (
  request_id  TEXT   NOT NULL PRIMARY KEY,
  started_at  BIGINT NOT NULL,
  request     TEXT,
  response    TEXT
);
CREATE INDEX request_bodies_started_at ON request_bodies (started_at);
