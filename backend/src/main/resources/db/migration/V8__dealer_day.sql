-- Daily roll-up per dealer (docs/architecture.md, "History"): what a trend chart or a calendar
-- period needs, without scanning feedback_event. A row is one dealer's local day (the dealer's
-- time zone), updated once per group write by the same transaction that stores the events, and
-- recomputed from feedback_event by the full rebuild.
--
-- It keeps the same sufficient statistics as the Redis tallies: responses, perfect and
-- straight-lined answers, and per parameter how many answers gave each value (a histogram), so
-- CSI, its interval and NPS with its margin come from the index math unchanged. The composite
-- sums are the per-event mean of the rated normalised scores, summed and squared, for an
-- interval that respects the correlation between one event's answers.
--
-- Region, brand, brand x region and network series are summed from these rows at read time
-- (dealer_day_day serves the network's and large brands' reads); weeks are summed from days.
CREATE TABLE dealer_day (
  dealer_id        varchar(64) NOT NULL REFERENCES dealer (id),
  day              date        NOT NULL,
  responses        integer     NOT NULL DEFAULT 0,
  perfect          integer     NOT NULL DEFAULT 0,
  straight_lined   integer     NOT NULL DEFAULT 0,
  composite_sum    double precision NOT NULL DEFAULT 0,
  composite_sumsq  double precision NOT NULL DEFAULT 0,
  consultation_1   integer NOT NULL DEFAULT 0,
  consultation_2   integer NOT NULL DEFAULT 0,
  consultation_3   integer NOT NULL DEFAULT 0,
  consultation_4   integer NOT NULL DEFAULT 0,
  consultation_5   integer NOT NULL DEFAULT 0,
  communication_1  integer NOT NULL DEFAULT 0,
  communication_2  integer NOT NULL DEFAULT 0,
  communication_3  integer NOT NULL DEFAULT 0,
  communication_4  integer NOT NULL DEFAULT 0,
  communication_5  integer NOT NULL DEFAULT 0,
  visit_1          integer NOT NULL DEFAULT 0,
  visit_2          integer NOT NULL DEFAULT 0,
  visit_3          integer NOT NULL DEFAULT 0,
  visit_4          integer NOT NULL DEFAULT 0,
  visit_5          integer NOT NULL DEFAULT 0,
  recommend_0      integer NOT NULL DEFAULT 0,
  recommend_1      integer NOT NULL DEFAULT 0,
  recommend_2      integer NOT NULL DEFAULT 0,
  recommend_3      integer NOT NULL DEFAULT 0,
  recommend_4      integer NOT NULL DEFAULT 0,
  recommend_5      integer NOT NULL DEFAULT 0,
  recommend_6      integer NOT NULL DEFAULT 0,
  recommend_7      integer NOT NULL DEFAULT 0,
  recommend_8      integer NOT NULL DEFAULT 0,
  recommend_9      integer NOT NULL DEFAULT 0,
  recommend_10     integer NOT NULL DEFAULT 0,
  speed_1          integer NOT NULL DEFAULT 0,
  speed_2          integer NOT NULL DEFAULT 0,
  speed_3          integer NOT NULL DEFAULT 0,
  speed_4          integer NOT NULL DEFAULT 0,
  speed_5          integer NOT NULL DEFAULT 0,
  car_1            integer NOT NULL DEFAULT 0,
  car_2            integer NOT NULL DEFAULT 0,
  car_3            integer NOT NULL DEFAULT 0,
  car_4            integer NOT NULL DEFAULT 0,
  car_5            integer NOT NULL DEFAULT 0,
  return_intent_1  integer NOT NULL DEFAULT 0,
  return_intent_2  integer NOT NULL DEFAULT 0,
  return_intent_3  integer NOT NULL DEFAULT 0,
  return_intent_4  integer NOT NULL DEFAULT 0,
  return_intent_5  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (dealer_id, day)
);
CREATE INDEX dealer_day_day ON dealer_day (day);
