-- An Idempotency-Key claim keeps the exact command it sent, so a takeover of an abandoned claim resends
-- those bytes instead of building the command again (a rebuilt command could differ: issuedAt, or a
-- payload a newer instance would fill differently). Null until the claim's command has been built; a
-- claim without one never sent anything.
ALTER TABLE idempotency_keys ADD COLUMN command bytea;

-- A claim whose request failed (the producer may still deliver its command): the next request with the
-- key takes it over at once. Claims of instances that died without answering are recognised by
-- created_at (see IdempotencyKeyStore); created_at keeps its name and meaning ("when the current
-- claim was taken") so instances of the previous release keep working during a rolling upgrade.
ALTER TABLE idempotency_keys ADD COLUMN abandoned boolean NOT NULL DEFAULT false;
