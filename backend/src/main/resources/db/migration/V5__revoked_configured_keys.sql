-- Keys from configuration that an admin revoked at run time: a deny list every instance reads,
-- so a leaked configured key stops working without a redeploy.
CREATE TABLE revoked_configured_key (
  name       varchar(100) PRIMARY KEY,
  revoked_at timestamptz  NOT NULL,
  revoked_by varchar(200) NOT NULL
);
