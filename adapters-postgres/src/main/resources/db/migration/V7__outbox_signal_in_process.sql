-- The relay is now woken in the process that committed, not by NOTIFY. A transaction that notifies takes a
-- server-wide lock at commit and holds it until its commit record is flushed, so all writers of the outbox
-- committed one after another, each with a disk flush of its own.
DROP TRIGGER IF EXISTS outbox_committed ON outbox;
DROP FUNCTION IF EXISTS outbox_notify();
