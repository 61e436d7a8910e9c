-- Changes announced between processes that share this database without Redis (StoreChangeBus): the CLI and every
-- gateway write one row per change; gateways read the rows numbered after the last one they saw, twice a second.
-- seq is assigned as MAX(seq) + 1 by the writer (retried on a clash), so rows become visible in order, without gaps.
CREATE TABLE change_log (
  seq        BIGINT PRIMARY KEY,
  node       TEXT   NOT NULL,
  change     TEXT   NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX change_log_created ON change_log (created_at);
