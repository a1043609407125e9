-- The dealer network: ids are chosen by the sender (the carmaker's own codes).
CREATE TABLE brand (
  id         varchar(64)  PRIMARY KEY,
  name       varchar(200) NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now(),
  updated_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE region (
  id         varchar(64)  PRIMARY KEY,
  name       varchar(200) NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now(),
  updated_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE dealer (
  id         varchar(64)  PRIMARY KEY,
  name       varchar(200) NOT NULL,
  brand_id   varchar(64)  NOT NULL REFERENCES brand (id),
  region_id  varchar(64)  NOT NULL REFERENCES region (id),
  city       varchar(200),
  time_zone  varchar(64)  NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now(),
  updated_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX dealer_brand_region ON dealer (brand_id, region_id);
CREATE INDEX dealer_region ON dealer (region_id);

-- Each dealer's events are numbered 1, 2, 3, ... in commit order (the row lock on this table
-- serialises numbering per dealer). Redis uses these numbers to apply every event exactly once.
CREATE TABLE dealer_seq (
  dealer_id varchar(64) PRIMARY KEY REFERENCES dealer (id),
  last_seq  bigint      NOT NULL DEFAULT 0
);

CREATE TABLE feedback_event (
  event_id      uuid         PRIMARY KEY,
  dealer_id     varchar(64)  NOT NULL REFERENCES dealer (id),
  seq           bigint       NOT NULL,
  stage         varchar(20)  NOT NULL CHECK (stage IN ('FIRST_CONTACT', 'CONSULTATION', 'TEST_DRIVE',
                  'CONTRACT', 'HANDOVER', 'FOLLOW_UP', 'SERVICE_VISIT')),
  occurred_at   timestamptz  NOT NULL,
  received_at   timestamptz  NOT NULL,
  consultation  smallint CHECK (consultation BETWEEN 1 AND 5),
  communication smallint CHECK (communication BETWEEN 1 AND 5),
  visit         smallint CHECK (visit BETWEEN 1 AND 5),
  recommend     smallint CHECK (recommend BETWEEN 0 AND 10),
  speed         smallint CHECK (speed BETWEEN 1 AND 5),
  car           smallint CHECK (car BETWEEN 1 AND 5),
  return_intent smallint CHECK (return_intent BETWEEN 1 AND 5),
  comment       text CHECK (char_length(comment) <= 10000),
  channel       varchar(10) CHECK (channel IN ('SMS', 'CALL', 'WEB', 'APP', 'EMAIL')),
  customer_ref  varchar(128),
  CONSTRAINT feedback_rates_something CHECK (
    num_nonnulls(consultation, communication, visit, recommend, speed, car, return_intent) > 0),
  CONSTRAINT feedback_dealer_seq UNIQUE (dealer_id, seq)
);
-- Replay of one dealer's window, and of everything by arrival time.
CREATE INDEX feedback_dealer_occurred ON feedback_event (dealer_id, occurred_at);
CREATE INDEX feedback_received ON feedback_event USING brin (received_at);
