-- The read model of documents, folded from docpipe.events by DocumentProjector.
-- Every column is derived from events only (never from the clock of the projecting process),
-- so re-reading the topic from the start yields identical rows.
CREATE TABLE documents (
    document_id    uuid        PRIMARY KEY,
    child_id       uuid        NOT NULL,
    owner          text        NOT NULL,
    state          text        NOT NULL,
    -- events applied; the projector applies event N only on a row at version N-1
    version        bigint      NOT NULL CHECK (version >= 1),
    review_version bigint      NOT NULL,
    scan_attempt   integer     NOT NULL,
    ocr_attempt    integer     NOT NULL,
    file           jsonb       NOT NULL,
    scan           jsonb,                -- the quick scan's report, null until scanned
    ocr            jsonb       NOT NULL, -- attempt, engine, engine version, text length
    review         jsonb       NOT NULL, -- the reviewed fields
    text_ref       text,                 -- blob with the extracted text, null before extraction
    last_failure   text,
    -- the whole aggregate as Document.evolve returns it: the input for folding the next event
    aggregate      jsonb       NOT NULL,
    last_event_id  uuid        NOT NULL,
    created_at     timestamptz NOT NULL, -- occurredAt of the first event
    updated_at     timestamptz NOT NULL  -- occurredAt of the last applied event
);

-- Listing a child's documents, newest first, with a total order (document_id breaks ties).
CREATE INDEX documents_by_child ON documents (child_id, created_at DESC, document_id DESC);
CREATE INDEX documents_by_state ON documents (state);
