-- Full-text search over comments (docs/api.md, "Comment search").
--
-- One expression with the 'russian' configuration covers both languages: its parser sends
-- Cyrillic words to the Russian Snowball stemmer (Russian stop words) and Latin words to the
-- English one (English stop words), so "ждали" finds "ждал" and "waiting" finds "waited".
-- A second to_tsvector('english', ...) would only repeat the Latin words: twice the parsing on
-- every commented insert and a larger index for nothing.
--
-- Partial: most events carry no comment, and those cost ingest nothing here. The search query
-- repeats both the expression and "comment IS NOT NULL" so that the planner can use it.
-- Cost per commented insert: see docs/benchmarks.md ("Comment search index").
CREATE INDEX feedback_comment_fts ON feedback_event
  USING gin (to_tsvector('russian'::regconfig, comment))
  WHERE comment IS NOT NULL;
