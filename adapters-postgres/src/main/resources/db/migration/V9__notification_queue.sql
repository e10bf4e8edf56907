-- The dispatcher's queue: one narrow row per pending notification, with when it may be taken next. Until now the
-- queue was a partial index over notifications itself (next_attempt_at WHERE status = 'pending'), and that cost
-- every notification three full rewrites: a claim and an outcome change indexed columns, so neither could be a
-- heap-only update, and each wrote the row again with its text plus a new entry in every index of the table.
-- Under the orders benchmark the claim and the outcome wrote 9 KB of write-ahead log per order, and a claim read
-- a few hundred pages past notifications sent since the last autovacuum. Apart, a claim rewrites a queue row of a
-- few dozen bytes, the outcome updates the notification without touching an index, and the queue, which only
-- holds what waits, is vacuumed by the dispatcher as it empties.
CREATE TABLE notification_queue (
    notification_id UUID        PRIMARY KEY REFERENCES notifications (id),
    next_attempt_at TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX notification_queue_due ON notification_queue (next_attempt_at, created_at);

INSERT INTO notification_queue (notification_id, next_attempt_at, created_at)
SELECT id, coalesce(next_attempt_at, created_at), created_at FROM notifications WHERE status = 'pending';

DROP INDEX notifications_due;

-- Room on each page for the outcome's new row version, which keeps it a heap-only update.
ALTER TABLE notifications SET (fillfactor = 80);
