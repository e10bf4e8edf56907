-- The relay now deletes an event's row in the transaction that published it, instead of marking it published
-- and deleting it after a retention: the mark wrote a second version of every row, payload and index entries
-- included. The outbox holds only what waits, so the mark and the indexes that told marked rows from the
-- others go. Rows marked by an earlier version are published already.
--
-- A database may hold days of marked rows and only a few waiting ones. Deleting the marked rows would be one
-- long transaction, and would leave them dead at the start of the primary key, where every read of the relay
-- begins, until a vacuum. So the waiting rows are set aside, the table is emptied at once, and they go back
-- with their positions; the position sequence is kept, so new events still come after them.
SET LOCAL lock_timeout = '60s';
LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE;
CREATE TEMPORARY TABLE outbox_waiting ON COMMIT DROP AS
    SELECT position, event_id, stream, event_type, aggregate_key, schema_version, occurred_at, payload, created_at,
           traceparent, correlation_id, causation_id
    FROM outbox WHERE published_at IS NULL;
TRUNCATE outbox;
DROP INDEX outbox_unpublished;
DROP INDEX outbox_published_at;
ALTER TABLE outbox DROP COLUMN published_at;
INSERT INTO outbox (position, event_id, stream, event_type, aggregate_key, schema_version, occurred_at, payload,
                    created_at, traceparent, correlation_id, causation_id)
    SELECT position, event_id, stream, event_type, aggregate_key, schema_version, occurred_at, payload, created_at,
           traceparent, correlation_id, causation_id
    FROM outbox_waiting;
