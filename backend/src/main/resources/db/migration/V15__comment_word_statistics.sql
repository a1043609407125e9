-- Statistics on the words of comments, for the planner (docs/benchmarks.md, "Comment search").
-- The search index (V7) is partial, and PostgreSQL takes no statistics from a partial index's
-- expression: it guessed that every word matches 0.5 % of the comments. A word in half of them
-- was then read through the index, every match of it, before the newest 21 were kept (seconds at
-- two million comments); with these it reads the newest comments backwards and stops at 21.
CREATE STATISTICS feedback_comment_words ON (to_tsvector('russian'::regconfig, comment))
  FROM feedback_event;
