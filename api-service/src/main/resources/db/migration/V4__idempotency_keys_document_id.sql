-- Erasure (docs/decisions/0012-erasure-by-crypto-shredding.md): the read model's projector nulls the stored
-- response bodies of an erased document's Idempotency-Key claims, found by this column. Set with the command's
-- bytes (null for claims that never built a command, and for claims of the previous release, which expire
-- within docpipe.api.idempotency-retention); filled here for the rows that already keep their command.
ALTER TABLE idempotency_keys ADD COLUMN document_id uuid;
UPDATE idempotency_keys SET document_id = (convert_from(command, 'UTF8')::jsonb ->> 'documentId')::uuid
 WHERE command IS NOT NULL;
CREATE INDEX idempotency_keys_by_document ON idempotency_keys (document_id) WHERE document_id IS NOT NULL;
