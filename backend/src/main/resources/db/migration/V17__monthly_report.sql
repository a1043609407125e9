-- The monthly report (docs/api.md, "Notifications"): an e-mail with an XLSX attached.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_kind_check
  CHECK (kind IN ('HOT_ALERT', 'ESCALATION', 'DAILY_DIGEST', 'WEEKLY_SUMMARY', 'MONTHLY_REPORT'));
ALTER TABLE notification_outbox
  ADD COLUMN attachment_name text,
  ADD COLUMN attachment      bytea;
