-- The prompt library: one row per version of a prompt; the highest version is the newest. body holds
-- {template, model, virtual_key, parameters, variables_schema}. A slug names one prompt in its workspace: the slug
-- never changes across a prompt's versions, so two prompts racing to create the same slug meet at version 1.
CREATE TABLE prompts (
  id           TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  slug         TEXT NOT NULL,
  name         TEXT NOT NULL,
  version      INTEGER NOT NULL,
  body         TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX prompts_workspace_slug ON prompts (workspace_id, slug, version);

-- Labels of a prompt (production, staging, ...): the versions they point at with their weights, as JSON
-- [{"version": 3, "weight": 90}, {"version": 4, "weight": 10}].
CREATE TABLE prompt_labels (
  prompt_id  TEXT NOT NULL,
  label      TEXT NOT NULL,
  versions   TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (prompt_id, label)
);
