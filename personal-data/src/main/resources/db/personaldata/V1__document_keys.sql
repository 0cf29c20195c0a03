-- One AES-256 data key per document (crypto-shredding, docs/decisions/0012): the personal fields of the
-- document's commands and events are sealed under it, and erasure deletes its row, which leaves every copy of
-- those fields (topics, changelogs, DLQ, backups of them) unreadable. The key is stored wrapped (AES/KWP) under
-- the key-encryption key named by kek_id, never in the clear. Written by api-service when it registers a
-- document, deleted by the projector when it applies DocumentErased.
CREATE TABLE document_keys (
    document_id uuid        PRIMARY KEY,
    child_id    uuid        NOT NULL,
    kek_id      text        NOT NULL,
    wrapped_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_keys_by_child ON document_keys (child_id);
