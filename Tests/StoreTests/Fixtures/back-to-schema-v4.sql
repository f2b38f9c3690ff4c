-- Turns a database of the current schema back into one of schema v4 (before `v5: API clients`,
-- `v6: erasures`, `v7: invitation dispositions` and `v8: suppressions`), for the tests of databases that an earlier Samla made (StoreTests and SamlaCommandsTests).
DROP TABLE suppressions;
DELETE FROM grdb_migrations WHERE identifier = 'v8: suppressions';
ALTER TABLE invitations DROP COLUMN disposition;
ALTER TABLE invitations DROP COLUMN disposition_set_at;
DELETE FROM grdb_migrations WHERE identifier = 'v7: invitation dispositions';
DROP TABLE erasures;
ALTER TABLE invitations DROP COLUMN withdrawn_at;
DELETE FROM grdb_migrations WHERE identifier = 'v6: erasures';
ALTER TABLE responses DROP COLUMN api_client;
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    round_id INTEGER NOT NULL REFERENCES rounds(id), key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
    body TEXT NOT NULL, response_id INTEGER REFERENCES responses(id), created_at TEXT NOT NULL, PRIMARY KEY (round_id, key));
DELETE FROM grdb_migrations WHERE identifier = 'v5: API clients';
