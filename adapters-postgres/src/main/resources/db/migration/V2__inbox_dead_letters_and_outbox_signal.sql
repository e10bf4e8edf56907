-- What ties an event to the flow that caused it; written as Kafka headers by the relay.
ALTER TABLE outbox ADD COLUMN traceparent    TEXT;
ALTER TABLE outbox ADD COLUMN correlation_id TEXT;
ALTER TABLE outbox ADD COLUMN causation_id   TEXT;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Wake the relay when events are committed instead of polling: NOTIFY is delivered at commit (and only
-- then), once per transaction however many rows it inserted.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('atelier_outbox', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_committed AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Inbox: which events each consumer has handled. Written in the handler's transaction, so a redelivered
-- event is recognised and has no effect the second time.
CREATE TABLE inbox (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX inbox_processed_at ON inbox (processed_at);

-- Dead letters: messages a consumer parked, with everything needed to understand and replay them.
-- sequence orders the letters of one key, which is the order a replay follows.
CREATE TABLE dead_letters (
    id               UUID PRIMARY KEY,
    sequence         BIGSERIAL   NOT NULL UNIQUE,
    consumer         TEXT        NOT NULL,
    message_key      TEXT,
    event_id         UUID,
    event_type       TEXT,
    order_id         TEXT,
    source_topic     TEXT        NOT NULL,
    source_partition INT         NOT NULL,
    source_offset    BIGINT      NOT NULL,
    value            BYTEA,
    headers          JSONB       NOT NULL,
    error            TEXT        NOT NULL,
    attempts         INT         NOT NULL,
    failed_at        TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL,
    resolved_at      TIMESTAMPTZ
);
CREATE INDEX dead_letters_parked_by_key ON dead_letters (consumer, message_key, sequence) WHERE status = 'parked';
CREATE INDEX dead_letters_by_status ON dead_letters (status, sequence);
