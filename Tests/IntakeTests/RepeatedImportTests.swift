import CSV
import Diagnostics
import Expressions
import Foundation
import GRDB
import Store
import Testing
@testable import Intake

/// A file whose bytes the round has imported before is refused (E431) before anything is written,
/// under any name; `again` imports it all the same.
@Suite struct RepeatedImportTests {
    static let valid = ImportFixture.fixture("valid.csv")

    func againOptions() -> ImportOptions {
        ImportOptions(today: CalendarDate(year: 2025, month: 12, day: 1)!, again: true)
    }

    @Test func theSameFileTwiceIsRefusedNamingTheEarlierImport() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        #expect(fixture.importFile(Self.valid).imported == 4)
        let before = try fixture.contentDump()

        let second = fixture.importFile(Self.valid)
        #expect(second.isRefused)
        #expect(second.imported == 0)
        #expect(second.errorsByCode.map(\.code) == [.fileAlreadyImported])
        let message = try #require(second.diagnostics.first).description
        #expect(message.hasPrefix("\(Self.valid): error[E431]: this file was imported into round test-2025 already: valid.csv on "))
        #expect(message.hasSuffix(" UTC, 4 responses; nothing was imported. To import it again all the same, add --again"))
        #expect(try fixture.contentDump() == before)
    }

    @Test func theSameBytesUnderAnotherNameAreTheSameFile() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        #expect(fixture.importFile(Self.valid).imported == 4)
        let renamed = try fixture.write("october-paper.csv", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.valid))))
        let second = fixture.importFile(renamed)
        #expect(second.isRefused)
        #expect(second.diagnostics.first?.message.contains("valid.csv (the same bytes under another name)") == true)
        #expect(try fixture.responseCount() == 4)
    }

    @Test func aFileThatDiffersByOneByteOfTheSameSizeIsNew() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        #expect(fixture.importFile(Self.valid).imported == 4)
        let text = try String(contentsOfFile: Self.valid, encoding: .utf8)
        let changed = try fixture.write("valid.csv", bytes: Array(text.replacingOccurrences(of: "2015-03-01", with: "2015-03-02").utf8))
        let second = fixture.importFile(changed)
        #expect(!second.isRefused, "\(second.diagnostics)")
        #expect(second.imported == 4)
        #expect(try fixture.store.fileImports(round: ImportFixture.round).map(\.fileName) == ["valid.csv", "valid.csv"])
    }

    @Test func againImportsTheSameFileAndRecordsItOnceMore() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        #expect(fixture.importFile(Self.valid).imported == 4)
        let again = ResponseImporter(store: fixture.store, database: fixture.databasePath, options: againOptions())
            .importFile(Self.valid, round: ImportFixture.round)
        #expect(!again.isRefused, "\(again.diagnostics)")
        #expect(again.imported == 4)
        #expect(try fixture.responseCount() == 8)
        #expect(try fixture.store.fileImports(round: ImportFixture.round).map(\.rowsImported) == [4, 4])
    }

    /// The digest recorded is that of the bytes the reader read (a byte order mark included),
    /// the same as reading the file on its own.
    @Test func theRecordedDigestIsTheFilesSHA256() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(try Data(contentsOf: URL(fileURLWithPath: Self.valid)))
        let path = try fixture.write("bom.csv", bytes: bytes)
        #expect(fixture.importFile(path).imported == 4)
        let recorded = try #require(try fixture.store.fileImports(round: ImportFixture.round).first)
        #expect(recorded.byteCount == bytes.count)
        #expect(recorded.sha256 == FileDigest.reading(path)?.hex)
        #expect(recorded.fileName == "bom.csv")
    }

    @Test func theDigestIsSHA256() {
        let digest = FileDigest()
        Array("abc".utf8).withUnsafeBytes { digest.update($0) }
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.byteCount == 3)
    }

    /// An import recorded while this one was reading (here: written straight into the table, with
    /// another size, so that the check before reading misses it) is found in the transaction,
    /// which rolls back.
    @Test func theStoreRefusesTheSameBytesInsideTheTransaction() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let sha256 = try #require(FileDigest.reading(Self.valid)?.hex)
        let queue = try DatabaseQueue(path: fixture.databasePath)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO imports (round_id, sha256, file_name, byte_count, rows_imported, imported_at)
                SELECT id, ?, 'elsewhere.csv', 1, 4, '2025-11-30T08:00:00.000Z' FROM rounds WHERE name = ?
                """, arguments: [sha256, ImportFixture.round])
        }
        try queue.close()
        let before = try fixture.contentDump()
        let result = fixture.importFile(Self.valid)
        #expect(result.isRefused)
        #expect(result.errorsByCode.map(\.code) == [.fileAlreadyImported])
        #expect(result.diagnostics.first?.message.contains("elsewhere.csv (the same bytes under another name) on 2025-11-30 08:00 UTC, 4 responses") == true)
        #expect(try fixture.contentDump() == before)
    }

    @Test func aRefusedImportIsNotRecorded() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        #expect(fixture.importFile(ImportFixture.fixture("bad-cells.csv")).isRefused)
        #expect(try fixture.store.fileImports(round: ImportFixture.round).isEmpty)
    }
}
