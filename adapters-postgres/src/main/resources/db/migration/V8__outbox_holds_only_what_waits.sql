-- The relay now deletes an event's row in the transaction that published it, instead of marking it published
-- and deleting it after a retention: the mark wrote a second version of every row, payload and index entries
-- included. The outbox holds only what waits, so the mark and the indexes that told marked rows from the
-- others go. Rows marked by an earlier version are published already.
DELETE FROM outbox WHERE published_at IS NOT NULL;
DROP INDEX outbox_unpublished;
DROP INDEX outbox_published_at;
ALTER TABLE outbox DROP COLUMN published_at;
