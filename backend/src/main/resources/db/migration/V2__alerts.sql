-- DOMAIN.md, "Closing the loop": a detractor (RECOMMEND <= 6) or any 1-5 answer <= 2 is an alert
-- for the dealer manager, to be handled within 24 h. Created with the event, in its transaction.
CREATE TABLE alert (
  event_id        uuid         PRIMARY KEY REFERENCES feedback_event (event_id),
  dealer_id       varchar(64)  NOT NULL REFERENCES dealer (id),
  created_at      timestamptz  NOT NULL,
  reasons         text[]       NOT NULL,
  status          varchar(12)  NOT NULL DEFAULT 'OPEN'
                    CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
  acknowledged_at timestamptz,
  resolved_at     timestamptz,
  note            text CHECK (char_length(note) <= 2000),
  updated_at      timestamptz  NOT NULL DEFAULT now()
);
-- A dealer's unresolved alerts, oldest first (what the cabinet lists), and a brand's overview.
CREATE INDEX alert_dealer_status ON alert (dealer_id, status, created_at);
