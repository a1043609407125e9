-- Cases (docs/api.md, "Cases"): an alert is handled as a case, with an assignee, the first
-- contact, a root cause and an outcome, and a history of who did what and when.
ALTER TABLE alert
  ADD COLUMN assignee     varchar(200),
  ADD COLUMN contacted_at timestamptz,
  ADD COLUMN root_cause   varchar(40),
  ADD COLUMN outcome      varchar(20)
    CHECK (outcome IN ('RECOVERED', 'NOT_REACHED', 'NOT_RECOVERABLE'));

-- Append-only in use: the application inserts rows and never updates them, except to erase a
-- note's text on a customer's erasure.
CREATE TABLE alert_history (
  id       bigserial    PRIMARY KEY,
  event_id uuid         NOT NULL REFERENCES alert (event_id),
  at       timestamptz  NOT NULL,
  actor    varchar(200) NOT NULL,
  action   varchar(20)  NOT NULL
             CHECK (action IN ('ACKNOWLEDGED', 'CONTACTED', 'ASSIGNED', 'NOTE', 'RESOLVED')),
  detail   text         CHECK (char_length(detail) <= 2000)
);
CREATE INDEX alert_history_event ON alert_history (event_id, id);
-- The KPIs of a dealer over a period.
CREATE INDEX alert_dealer_created ON alert (dealer_id, created_at);
