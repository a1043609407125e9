-- The audit log becomes a hash chain that the database keeps append-only.
--
-- Each row's hash is SHA-256 over a canonical encoding of its fields and the previous row's hash,
-- so a row changed or removed behind the application's back breaks the chain from that row on
-- (GET /api/v1/admin/audit verifies it; security.AuditLog holds the same encoding in Java).
--
-- Appends are chained here, not in the application: several backend instances write at once, and
-- only a lock taken in the database orders them. The BEFORE INSERT trigger takes a transaction
-- advisory lock, then reads the latest row (a VOLATILE function's statement sees everything
-- committed before it started, and the previous holder committed before it let the lock go),
-- then assigns the id: ids follow the chain, whatever order the inserts began in.

ALTER TABLE audit_log
  ADD COLUMN source    varchar(100),
  ADD COLUMN outcome   varchar(10) NOT NULL DEFAULT 'ok'
                       CHECK (outcome IN ('ok', 'denied', 'failed')),
  ADD COLUMN prev_hash char(64),
  ADD COLUMN hash      char(64);

-- The canonical encoding: every field as <UTF-8 byte length>:<text>, NULL as '-', the time as
-- microseconds since the epoch (text forms of timestamptz depend on the session's time zone).
CREATE FUNCTION audit_field(v text) RETURNS text
  LANGUAGE sql STABLE
  RETURN CASE WHEN v IS NULL THEN '-' ELSE octet_length(convert_to(v, 'UTF8')) || ':' || v END;

CREATE FUNCTION audit_row_hash(
    id bigint, at timestamptz, actor text, action text, detail text, source text, outcome text,
    prev_hash text) RETURNS char(64)
  LANGUAGE sql STABLE
  RETURN encode(sha256(convert_to(
      id || '|' || (extract(epoch FROM at) * 1000000)::bigint || '|'
        || audit_field(actor) || '|' || audit_field(action) || '|' || audit_field(detail) || '|'
        || audit_field(source) || '|' || audit_field(outcome) || '|' || prev_hash,
      'UTF8')), 'hex');

-- Rows written before this migration join the chain in id order.
DO $$
DECLARE
  r record;
  prev char(64) := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    UPDATE audit_log
       SET prev_hash = prev,
           hash = audit_row_hash(r.id, r.at, r.actor, r.action, r.detail, r.source, r.outcome, prev)
     WHERE id = r.id
     RETURNING hash INTO prev;
  END LOOP;
END
$$;

ALTER TABLE audit_log
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL,
  -- The trigger assigns ids under the lock.
  ALTER COLUMN id DROP DEFAULT;

CREATE FUNCTION audit_log_chain() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  prev char(64);
BEGIN
  -- Under REPEATABLE READ or SERIALIZABLE the latest row read below could be a stale one and
  -- fork the chain: refuse rather than write a row that fails verification.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_log appends need READ COMMITTED, not %',
      current_setting('transaction_isolation');
  END IF;
  -- One lock for every append in the database (the key is arbitrary, fixed: 'audit' in ASCII).
  PERFORM pg_advisory_xact_lock(1635084649);
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  NEW.prev_hash := coalesce(prev, repeat('0', 64));
  NEW.hash := audit_row_hash(NEW.id, NEW.at, NEW.actor, NEW.action, NEW.detail, NEW.source,
                             NEW.outcome, NEW.prev_hash);
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- Append-only for every role, the owner and superusers included: a REVOKE alone does not bind a
-- superuser, and the demo connects as one (docs/security.md gives the grants of a dedicated role).
CREATE FUNCTION audit_log_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
