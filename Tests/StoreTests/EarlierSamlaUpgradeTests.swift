import Diagnostics
import Foundation
import GRDB
import Testing
@testable import Store

/// A database that the Samla of the oldest schema on MSI's server made (`Fixtures/samla-9274605-schema-v2.sql`:
/// web, partial, API and imported responses, invitations, resume tokens, idempotency keys) opened by
/// this version: brought up to date once, every row and answer kept; and backed up as it was before.
@Suite struct EarlierSamlaUpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/samla-9274605-schema-v2.sql")
    static let oldestSchema = "v2-collection: response tokens, idempotency keys, secrets"

    /// A folder holding `samla.sqlite` made from the fixture's dump, as `sqlite3 FILE < dump` would.
    final class OldDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-upgrade-\(UUID().uuidString)")
        var path: String { folder.appendingPathComponent("samla.sqlite").path }

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: String(contentsOf: EarlierSamlaUpgradeTests.fixture, encoding: .utf8)) }
            try queue.close()
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    /// Every table's rows (ordered by all columns), read without the store; or, given `columns`,
    /// the rows of those tables in those columns.
    static func tables(_ path: String, columns: [String: [String]]? = nil) throws -> [String: [[DatabaseValue]]] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: [[DatabaseValue]]] = [:]
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            for name in names where name != "grdb_migrations" && (columns == nil || columns?[name] != nil) {
                let names = try columns?[name] ?? db.columns(in: name).map(\.name)
                let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
                let order = (1...names.count).map(String.init).joined(separator: ", ")
                tables[name] = try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(name)\" ORDER BY \(order)").map { Array($0.databaseValues) }
            }
            return tables
        }
    }

    static func columns(_ path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
            return Dictionary(uniqueKeysWithValues: try names.map { ($0, try db.columns(in: $0).map(\.name)) })
        }
    }

    @Test func theOldestSchemaIsBroughtUpToDateOnceWithEveryRowAndAnswer() throws {
        let old = try OldDatabase()
        let columns = try Self.columns(old.path)
        let before = try Self.tables(old.path)
        #expect(before["responses"]?.count == 14 && before["answers_msi_forum"]?.count == 10 && before["invitations"]?.count == 4)

        let store = try SQLiteStore(path: old.path)
        let current = try TemporaryStore()
        #expect(try store.appliedMigrations() == current.store.appliedMigrations())
        let (integrity, foreignKeys, sequence) = try store.pool.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"),
             try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'responses'"))
        }
        #expect(integrity == ["ok"] && foreignKeys.isEmpty)
        #expect(sequence == 174, "no earlier id is given again")
        #expect(try Self.tables(old.path, columns: columns) == before, "every row of before, in the columns it had")

        // The rounds read as they were, each with the definition it was pinned to.
        let summaries = Dictionary(uniqueKeysWithValues: try store.roundSummaries().map { ($0.round.name, $0) })
        #expect(summaries["forum-2025"].map { [$0.started, $0.complete] } == [4, 4])
        #expect(summaries["forum-2026"].map { [$0.started, $0.complete] } == [6, 5])
        #expect(summaries["platforms-2026"].map { [$0.started, $0.complete, $0.invitations, $0.invitationsUsed] } == [4, 3, 4, 2])
        var dates: [String] = []
        #expect(try store.scanResponses(round: "forum-2025", variables: ["event_date"], selection: .complete) { row in
            dates.append(row.text(0) ?? "")
        } == 4)
        #expect(dates.first == "2025-08-03")
        let partial = try #require(try store.response(171))
        #expect(partial.record.status == .partial && partial.record.currentPage == "funding" && partial.record.invitationID == 2)
        #expect(try store.response(121)?.answers["new_contacts_sectors"] == .choices(["public", "private", "civil", "academia"]))
        #expect(try store.response(167)?.answers["email"] == .text("person@example.se"), "personal answers stay")

        // What the migrations add: the shared token's API responses and keys are the client `api`'s.
        #expect(try store.response(173)?.record.apiClient == "api")
        #expect(try store.idempotencyRecord(round: "forum-2026", client: "api", key: "order-1")?.responseID == 173)

        // Opened again, nothing runs a second time.
        let upgraded = try Self.tables(old.path)
        _ = try SQLiteStore(path: old.path)
        #expect(try Self.tables(old.path) == upgraded)
    }

    /// A disk that fills up during the upgrade (a page limit stands in for it) stops it between two
    /// migrations, each one transaction, with a refusal that says where (E433): the database is
    /// intact at that migration, and the next open with room applies the rest. The refusal said
    /// "nothing was written", with migrations applied.
    @Test func aDiskThatFillsUpStopsTheUpgradeBetweenTwoMigrations() throws {
        let old = try OldDatabase()
        let columns = try Self.columns(old.path)
        let before = try Self.tables(old.path)
        let pages = try DatabaseQueue(path: old.path).read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        var stops: [String] = []
        for limit in pages...(pages + 40) {
            do {
                _ = try SQLiteStore(path: old.path, busyTimeout: 10, clock: { Date() }, pageLimit: limit)
                break
            } catch StoreError.upgradeStoppedOnFullDisk(let path, let reached, let pending) {
                stops.append(reached)
                #expect(!pending.isEmpty && !pending.contains(reached))
                let refusal = StoreError.upgradeStoppedOnFullDisk(path: path, reached: reached, pending: pending).diagnostics(database: path)
                #expect(refusal.map(\.code) == [.databaseFull])
                #expect(refusal.first?.message.contains("it is intact, with the migrations up to \"\(reached)\"") == true)
                #expect(try Self.tables(old.path, columns: columns) == before, "limit \(limit): every row of before")
            } catch StoreError.databaseFull {
                // Not even the connection's set-up fitted.
            }
        }
        #expect(stops.first == Self.oldestSchema, "the first migration after it did not fit: \(stops)")
        #expect(Set(stops).count > 1, "a later stop keeps the migrations that fitted: \(stops)")
        let store = try SQLiteStore(path: old.path)
        #expect(try store.appliedMigrations() == TemporaryStore().store.appliedMigrations())
        #expect(try Self.tables(old.path, columns: columns) == before)
    }

    /// `samla backup` before an upgrade: the copy is the database as the earlier Samla left it,
    /// and the database is not brought up to date by it. Without `takingEarlierSchema` a read-only
    /// open refuses the earlier schema, as before.
    @Test func aBackupOfAnEarlierSchemaIsTheDatabaseAsItWas() throws {
        let old = try OldDatabase()
        let before = try Self.tables(old.path)
        #expect {
            try SQLiteStore(readingOnly: old.path)
        } throws: { error in
            guard case StoreError.outdatedSchema(_, Self.oldestSchema, let pending) = error else { return false }
            return pending.first == "v3: imports" && pending.count == 8
        }

        let backup = old.folder.appendingPathComponent("before-upgrade.sqlite").path
        let summary = try SQLiteStore(readingOnly: old.path, takingEarlierSchema: true).backup(to: backup)
        #expect(summary.earlierSchema == Self.oldestSchema)
        #expect([summary.rounds, summary.completeResponses, summary.partialResponses] as [Int] == [3, 12, 2])
        #expect(try Self.tables(backup) == before)
        for path in [old.path, backup] {
            let migrations = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
            #expect(migrations.count == 3 && migrations.last == Self.oldestSchema, "\(path) keeps the earlier schema")
        }

        let current = try TemporaryStore()
        let upToDate = current.folder.appendingPathComponent("copy.sqlite").path
        #expect(try SQLiteStore(readingOnly: current.store.path, takingEarlierSchema: true).backup(to: upToDate).earlierSchema == nil)
    }
}
