-- Events that reached the projector ahead of their document's row: an earlier version is missing (dead-lettered
-- and replayed later, or delivered late). The read model holds such gaps (GapPolicy.HOLD: a row is always a
-- prefix of the document's log); the events wait here and are folded, in order, as soon as the missing one
-- arrives. Values are the events' bytes as docpipe.events carries them (ModelJson.EVENTS).
CREATE TABLE parked_events (
    document_id uuid   NOT NULL,
    version     bigint NOT NULL,
    event       bytea  NOT NULL,
    PRIMARY KEY (document_id, version)
);
