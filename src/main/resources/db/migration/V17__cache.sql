-- The response cache a gateway key turns on for its calls when their routing config sets none: Portkey's
-- {"mode": "simple" | "semantic", "max_age": <seconds>} as JSON text, or NULL for none.
ALTER TABLE api_keys ADD COLUMN cache TEXT;
