import ArgumentParser
import Diagnostics
import Foundation
import Intake
import Store

/// `samla backup --to FILE`: a copy of the database in one file, safe while `samla serve` runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database into one file, safely while the server runs.",
        discussion: """
        The copy is the database as of one moment, the latest commits included, and one file \
        (no -wal or -shm beside it), checked with SQLite's integrity check before it takes the \
        name FILE; its SHA-256 goes beside it in FILE.sha256 (the form of sha256sum, so that \
        sha256sum -c FILE.sha256 checks a copy), which samla restore checks. It opens with every samla command (--db FILE). The database is only read: \
        this works on a read-only copy too, and a database of an earlier Samla is copied as it is, \
        not brought up to date, so that a backup made before an upgrade restores for that version. To restore: stop the server, move the database and its \
        -wal and -shm files aside, and put FILE in their place with samla restore --from FILE, which \
        checks it first (docs/store.md, "Restoring a backup"). The copy holds the rounds' personal data.
        """
    )

    @OptionGroup var database: StoreOptions

    @Option(name: .customLong("to"), help: ArgumentHelp("The backup file to write, in a folder that exists.", valueName: "file"))
    var destination: String

    @Flag(help: "Replace FILE when it exists.")
    var force = false

    @Option(help: "text for people, json for scripts.")
    var format: BackupFormat = .text

    enum BackupFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    init() {}

    func validate() throws {
        if destination.isEmpty { throw ValidationError("--to needs the path of the backup file, e.g. /backups/samla-2027-02-14.sqlite") }
    }

    func run() throws {
        try reportingRefusals(database: database.path) {
            let store = try database.open(.copying)
            let clock = ContinuousClock()
            let start = clock.now
            let backup = try store.backup(to: destination, replacing: force)
            let seconds = Self.seconds(clock.now - start)
            switch format {
            case .text: printLine(Self.text(backup, database: database.path, seconds: seconds))
            case .json: StandardOutput.write(try Self.json(backup, database: database.path, seconds: seconds))
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func text(_ backup: BackupSummary, database: String, seconds: Double) -> String {
        return "backed up \(database) to \(backup.file): \(ByteCount.text(backup.bytes)), \(GroupedCount.text(backup.rounds, "round")), "
            + "\(GroupedCount.text(backup.responses, "response")) (\(GroupedCount.text(backup.completeResponses)) complete, \(GroupedCount.text(backup.partialResponses)) partial), "
            + String(format: seconds < 10 ? "in %.2f s" : "in %.1f s", seconds)
            + (backup.earlierSchema.map {
                "; the copy has the schema of the earlier Samla that made the database (its latest migration is \"\($0)\"), as the database has it: "
                    + "not brought up to date, so that it restores for that version (the first command of this version that writes brings the database up to date)"
            } ?? "")
            + "\nits SHA-256, \(backup.sha256), is in \(backup.checksumFile): samla restore checks the backup against it, "
            + "and so does sha256sum -c \(URL(fileURLWithPath: backup.checksumFile).lastPathComponent) in its folder"
    }

    static func json(_ backup: BackupSummary, database: String, seconds: Double) throws -> String {
        struct Entry: Encodable {
            var database, file: String
            var bytes, rounds, responses, completeResponses, partialResponses: Int
            var seconds: Double
            var earlierSchema: String?
            var checksumFile, sha256: String
        }
        let entry = Entry(database: database, file: backup.file, bytes: backup.bytes, rounds: backup.rounds, responses: backup.responses,
                          completeResponses: backup.completeResponses, partialResponses: backup.partialResponses,
                          seconds: (seconds * 1000).rounded() / 1000, earlierSchema: backup.earlierSchema,
                          checksumFile: backup.checksumFile, sha256: backup.sha256)
        return try CommandJSON.text(entry)
    }
}
