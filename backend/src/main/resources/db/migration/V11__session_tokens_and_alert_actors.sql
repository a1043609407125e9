-- The key that signs the UI's session tokens in demo mode (POST /api/v1/auth/token), one row that
-- every backend instance reads, so each accepts the tokens another issued. The first instance to
-- start makes it; a key from configuration (pulse.security.session-tokens.signing-key) wins over it.
CREATE TABLE session_token_key (
  id         smallint     PRIMARY KEY CHECK (id = 1),
  secret     bytea        NOT NULL CHECK (octet_length(secret) >= 32),
  created_at timestamptz  NOT NULL DEFAULT now()
);

-- Who moved an alert: the person (as the backend authenticated them), not the UI that relayed it.
ALTER TABLE alert
  ADD COLUMN acknowledged_by varchar(200),
  ADD COLUMN resolved_by     varchar(200);
