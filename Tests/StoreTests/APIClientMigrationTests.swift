import Foundation
import GRDB
import Testing
@testable import Store

/// `v5: API clients`: a database of the schema before it (up to `v4: ended admin sessions`) is
/// brought up to date, its API responses and idempotency keys given to the client `api`, the name
/// of the one shared token that was all the API took before.
@Suite struct APIClientMigrationTests {
    @Test func aDatabaseOfThePreviousSchemaGetsItsAPIClients() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-v4-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v4.sqlite").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v4: ended admin sessions")
        let hash = String(repeating: "0", count: 64)
        try old.write { db in
            #expect(try !db.columns(in: "responses").map(\.name).contains("api_client"))
            try db.execute(sql: """
                INSERT INTO definitions VALUES ('\(hash)', 'shop', '1', 'x', '2025-01-01T00:00:00.000Z');
                INSERT INTO rounds (id, name, survey_id, definition_hash, opens, closes, status, anonymous, created_at)
                VALUES (1, 'shop-2025', 'shop', '\(hash)', '2025-01-01', '2025-12-31', 'open', 1, '2025-01-01T00:00:00.000Z');
                INSERT INTO responses (id, round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source)
                VALUES (1, 1, '\(hash)', 'sv', 'complete', '2025-02-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', 'api'),
                       (2, 1, '\(hash)', 'sv', 'partial', '2025-02-02T00:00:00.000Z', '2025-02-02T00:00:00.000Z', NULL, 'web');
                INSERT INTO idempotency_keys (round_id, key, request_hash, status, body, response_id, created_at)
                VALUES (1, 'order-1', 'abc', 201, '{"id":1}', 1, '2025-02-01T00:00:00.000Z');
                """)
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains("v5: API clients"))
        #expect(try SQLiteStore.record(1, in: store)?.apiClient == "api")
        #expect(try SQLiteStore.record(2, in: store)?.apiClient == nil)
        let kept = try #require(try store.idempotencyRecord(round: "shop-2025", client: "api", key: "order-1"))
        #expect(kept.body == #"{"id":1}"# && kept.responseID == 1, "a retry through the shared token still gets its first answer")
        #expect(try store.idempotencyRecord(round: "shop-2025", client: "kolada", key: "order-1") == nil, "another client's key is its own")
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO idempotency_keys (round_id, client, key, request_hash, status, body, response_id, created_at)
                VALUES (1, 'kolada', 'order-1', 'def', 201, '{"id":2}', NULL, '2025-03-01T00:00:00.000Z')
                """)
        }
        #expect(try store.idempotencyRecord(round: "shop-2025", client: "kolada", key: "order-1")?.body == #"{"id":2}"#)
        #expect(throws: (any Error).self, "a web response names no API client") {
            try store.pool.write { db in try db.execute(sql: "UPDATE responses SET api_client = 'kolada' WHERE id = 2") }
        }
    }
}

extension SQLiteStore {
    fileprivate static func record(_ id: Int64, in store: SQLiteStore) throws -> ResponseRecord? {
        try store.pool.read { db in try record(id, db) }
    }
}
