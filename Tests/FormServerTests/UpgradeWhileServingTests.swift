import Foundation
import GRDB
import Testing
@testable import Store

/// A new binary that brings the database up to date while the server of the earlier version still
/// has it open is refused, naming the process to stop: the old server would go on working on the
/// schema it read. The migration ran under the running server, without a word.
@Suite struct UpgradeWhileServingTests {
    @Test(.timeLimit(.minutes(2)), .enabled(if: FileManager.default.fileExists(atPath: "/proc/locks")))
    func aMigrationIsRefusedWhileAServerHasTheDatabaseOpen() throws {
        let environment = try TestEnvironment()
        let tokenFile = environment.folder.appendingPathComponent("api-tokens.txt").path
        try APIClientTests.bothClients.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let server = try CrashTests.ServerProcess(database: environment.databasePath, tokenFile: tokenFile)
        defer { if server.process.isRunning { server.kill(SIGTERM) } }
        // The database as the earlier version left it: without this version's latest migration.
        let latest = try #require(Schema.migrator.migrations.last)
        try DatabaseQueue(path: environment.databasePath).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [latest])
        }

        let error = try #require(#expect(throws: StoreError.self) { _ = try SQLiteStore(path: environment.databasePath) })
        let id = server.process.processIdentifier
        guard case .migrationWhileOpen(_, let pending, let process, let command) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(pending == [latest] && process == id && command.contains("serve --db \(environment.databasePath)"))
        let message = error.diagnostics(database: environment.databasePath).map(\.description).joined()
        #expect(message.hasPrefix("\(environment.databasePath): error[E805]: this version of Samla brings the database up to date (it adds \"\(latest)\"), "
            + "and process \(id) (") && message.hasSuffix("has the database open, which would go on working on the schema it read; nothing was changed; "
            + "stop it first (systemctl stop samla, or kill \(id)), then run this version again"), "\(message)")
        let applied = try DatabaseQueue(path: environment.databasePath).read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(!applied.contains(latest), "nothing was migrated")

        server.kill(SIGTERM)
        let store = try SQLiteStore(path: environment.databasePath)
        #expect(try store.appliedMigrations().contains(latest), "once the server stopped, the upgrade goes through")
    }
}
