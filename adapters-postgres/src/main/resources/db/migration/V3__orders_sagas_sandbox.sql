-- Orders. Lines and contact are kept as JSON documents: they are only ever read with their order.
CREATE TABLE orders (
    id                     UUID PRIMARY KEY,
    customer_id            TEXT           NOT NULL,
    status                 TEXT           NOT NULL,
    currency               TEXT           NOT NULL,
    total                  NUMERIC(19, 4) NOT NULL,
    lines                  JSONB          NOT NULL,
    contact                JSONB          NOT NULL,
    cancellation_requested BOOLEAN        NOT NULL,
    reason                 TEXT,
    version                BIGINT         NOT NULL,
    created_at             TIMESTAMPTZ    NOT NULL,
    updated_at             TIMESTAMPTZ    NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC);
CREATE INDEX orders_by_status ON orders (status, created_at DESC);

-- Idempotency keys of order intake: the first request's fingerprint and the order it created.
CREATE TABLE idempotency_keys (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT        NOT NULL,
    order_id    UUID        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The orders context's own projection of design events: may this design be ordered?
CREATE TABLE order_design_projection (
    design_id UUID PRIMARY KEY,
    approved  BOOLEAN NOT NULL,
    version   BIGINT  NOT NULL
);

-- Sagas: the whole state is one document; the columns are what queries need.
CREATE TABLE sagas (
    id          UUID PRIMARY KEY,
    order_id    TEXT        NOT NULL UNIQUE,
    status      TEXT        NOT NULL,
    deadline_at TIMESTAMPTZ,
    version     BIGINT      NOT NULL,
    document    JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sagas_waiting ON sagas (deadline_at) WHERE deadline_at IS NOT NULL;

-- What each sandbox participant answered to each command id.
CREATE TABLE sandbox_ledger (
    participant TEXT        NOT NULL,
    command_id  UUID        NOT NULL,
    outcome     TEXT        NOT NULL,
    reason      TEXT,
    answered_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (participant, command_id)
);
