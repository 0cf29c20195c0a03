-- POST /api/v1/children with an Idempotency-Key: the key the child was created with, so a retried
-- request (the app never saw the first answer) gets that child again instead of a second one. Kept as
-- long as the child. Instances of the previous release neither read nor write it.
ALTER TABLE children ADD COLUMN creation_key text;
CREATE UNIQUE INDEX children_by_creation_key ON children (account_id, creation_key) WHERE creation_key IS NOT NULL;
