-- api-service's own tables. The documents read model lives in the read-model module's schema
-- (history table read_model_schema_history); these are history table api_schema_history.

-- Who may see what: an account owns children, a child's documents belong to it.
CREATE TABLE accounts (
    account_id  uuid        PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE children (
    child_id    uuid        PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES accounts (account_id),
    name        text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX children_by_account ON children (account_id);

-- The decision log for GET /api/v1/commands/{id}: every outcome on docpipe.command-outcomes (also of
-- commands from replay tooling), written in batches by the outcome log consumer (group
-- docpipe-api-outcomes, so once across API instances). The first outcome of a command wins; repeats
-- (DUPLICATE) are ignored. Visible to the account owning the document's child.
CREATE TABLE command_outcomes (
    command_id   uuid        PRIMARY KEY,
    document_id  uuid        NOT NULL,
    command_type text        NOT NULL,
    outcome      jsonb       NOT NULL,
    decided_at   timestamptz NOT NULL
);
CREATE INDEX command_outcomes_decided_at ON command_outcomes (decided_at);

-- Commands answered 202 before their outcome arrived: what makes GET /api/v1/commands/{id} answer 202
-- ("pending") rather than 404 until the outcome is logged. Commands answered with their outcome never
-- get a row here, which keeps the hot path free of a database write.
CREATE TABLE pending_commands (
    command_id   uuid        PRIMARY KEY,
    account_id   uuid        NOT NULL,
    child_id     uuid        NOT NULL,
    document_id  uuid        NOT NULL,
    command_type text        NOT NULL,
    issued_at    timestamptz NOT NULL
);

-- Idempotency-Key: one row per (account, key); the primary key is what makes concurrent requests with
-- one key create one command. Rows are kept for docpipe.api.idempotency-retention (>= 24 h).
CREATE TABLE idempotency_keys (
    account_id      uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     text        NOT NULL,
    command_id      uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    -- null while the first request is still running
    response_status integer,
    response_headers jsonb,
    response_body   bytea,
    PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
