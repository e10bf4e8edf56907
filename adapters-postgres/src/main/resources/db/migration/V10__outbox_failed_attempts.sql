-- An event the broker refuses stays at the head of its key. Until now only the relay that tried it knew why (in
-- memory), and the event log said so entry by entry. The row now keeps how many attempts to publish it failed
-- and the last error, so that an operator sees what holds a key up from any instance (GET /api/outbox) and can
-- park it. A column with a constant default rewrites nothing since PostgreSQL 11.
ALTER TABLE outbox ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0, ADD COLUMN last_error text;
