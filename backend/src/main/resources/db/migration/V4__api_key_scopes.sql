-- What a key may send: the brands it may send for (NULL: every brand), its capabilities, and
-- when it stops working (NULL: never). Keys made before scopes keep sending everything.
ALTER TABLE api_key
  ADD COLUMN brands       text[],
  ADD COLUMN capabilities text[]      NOT NULL DEFAULT '{FEEDBACK,NETWORK}',
  ADD COLUMN expires_at   timestamptz;
