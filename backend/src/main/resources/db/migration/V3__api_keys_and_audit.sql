-- API keys of ingest clients: only a SHA-256 of the key is stored (keys are 256-bit random, so a
-- plain hash is enough; the clear key is shown once, when it is created).
CREATE TABLE api_key (
  id         uuid         PRIMARY KEY,
  name       varchar(100) NOT NULL,
  key_hash   char(64)     NOT NULL UNIQUE,
  created_at timestamptz  NOT NULL,
  created_by varchar(200) NOT NULL,
  revoked_at timestamptz
);

-- What admins did (rebuilds, key changes): who, when, what.
CREATE TABLE audit_log (
  id     bigserial    PRIMARY KEY,
  at     timestamptz  NOT NULL,
  actor  varchar(200) NOT NULL,
  action varchar(60)  NOT NULL,
  detail text
);
CREATE INDEX audit_log_at ON audit_log (at);
