-- E-mail notifications (docs/api.md, "Notifications").
-- Who wants which e-mails. A person is known by the name they sign in with; their role, brand and
-- dealers are those of their last save (in OIDC mode Pulse has no directory of its own).
CREATE TABLE notification_subscriber (
  person          varchar(200) PRIMARY KEY,
  email           varchar(320) NOT NULL,
  language        varchar(2)   NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru')),
  role            varchar(20)  NOT NULL,
  brand_id        varchar(64),
  dealers         text[]       NOT NULL DEFAULT '{}',
  hot_alerts      boolean      NOT NULL,
  daily_digest    boolean      NOT NULL,
  weekly_summary  boolean      NOT NULL,
  escalations     boolean      NOT NULL,
  updated_at      timestamptz  NOT NULL
);
CREATE INDEX notification_subscriber_dealers ON notification_subscriber USING gin (dealers);

-- What is to be sent, rendered when queued; one row per kind, subject and person, so the same
-- alert is never queued twice for the same person, however often a producer pass runs.
CREATE TABLE notification_outbox (
  id              bigserial    PRIMARY KEY,
  kind            varchar(20)  NOT NULL
                    CHECK (kind IN ('HOT_ALERT', 'ESCALATION', 'DAILY_DIGEST', 'WEEKLY_SUMMARY')),
  subject_key     varchar(200) NOT NULL,
  person          varchar(200) NOT NULL,
  email           varchar(320) NOT NULL,
  subject         text         NOT NULL,
  body            text         NOT NULL,
  created_at      timestamptz  NOT NULL,
  next_attempt_at timestamptz  NOT NULL,
  attempts        integer      NOT NULL DEFAULT 0,
  sent_at         timestamptz,
  given_up_at     timestamptz,
  last_error      text,
  CONSTRAINT notification_once UNIQUE (kind, subject_key, person)
);
-- The sender's queue: what is neither sent nor given up, by when it is due.
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at)
  WHERE sent_at IS NULL AND given_up_at IS NULL;
-- Alerts by creation time, for the producer's passes (new alerts, overdue ones).
CREATE INDEX alert_created ON alert (created_at);
