-- An early warning on an answer whose case was acknowledged or resolved opens it again; the case's
-- history records that step too (actor: the early warning), so it never seems to reopen by itself.
ALTER TABLE alert_history DROP CONSTRAINT alert_history_action_check;
ALTER TABLE alert_history ADD CONSTRAINT alert_history_action_check
  CHECK (action IN ('ACKNOWLEDGED', 'CONTACTED', 'ASSIGNED', 'NOTE', 'RESOLVED', 'REOPENED'));
