import GRDB

/// The tables of web collection: resume tokens of anonymous responses, idempotency keys of
/// API submissions, and the server's secrets (the key of its CSRF tokens and admin sessions).
enum CollectionSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-collection: response tokens, idempotency keys, secrets") { db in
            try db.execute(sql: """
                CREATE TABLE response_tokens (
                    token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
                    response_id INTEGER NOT NULL UNIQUE REFERENCES responses(id)
                );

                CREATE TABLE idempotency_keys (
                    round_id INTEGER NOT NULL REFERENCES rounds(id),
                    key TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    response_id INTEGER REFERENCES responses(id),
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (round_id, key)
                );

                CREATE TABLE secrets (
                    name TEXT PRIMARY KEY NOT NULL,
                    value BLOB NOT NULL,
                    created_at TEXT NOT NULL
                );
                """)
        }
    }
}
