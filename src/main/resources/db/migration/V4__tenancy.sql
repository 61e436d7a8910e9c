-- Tenancy: workspaces (a tree under 'default'), users, richer gateway keys, per-workspace virtual keys and the
-- hash-chained audit trail. Runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds; JSON is text.

CREATE TABLE workspaces (
  id               TEXT    PRIMARY KEY,
  parent_id        TEXT,
  name             TEXT    NOT NULL,
  enabled          INTEGER NOT NULL,
  max_api_keys     INTEGER,
  max_virtual_keys INTEGER,
  max_workspaces   INTEGER,
  metadata         TEXT    NOT NULL,
  created_at       BIGINT  NOT NULL,
  deleted_at       BIGINT
);
CREATE INDEX workspaces_parent ON workspaces (parent_id);
INSERT INTO workspaces (id, parent_id, name, enabled, metadata, created_at) VALUES ('default', NULL, 'Default', 1, '{}', 0);

-- People; a gateway key may belong to one, and then never has more rights than the person's role.
CREATE TABLE users (
  id           TEXT   PRIMARY KEY,
  workspace_id TEXT   NOT NULL,
  email        TEXT   NOT NULL,
  name         TEXT,
  role         TEXT   NOT NULL,
  created_at   BIGINT NOT NULL,
  UNIQUE (workspace_id, email)
);

-- scopes: comma-separated (inference, admin, read-only). previous_key_hash: the secret replaced by the last
-- rotation, valid until previous_valid_until. default_config: JSON text. metadata: JSON object of strings.
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT '';
UPDATE api_keys SET scopes = CASE role
  WHEN 'admin' THEN 'inference,admin,read-only' WHEN 'member' THEN 'inference' ELSE 'read-only' END;
ALTER TABLE api_keys ADD COLUMN user_id TEXT;
ALTER TABLE api_keys ADD COLUMN default_config TEXT;
ALTER TABLE api_keys ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
ALTER TABLE api_keys ADD COLUMN previous_key_hash TEXT;
ALTER TABLE api_keys ADD COLUMN previous_valid_until BIGINT;
ALTER TABLE api_keys ADD COLUMN rotated_at BIGINT;
ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT;
CREATE INDEX api_keys_previous_hash ON api_keys (previous_key_hash);
CREATE INDEX api_keys_user ON api_keys (user_id);

-- Virtual keys: slugs become unique per workspace (a global constraint would tell one tenant another's slugs), and
-- gain provider settings (non-secret JSON) and a second sealed column for provider-specific secret fields.
CREATE TABLE virtual_keys_v4 (
  id                       TEXT    PRIMARY KEY,
  workspace_id             TEXT    NOT NULL,
  slug                     TEXT    NOT NULL,
  name                     TEXT    NOT NULL,
  provider                 TEXT    NOT NULL,
  base_url                 TEXT,
  models                   TEXT    NOT NULL,
  settings                 TEXT    NOT NULL,
  enabled                  INTEGER NOT NULL,
  secret_ciphertext        TEXT    NOT NULL,
  secret_fields_ciphertext TEXT,
  secret_key_id            TEXT    NOT NULL,
  created_at               BIGINT  NOT NULL,
  rotated_at               BIGINT,
  UNIQUE (workspace_id, slug)
);
INSERT INTO virtual_keys_v4 (id, workspace_id, slug, name, provider, base_url, models, settings, enabled,
    secret_ciphertext, secret_key_id, created_at)
  SELECT id, workspace_id, slug, name, provider, base_url, models, '{}', enabled, secret_ciphertext, secret_key_id,
    created_at FROM virtual_keys;
DROP TABLE virtual_keys;
ALTER TABLE virtual_keys_v4 RENAME TO virtual_keys;
CREATE INDEX virtual_keys_secret_key ON virtual_keys (secret_key_id);

-- Audit trail: append-only; hash = SHA-256 over prev_hash and the row's fields, so an edited, inserted or deleted
-- row breaks the chain. audit_head holds the last seq and hash; appenders lock it, so seq has no gaps.
CREATE TABLE audit_log (
  seq          BIGINT PRIMARY KEY,
  id           TEXT   NOT NULL UNIQUE,
  at           BIGINT NOT NULL,
  workspace_id TEXT   NOT NULL,
  actor_type   TEXT   NOT NULL,
  actor_id     TEXT,
  actor_name   TEXT,
  source_ip    TEXT,
  action       TEXT   NOT NULL,
  object_type  TEXT   NOT NULL,
  object_id    TEXT   NOT NULL,
  before_state TEXT,
  after_state  TEXT,
  prev_hash    TEXT   NOT NULL,
  hash         TEXT   NOT NULL
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, seq);
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY,
  seq  BIGINT  NOT NULL,
  hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
