-- Erasure (docs/decisions/0012-erasure-by-crypto-shredding.md) deletes an erased document's blobs only when no
-- document that is not erased still references them (blobs are content-addressed: the same file uploaded twice,
-- for two children, is one blob). These make that check an index lookup instead of a scan per blob.
CREATE INDEX documents_by_file_blob ON documents ((file ->> 'blobRef'));
CREATE INDEX documents_by_text_ref ON documents (text_ref) WHERE text_ref IS NOT NULL;
