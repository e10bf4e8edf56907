-- The sandbox participants keep their books per saga, as real ones would: a compensation (release, refund)
-- answers "nothing to undo" when its forward action never took effect for the saga, and a forward action that
-- arrives after its saga was compensated is refused. The ledger so far knew answers by command id only; it now
-- also keeps each command's saga and action. Rows written before this have neither, so a compensation of a saga
-- started before the upgrade finds nothing: it is the sandbox, and a saga that heard its charge succeed ends
-- refunded whatever the refund says (its timeline notes the disagreement). Those rows stay out of the index.
ALTER TABLE sandbox_ledger ADD COLUMN saga_id uuid, ADD COLUMN action text;
CREATE INDEX sandbox_ledger_by_saga ON sandbox_ledger (saga_id, participant, action) WHERE saga_id IS NOT NULL;
