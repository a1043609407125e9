-- Celebrations (docs/api.md, "Cases"): a promoter who wrote a comment can be thanked. Counted apart
-- from alerts: a thank-you is not a case and has no SLA.
CREATE TABLE celebration_thanks (
  event_id   uuid         PRIMARY KEY REFERENCES feedback_event (event_id),
  dealer_id  varchar(64)  NOT NULL REFERENCES dealer (id),
  thanked_by varchar(200) NOT NULL,
  thanked_at timestamptz  NOT NULL
);
CREATE INDEX celebration_thanks_dealer ON celebration_thanks (dealer_id, thanked_at);
