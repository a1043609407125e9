-- Personal data (docs/security.md, "Personal data").
-- Erasing a customer (DELETE /api/v1/customers/{customerRef}) finds their answers by reference:
-- without this index, one request is a scan of every event ever stored.
CREATE INDEX feedback_customer_ref ON feedback_event (customer_ref) WHERE customer_ref IS NOT NULL;
-- The retention pass finds comments by age; partial, so answers without a comment cost nothing here.
CREATE INDEX feedback_comment_occurred ON feedback_event (occurred_at) WHERE comment IS NOT NULL;
