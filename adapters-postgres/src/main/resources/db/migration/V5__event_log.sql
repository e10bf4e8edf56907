-- The event log kept in PostgreSQL when no ClickHouse is attached (the embedded mode). The columns are those
-- of dev.atelier.application.eventlog.LogTable, the same as in ClickHouse; entry_id makes a repeated write of
-- an entry harmless.

CREATE TABLE kafka_logs (
    entry_id       uuid        PRIMARY KEY,
    logged_at      timestamptz NOT NULL,
    direction      text        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    "offset"       bigint      NOT NULL,
    message_key    text        NOT NULL,
    event_id       text        NOT NULL,
    event_type     text        NOT NULL,
    consumer_group text        NOT NULL,
    status         text        NOT NULL,
    attempt        integer     NOT NULL,
    error          text        NOT NULL,
    latency_ms     bigint      NOT NULL,
    event_time     timestamptz NOT NULL,
    trace_id       text        NOT NULL
);
CREATE INDEX kafka_logs_by_time ON kafka_logs (logged_at DESC, entry_id DESC);

CREATE TABLE notification_logs (
    entry_id        uuid        PRIMARY KEY,
    logged_at       timestamptz NOT NULL,
    notification_id text        NOT NULL,
    order_id        text        NOT NULL,
    event_type      text        NOT NULL,
    channel         text        NOT NULL,
    recipient       text        NOT NULL,
    attempt         integer     NOT NULL,
    status          text        NOT NULL,
    http_status     integer     NOT NULL,
    error           text        NOT NULL,
    latency_ms      bigint      NOT NULL
);
CREATE INDEX notification_logs_by_time ON notification_logs (logged_at DESC, entry_id DESC);

CREATE TABLE application_logs (
    entry_id  uuid        PRIMARY KEY,
    logged_at timestamptz NOT NULL,
    level     text        NOT NULL,
    logger    text        NOT NULL,
    message   text        NOT NULL,
    thread    text        NOT NULL,
    exception text        NOT NULL,
    trace_id  text        NOT NULL
);
CREATE INDEX application_logs_by_time ON application_logs (logged_at DESC, entry_id DESC);
