-- Early warning (docs/index-methodology.md, "Early warning"): each dealer's sequential tests, as
-- they stand after the dealer's answer number last_seq. One row per dealer, advanced in the same
-- transaction as the alerts it raises, so a restart neither repeats nor skips an answer.
CREATE TABLE dealer_watch (
  dealer_id  varchar(64) PRIMARY KEY REFERENCES dealer (id),
  last_seq   bigint      NOT NULL DEFAULT 0,
  -- Baselines and CUSUM runs (io.pulse.index.DealerWatch as JSON); '{}' before the first answer.
  state      jsonb       NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An early warning is attached to the answer that crossed the threshold: its reason joins the
-- answer's alert row (created if the answer raised none), with the sentence that explains it.
ALTER TABLE alert ADD COLUMN explanations jsonb NOT NULL DEFAULT '[]';
