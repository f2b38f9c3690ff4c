import Expressions
import Foundation
import GRDB
import Store
import SurveyDefinition
@testable import Intake

/// A fresh SQLite store in a temporary folder with round `test-2025` of the import-test survey.
struct ImportFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let round = "test-2025"

    let folder: URL
    let databasePath: String
    let store: SQLiteStore

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-intake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        databasePath = folder.appendingPathComponent("samla.sqlite").path
        store = try SQLiteStore(path: databasePath)
        let loaded = SurveyLoader.load(contentsOf: Self.fixture("import-test.yaml"))
        guard let document = loaded.document else {
            throw FixtureError("import-test.yaml does not load: \(loaded.diagnostics)")
        }
        _ = try store.openRound(RoundRequest(
            name: Self.round, document: document,
            opens: CalendarDate(year: 2025, month: 1, day: 1), closes: CalendarDate(year: 2099, month: 12, day: 31), anonymous: true
        ))
    }

    static func fixture(_ name: String) -> String {
        fixtures.appendingPathComponent(name).path
    }

    /// Writes `text` to a file in the temporary folder and returns its path.
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func importFile(_ path: String, options: ImportOptions = ImportOptions(today: CalendarDate(year: 2025, month: 12, day: 1)!)) -> ImportResult {
        ResponseImporter(store: store, database: databasePath, options: options).importFile(path, round: Self.round)
    }

    /// Every row of every table, in a stable order: equal before and after means the content is unchanged.
    func contentDump() throws -> String {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            var out = ""
            for table in tables {
                out += "## \(table)\n"
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY rowid")
                for row in rows { out += row.description + "\n" }
            }
            return out
        }
    }

    /// The number of stored responses of the round.
    func responseCount() throws -> Int {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM responses") ?? 0 }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }
}

extension ImportFixture {
    /// Imports the file that `file` names (a fixture) or writes into a fresh database: the result,
    /// the file's path, and whether the database's content is as it was before.
    static func importOnce(_ file: (ImportFixture) throws -> String) throws -> (result: ImportResult, path: String, unchanged: Bool) {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let before = try fixture.contentDump()
        let path = try file(fixture)
        let result = fixture.importFile(path)
        return (result, path, try fixture.contentDump() == before)
    }

    /// valid.csv with each pair's first text replaced by its second.
    static func valid(replacing pairs: KeyValuePairs<String, String>) throws -> [UInt8] {
        let text = try String(contentsOfFile: fixture("valid.csv"), encoding: .utf8)
        return Array(pairs.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }.utf8)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
