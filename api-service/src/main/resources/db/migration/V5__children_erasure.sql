-- DELETE /api/v1/children/{childId}: the child row stays, marked erased, so that a repeated DELETE answers 204
-- again (not 404) and the erased documents under it still answer 410 DOCUMENT_ERASED to their family. What
-- the family wrote is erased: the name, and the creation key (a client-chosen string, kept only to replay the
-- creation). Ids and times are not personal data of the child beyond what the documents' ids already are.
ALTER TABLE children ADD COLUMN erased_at timestamptz;
