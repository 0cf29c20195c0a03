-- OcrStatus gained lastRequestFailed and reprocessedFrom (a failed reprocess returns to the state it started
-- from). Rows written before hold aggregates without them, which the strict reader refuses: add them with the
-- values the previous fold implied (every failed OCR request ended in OCR_FAILED, and no request in flight
-- had a state to return to). The ocr column mirrors the aggregate's OCR status.
UPDATE documents
SET aggregate = jsonb_set(aggregate, '{ocr}', (aggregate -> 'ocr')
        || jsonb_build_object('lastRequestFailed', state = 'OCR_FAILED', 'reprocessedFrom', NULL)),
    ocr = ocr || jsonb_build_object('lastRequestFailed', state = 'OCR_FAILED', 'reprocessedFrom', NULL)
WHERE aggregate -> 'ocr' -> 'lastRequestFailed' IS NULL;
