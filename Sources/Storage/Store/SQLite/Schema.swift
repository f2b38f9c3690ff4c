import GRDB

/// The store's fixed tables, created and upgraded by versioned migrations.
/// The per-survey answer tables are made by `AnswerLayoutWriter` as definitions arrive.
enum Schema {
    /// The identifier of the first migration, which every Samla store has applied.
    static let firstMigration = "v1: definitions, variables, rounds, invitations, responses"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(firstMigration) { db in
            try db.execute(sql: """
                CREATE TABLE definitions (
                    hash TEXT PRIMARY KEY NOT NULL CHECK (length(hash) = 64),
                    survey_id TEXT NOT NULL,
                    version TEXT NOT NULL,
                    source TEXT NOT NULL,
                    added_at TEXT NOT NULL
                );
                CREATE INDEX definitions_by_survey ON definitions(survey_id);

                CREATE TABLE variables (
                    survey_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL CHECK (type IN ('text', 'integer', 'decimal', 'boolean', 'date', 'choice', 'choices')),
                    pii INTEGER NOT NULL CHECK (pii IN (0, 1)),
                    position INTEGER NOT NULL,
                    first_definition_hash TEXT NOT NULL REFERENCES definitions(hash),
                    PRIMARY KEY (survey_id, name)
                );

                CREATE TABLE rounds (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    survey_id TEXT NOT NULL,
                    definition_hash TEXT NOT NULL REFERENCES definitions(hash),
                    opens TEXT NOT NULL,
                    closes TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
                    anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
                    created_at TEXT NOT NULL,
                    CHECK (opens <= closes)
                );

                CREATE TABLE responses (
                    id INTEGER PRIMARY KEY,
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    definition_hash TEXT NOT NULL REFERENCES definitions(hash),
                    language TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('partial', 'complete')),
                    started_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    submitted_at TEXT,
                    source TEXT NOT NULL CHECK (source IN ('web', 'import', 'api')),
                    invitation_id INTEGER REFERENCES invitations(id),
                    current_page TEXT,
                    CHECK ((status = 'complete') = (submitted_at IS NOT NULL))
                );
                CREATE INDEX responses_by_round ON responses(round_id, status);

                CREATE TABLE invitations (
                    id INTEGER PRIMARY KEY,
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
                    label TEXT,
                    created_at TEXT NOT NULL,
                    response_id INTEGER UNIQUE REFERENCES responses(id)
                );
                CREATE INDEX invitations_by_round ON invitations(round_id);

                -- Personal data, apart: erasable without touching the invitation.
                CREATE TABLE invitation_emails (
                    invitation_id INTEGER PRIMARY KEY REFERENCES invitations(id) ON DELETE CASCADE,
                    email TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: round secrets") { db in
            // Per-round keys that never leave the database: partner exports derive respondent
            // pseudonyms from them, so pseudonyms are stable within a round and unlinkable across rounds.
            try db.execute(sql: """
                CREATE TABLE round_secrets (
                    round_id INTEGER PRIMARY KEY NOT NULL REFERENCES rounds(id),
                    pseudonym_key BLOB NOT NULL CHECK (length(pseudonym_key) = 32)
                );
                """)
        }
        CollectionSchema.register(in: &migrator)
        migrator.registerMigration("v3: imports") { db in
            // Every file imported into a round, written in the transaction of its responses: a
            // second import of the same bytes (sha256) into the round is refused unless asked for.
            try db.execute(sql: """
                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY,
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    file_name TEXT NOT NULL,
                    byte_count INTEGER NOT NULL CHECK (byte_count >= 0),
                    rows_imported INTEGER NOT NULL CHECK (rows_imported >= 0),
                    imported_at TEXT NOT NULL
                );
                CREATE INDEX imports_by_round ON imports(round_id, sha256);
                """)
        }
        migrator.registerMigration("v4: ended admin sessions") { db in
            // Admin sessions signed out before their cookie expires (unix seconds), so that a
            // copy of the cookie stops working too; a row is forgotten once it would have expired.
            try db.execute(sql: """
                CREATE TABLE ended_sessions (
                    nonce TEXT PRIMARY KEY NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration(apiClientsMigration) { db in
            // The partner system (API client) of each API response, and idempotency keys scoped per
            // client, so that two clients using one key do not see each other's results. Everything
            // the API took before came through the one shared token, whose name is now `api`.
            try db.execute(sql: """
                ALTER TABLE responses ADD COLUMN api_client TEXT CHECK (api_client IS NULL OR source = 'api');
                UPDATE responses SET api_client = 'api' WHERE source = 'api';

                CREATE TABLE idempotency_keys_by_client (
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    client TEXT NOT NULL,
                    key TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    response_id INTEGER REFERENCES responses(id),
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (round_id, client, key)
                );
                INSERT INTO idempotency_keys_by_client (round_id, client, key, request_hash, status, body, response_id, created_at)
                SELECT round_id, 'api', key, request_hash, status, body, response_id, created_at FROM idempotency_keys;
                DROP TABLE idempotency_keys;
                ALTER TABLE idempotency_keys_by_client RENAME TO idempotency_keys;
                """)
        }
        migrator.registerMigration(erasuresMigration) { db in
            // What `samla erase` removed, for accountability without the data: never the erased
            // values, a token or an e-mail address. An invitation whose respondent withdrew keeps
            // its row (the round's response rate counts it as a refusal), marked so that its
            // link begins no new response.
            try db.execute(sql: """
                ALTER TABLE invitations ADD COLUMN withdrawn_at TEXT;

                CREATE TABLE erasures (
                    id INTEGER PRIMARY KEY,
                    erased_at TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('personal-data', 'withdrawal', 'round-personal-data')),
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    response_id INTEGER,
                    response_status TEXT CHECK (response_status IS NULL OR response_status IN ('partial', 'complete')),
                    invitation_id INTEGER REFERENCES invitations(id),
                    responses INTEGER NOT NULL CHECK (responses >= 0),
                    personal_answers INTEGER NOT NULL CHECK (personal_answers >= 0),
                    other_answers INTEGER NOT NULL CHECK (other_answers >= 0),
                    emails INTEGER NOT NULL CHECK (emails >= 0),
                    labels INTEGER NOT NULL CHECK (labels >= 0)
                );
                """)
        }
        migrator.registerMigration(dispositionsMigration) { db in
            // The final disposition of an invitation that has no response, for AAPOR's rates beyond
            // RR1 and RR2: a code and when it was recorded, never a note (which could hold personal data).
            try db.execute(sql: """
                ALTER TABLE invitations ADD COLUMN disposition TEXT
                    CHECK (disposition IS NULL OR disposition IN ('refused', 'non-contact', 'ineligible'));
                ALTER TABLE invitations ADD COLUMN disposition_set_at TEXT;
                """)
        }
        migrator.registerMigration(suppressionsMigration) { db in
            // The suppression list: the keyed hash (HMAC-SHA256 under the `suppression-key` of
            // `secrets`) of each withdrawn invitation's address, never the address, per survey, so
            // that `samla invite` leaves the respondent out of the survey's later rounds. Lifting an
            // entry is logged as an erasure of kind `suppression`, and each erasure counts the
            // entries it kept or lifted: the log is rebuilt for the new kind and column.
            try db.execute(sql: """
                CREATE TABLE suppressions (
                    survey_id TEXT NOT NULL,
                    address_hash TEXT NOT NULL CHECK (length(address_hash) = 64),
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    invitation_id INTEGER NOT NULL REFERENCES invitations(id),
                    suppressed_at TEXT NOT NULL,
                    PRIMARY KEY (survey_id, address_hash)
                );

                CREATE TABLE erasures_with_suppressions (
                    id INTEGER PRIMARY KEY,
                    erased_at TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('personal-data', 'withdrawal', 'round-personal-data', 'suppression')),
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    response_id INTEGER,
                    response_status TEXT CHECK (response_status IS NULL OR response_status IN ('partial', 'complete')),
                    invitation_id INTEGER REFERENCES invitations(id),
                    responses INTEGER NOT NULL CHECK (responses >= 0),
                    personal_answers INTEGER NOT NULL CHECK (personal_answers >= 0),
                    other_answers INTEGER NOT NULL CHECK (other_answers >= 0),
                    emails INTEGER NOT NULL CHECK (emails >= 0),
                    labels INTEGER NOT NULL CHECK (labels >= 0),
                    suppressions INTEGER NOT NULL DEFAULT 0 CHECK (suppressions >= 0)
                );
                INSERT INTO erasures_with_suppressions
                    (id, erased_at, kind, round_id, response_id, response_status, invitation_id, responses, personal_answers, other_answers, emails, labels)
                SELECT id, erased_at, kind, round_id, response_id, response_status, invitation_id, responses, personal_answers, other_answers, emails, labels
                FROM erasures;
                DROP TABLE erasures;
                ALTER TABLE erasures_with_suppressions RENAME TO erasures;
                """)
        }
        migrator.registerMigration(importReferencesMigration) { db in
            // Which import added each response, written in the import's transaction, so that one
            // import can be taken back (`samla import undo`). Responses imported before have none,
            // and their imports are marked untracked (`tracked` 0): their responses cannot be told
            // apart. An import taken back keeps its row, marked undone, for the history.
            try db.execute(sql: """
                ALTER TABLE responses ADD COLUMN import_id INTEGER REFERENCES imports(id) CHECK (import_id IS NULL OR source = 'import');
                CREATE INDEX responses_by_import ON responses(import_id) WHERE import_id IS NOT NULL;

                ALTER TABLE imports ADD COLUMN tracked INTEGER NOT NULL DEFAULT 0 CHECK (tracked IN (0, 1));
                ALTER TABLE imports ADD COLUMN undone_at TEXT;
                ALTER TABLE imports ADD COLUMN responses_removed INTEGER CHECK (responses_removed IS NULL OR responses_removed >= 0);
                """)
        }
        migrator.registerMigration(responseIDsNeverReusedMigration) { db in
            // A response's id is never given again once its response is removed (an import taken
            // back, a withdrawal): without AUTOINCREMENT, SQLite gives the next response the
            // highest id in use plus one, so the erasures log, which names responses by id, would
            // come to name a newer response, and a page saved against a removed response's id
            // could land in another. The counter starts above every id the table and the log hold.
            try db.execute(sql: """
                CREATE TABLE responses_v10 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    definition_hash TEXT NOT NULL REFERENCES definitions(hash),
                    language TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('partial', 'complete')),
                    started_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    submitted_at TEXT,
                    source TEXT NOT NULL CHECK (source IN ('web', 'import', 'api')),
                    invitation_id INTEGER REFERENCES invitations(id),
                    current_page TEXT,
                    api_client TEXT CHECK (api_client IS NULL OR source = 'api'),
                    import_id INTEGER REFERENCES imports(id) CHECK (import_id IS NULL OR source = 'import'),
                    CHECK ((status = 'complete') = (submitted_at IS NOT NULL))
                );
                INSERT INTO responses_v10
                    (id, round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source, invitation_id, current_page, api_client, import_id)
                SELECT id, round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source, invitation_id, current_page, api_client, import_id
                FROM responses;
                DROP TABLE responses;
                ALTER TABLE responses_v10 RENAME TO responses;
                CREATE INDEX responses_by_round ON responses(round_id, status);
                CREATE INDEX responses_by_import ON responses(import_id) WHERE import_id IS NOT NULL;
                DELETE FROM sqlite_sequence WHERE name = 'responses';
                INSERT INTO sqlite_sequence (name, seq)
                    SELECT 'responses', max(coalesce((SELECT max(id) FROM responses), 0), coalesce((SELECT max(response_id) FROM erasures), 0));
                """)
        }
        return migrator
    }

    /// What bringing the store of `db` up to date would do: the schema it is at (the last of the
    /// migrations applied without a gap from the first: a store whose later migrations were taken
    /// back by hand, as tests do, may hold one beyond) and the migrations it lacks; nil when it is
    /// up to date or no Samla store.
    static func pendingUpgrade(_ db: Database) throws -> (latest: String, pending: [String])? {
        let migrator = Self.migrator
        let applied = try migrator.appliedIdentifiers(db)
        let pending = migrator.migrations.filter { !applied.contains($0) }
        guard !pending.isEmpty, let latest = migrator.migrations.prefix(while: applied.contains).last else { return nil }
        return (latest, pending)
    }

    /// The migration after which a removed response's id is never given to another.
    static let responseIDsNeverReusedMigration = "v10: response ids never reused"

    /// The migration that records which import added each response, and imports taken back.
    static let importReferencesMigration = "v9: import references"

    /// The migration that keeps withdrawn addresses as keyed hashes on the suppression list.
    static let suppressionsMigration = "v8: suppressions"

    /// The migration that records the final dispositions of invitations without a response.
    static let dispositionsMigration = "v7: invitation dispositions"

    /// The migration that adds the erasure log and marks withdrawn invitations.
    static let erasuresMigration = "v6: erasures"

    /// The migration that names the API client of each API response and scopes idempotency keys per client.
    static let apiClientsMigration = "v5: API clients"
}
