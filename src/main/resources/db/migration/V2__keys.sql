-- Gateway API keys: only the SHA-256 of the secret is stored.
CREATE TABLE api_keys (
  id             TEXT PRIMARY KEY,
  workspace_id   TEXT NOT NULL,
  name           TEXT NOT NULL,
  key_hash       TEXT NOT NULL UNIQUE,
  display_prefix TEXT NOT NULL,
  role           TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  expires_at     BIGINT,
  revoked_at     BIGINT
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

-- Virtual keys: provider credentials sealed with AES-256-GCM; secret_key_id names the master key that sealed them.
CREATE TABLE virtual_keys (
  id                TEXT PRIMARY KEY,
  workspace_id      TEXT NOT NULL,
  slug              TEXT NOT NULL UNIQUE,
  name              TEXT NOT NULL,
  provider          TEXT NOT NULL,
  base_url          TEXT,
  models            TEXT NOT NULL,
  created_at        BIGINT NOT NULL,
  enabled           INTEGER NOT NULL,
  secret_ciphertext TEXT NOT NULL,
  secret_key_id     TEXT NOT NULL
);
CREATE INDEX virtual_keys_workspace ON virtual_keys (workspace_id);
