-- The dispatcher claims due notifications in the order next_attempt_at, created_at. With only next_attempt_at
-- indexed, PostgreSQL read the due notifications in that order and sorted them by created_at as it went; under
-- the orders benchmark that claim was the most expensive statement of all (21 ms per batch of 50). Indexed in
-- claim order, a claim takes its rows from the index already in order (5.7 ms per batch, the updates included).
DROP INDEX notifications_due;
CREATE INDEX notifications_due ON notifications (next_attempt_at, created_at) WHERE status = 'pending';
