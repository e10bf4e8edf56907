-- Notifications: one per (event, channel, recipient). next_attempt_at is when the dispatcher may take it
-- next; claiming pushes it forward by a lease, so a dispatcher that dies loses only its lease.
CREATE TABLE notifications (
    id                UUID PRIMARY KEY,
    source_event_id   UUID,
    source_event_type TEXT        NOT NULL,
    order_id          TEXT,
    channel           TEXT        NOT NULL,
    recipient         TEXT,
    template          TEXT        NOT NULL,
    text              TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    attempts          INT         NOT NULL,
    last_error        TEXT,
    next_attempt_at   TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (source_event_id, channel, recipient)
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_by_order ON notifications (order_id, created_at);

CREATE TABLE notification_attempts (
    notification_id UUID        NOT NULL REFERENCES notifications (id),
    attempt         INT         NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ NOT NULL,
    delivered       BOOLEAN     NOT NULL,
    status_code     INT         NOT NULL,
    error           TEXT,
    PRIMARY KEY (notification_id, attempt, started_at)
);
