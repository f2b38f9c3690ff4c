import Foundation
import GRDB
import Testing
@testable import Store

/// The record of imported files: written in the transaction of the responses, and refusing the
/// same bytes a second time in the same round unless asked.
@Suite struct FileImportTests {
    static let file = ImportedFile(path: "in/paper/responses.csv", sha256: String(repeating: "ab", count: 32), byteCount: 1200)

    /// One document for every round of a test: each call of `TestSurveys.document()` makes another definition.
    let document = TestSurveys.document()

    private func importResponses(_ count: Int, from file: ImportedFile, again: Bool = false, into round: String = "shop-2025",
                                 _ temporary: TemporaryStore) throws {
        try temporary.store.insertCompleteResponses(round: round, document: document, source: .import) { inserter in
            for i in 0..<count { try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "sv")) }
            try inserter.recordFile(file, again: again)
        }
    }

    private func responseCount(_ temporary: TemporaryStore) throws -> Int {
        try temporary.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM responses")! }
    }

    @Test func anImportIsRecordedWithItsNameWithoutFoldersAndItsRows() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        try importResponses(3, from: Self.file, temporary)
        let imports = try temporary.store.fileImports(round: "shop-2025")
        #expect(imports.count == 1)
        #expect(imports.first?.fileName == "responses.csv")
        #expect(imports.first?.sha256 == Self.file.sha256)
        #expect(imports.first?.byteCount == 1200)
        #expect(imports.first?.rowsImported == 3)
        #expect(imports.first?.round == "shop-2025")
    }

    @Test func theSameBytesAgainAreRefusedAndNothingIsWritten() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        try importResponses(3, from: Self.file, temporary)
        let earlier = try temporary.store.fileImports(round: "shop-2025")[0]
        var renamed = Self.file
        renamed.path = "copy.csv"
        #expect(throws: StoreError.fileAlreadyImported(renamed, earlier: earlier)) {
            try importResponses(5, from: renamed, temporary)
        }
        #expect(try responseCount(temporary) == 3)
        #expect(try temporary.store.fileImports(round: "shop-2025").count == 1)
    }

    @Test func againImportsTheSameBytesAndOtherRoundsOrBytesAreNew() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        try temporary.open("shop-2026", document)
        try importResponses(3, from: Self.file, temporary)
        try importResponses(2, from: Self.file, again: true, temporary)
        try importResponses(1, from: Self.file, into: "shop-2026", temporary)
        var other = Self.file
        other.sha256 = String(repeating: "ac", count: 32)
        try importResponses(4, from: other, temporary)
        #expect(try temporary.store.fileImports(round: "shop-2025").map(\.rowsImported) == [3, 2, 4])
        #expect(try temporary.store.fileImports(round: "shop-2026").map(\.rowsImported) == [1])
        #expect(try responseCount(temporary) == 10)
    }

    @Test func theRefusalNamesTheEarlierImportAndTheWayAround() {
        let earlier = FileImport(round: "shop-2025", fileName: "responses.csv", sha256: Self.file.sha256, byteCount: 1200,
                                 rowsImported: 1, importedAt: Timestamp(iso: "2025-10-02T09:05:00Z")!)
        var renamed = Self.file
        renamed.path = "copy.csv"
        let diagnostics = StoreError.fileAlreadyImported(renamed, earlier: earlier).diagnostics(database: "x.sqlite")
        #expect(diagnostics.map(\.description) == [
            "copy.csv: error[E431]: this file was imported into round shop-2025 already: responses.csv (the same bytes under another name) "
                + "on 2025-10-02 09:05 UTC, 1 response; nothing was imported. To import it again all the same, add --again",
        ])
    }

    /// A database made before the imports table (the migrations up to v2-collection) opens,
    /// keeps its rounds, and gets the table.
    @Test func anOlderDatabaseGetsTheImportsTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v2-collection: response tokens, idempotency keys, secrets")
        try old.write { db in
            #expect(try !db.tableExists("imports"))
            try db.execute(sql: """
                INSERT INTO definitions VALUES ('\(String(repeating: "0", count: 64))', 'shop', '1', 'x', '2025-01-01T00:00:00.000Z');
                INSERT INTO rounds (name, survey_id, definition_hash, opens, closes, status, anonymous, created_at)
                VALUES ('shop-2024', 'shop', '\(String(repeating: "0", count: 64))', '2024-01-01', '2024-12-31', 'closed', 1, '2024-01-01T00:00:00.000Z');
                """)
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains("v3: imports"))
        #expect(try store.pool.read { try $0.tableExists("imports") })
        #expect(try store.round(named: "shop-2024")?.surveyID == "shop")
        #expect(try store.fileImports(round: "shop-2024").isEmpty)
    }
}
