-- Every change of a document (one row per applied event) in a durable order per child: the change stream
-- GET /api/v1/children/{childId}/documents/changes resumes from a position (Last-Event-ID) and reads what follows.
-- Written by DocumentProjector in the transaction that applies the events. Positions come from the child's row in
-- document_change_heads, locked by that transaction until it commits: so for one child a larger position never
-- becomes visible before a smaller one, and a reader that saw position P can resume with "position > P" without
-- missing a change. Positions may skip numbers (a change recorded before, e.g. by a refold, is not repeated).
-- No personal data: ids, versions, states, event types and times only. Kept across a rebuild of the documents
-- table (not one of ReadModelTable.TABLES), so positions stay valid when the table is swapped.
CREATE TABLE document_change_heads (
    child_id uuid   PRIMARY KEY,
    position bigint NOT NULL
);

CREATE TABLE document_changes (
    child_id    uuid        NOT NULL,
    position    bigint      NOT NULL,
    document_id uuid        NOT NULL,
    version     bigint      NOT NULL,
    state       text        NOT NULL,
    event_type  text        NOT NULL,
    changed_at  timestamptz NOT NULL, -- occurredAt of the event
    PRIMARY KEY (child_id, position),
    UNIQUE (document_id, version)
);
