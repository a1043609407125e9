-- Double opt-in for e-mail notifications (docs/api.md, "Notifications"): an address is sent
-- nothing but its confirmation e-mail until someone who reads it has opened the link.
--
-- confirmed_at             when the current address was confirmed; NULL while it is pending
-- confirmation_sent_at     when the latest confirmation e-mail was asked for (queued)
-- confirmation_hash        SHA-256 (hex) of the pending link's token; the token itself is made when
--                          the e-mail is sent and is never stored
-- confirmation_expires_at  when that token stops working
ALTER TABLE notification_subscriber
  ADD COLUMN confirmed_at            timestamptz,
  ADD COLUMN confirmation_sent_at    timestamptz,
  ADD COLUMN confirmation_hash       char(64),
  ADD COLUMN confirmation_expires_at timestamptz;

-- Existing subscribers keep receiving: each of them typed their own address in while signed in,
-- and stopping their alerts on an upgrade would be a surprise nobody asked for. They count as
-- confirmed as of their last save; a later change of address has to be confirmed like any other.
UPDATE notification_subscriber SET confirmed_at = updated_at;

-- A token is looked up by its hash alone (the link carries nothing else).
CREATE UNIQUE INDEX notification_subscriber_confirmation ON notification_subscriber
  (confirmation_hash) WHERE confirmation_hash IS NOT NULL;

-- The confirmation e-mail goes through the outbox like every other, so retries and failure
-- reporting are the same; its rows are also the record the per-person rate limit counts, which
-- therefore survives unsubscribing and subscribing again.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check
  CHECK (kind IN ('HOT_ALERT', 'ESCALATION', 'DAILY_DIGEST', 'WEEKLY_SUMMARY', 'MONTHLY_REPORT',
                  'CONFIRMATION'));
CREATE INDEX notification_outbox_confirmations ON notification_outbox (person, created_at)
  WHERE kind = 'CONFIRMATION';
