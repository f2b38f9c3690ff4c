import ArgumentParser
import Diagnostics
import Foundation
import Store

/// `samla restore --from FILE`: a backup put in place as the database, checked, on a server that lost its own.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place as the database, after checking it.",
        discussion: """
        For a server that lost its database, or a trial restore that shows a backup is good before \
        it is needed. The backup (samla backup) is checked against its checksum file FILE.sha256 \
        when it has one, and with SQLite's integrity check, and copied \
        to --db, which must not exist (move a database that is there aside first, with its -wal and \
        -shm files, with the server stopped). New responses are numbered past a gap, so that no \
        number the lost database gave after the backup is given again. It says what the backup \
        cannot hold: what to ask partner systems to send again, which erasures to repeat. Run it \
        as the user the server runs as (docs/store.md, "Restoring a backup").
        """
    )

    @OptionGroup var database: StoreOptions

    @Option(name: .customLong("from"), help: ArgumentHelp("The backup file to restore.", valueName: "file"))
    var backup: String

    @Option(help: "text for people, json for scripts.")
    var format: RestoreFormat = .text

    enum RestoreFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    init() {}

    func validate() throws {
        if backup.isEmpty { throw ValidationError("--from needs the path of the backup file, e.g. /backups/samla-2027-02-14.sqlite") }
    }

    func run() throws {
        try reportingRefusals(database: database.path) {
            let restored = try SQLiteStore.restore(from: backup, to: database.path)
            switch format {
            case .text: printLine(Self.text(restored))
            case .json: StandardOutput.write(try Self.json(restored))
            }
        }
    }

    static func text(_ restored: RestoreSummary) -> String {
        var lines = ["restored \(restored.backup) to \(restored.database): \(ByteCount.text(restored.bytes)), \(GroupedCount.text(restored.rounds, "round")), "
            + "\(GroupedCount.text(restored.responses, "response")) (\(GroupedCount.text(restored.completeResponses)) complete, "
            + "\(GroupedCount.text(restored.partialResponses)) partial); "
            + (restored.sha256.map { "its SHA-256 matched \(restored.checksumFile) (\($0)), the one samla backup wrote, and it passed SQLite's integrity check" }
                ?? "it passed SQLite's integrity check, the only check made: there is no checksum file \(restored.checksumFile) beside it "
                    + "(a backup of sqlite3 .backup or of an earlier Samla), so a value changed within a row since it was made would not be found")
            + (restored.earlierSchema.map { " and was brought up to date from an earlier Samla's schema (\"\($0)\")" } ?? "")]
        let since = restored.latestWrite.map { "since \($0.minuteText)" } ?? "since the backup was made"
        lines.append((restored.latestWrite.map { "the backup's latest write was at \($0.minuteText); " } ?? "")
            + "what the lost database took after the backup is not in it:")
        lines.append("- responses: new ones are numbered from \(GroupedCount.text(Int(restored.firstNewResponseID))); one numbered "
            + "\(GroupedCount.text(Int(restored.lastResponseID + 1))) to \(GroupedCount.text(Int(restored.firstNewResponseID - 1))) on an admin page, "
            + "in an export or in a partner's records was made after the backup and is not here")
        lines.append("- respondents: a link goes on from the page its response stood on in the backup; a link of an anonymous start since then "
            + "no longer works, and the start link begins anew")
        lines.append("- partner systems: ask each to send again, unchanged and under the same Idempotency-Key, every submission \(since): "
            + "one the backup holds gets its first answer (Idempotent-Replayed: true), one it lacks is stored anew under a new id")
        lines.append("- erasures: repeat those made after "
            + (restored.lastErasure.map { id in "erasure \(id)" + (restored.lastErasureAt.map { " (\($0.minuteText))" } ?? "") + ", the last in the backup's log (samla erase --log)" }
                ?? "the backup was made (its log has none)"))
        lines.append("- the admins and API tokens files are not in a backup: start the server with them, as the user it runs as")
        return lines.joined(separator: "\n")
    }

    static func json(_ restored: RestoreSummary) throws -> String {
        struct Entry: Encodable {
            var backup, database: String
            var bytes, rounds, responses, completeResponses, partialResponses: Int
            var lastResponseId, firstNewResponseId: Int64
            var latestWrite: String?
            var lastErasure: Int64?
            var lastErasureAt: String?
            var earlierSchema: String?
            var checks: [String]
            var checksumFile, sha256: String?
        }
        let entry = Entry(backup: restored.backup, database: restored.database, bytes: restored.bytes, rounds: restored.rounds,
                          responses: restored.responses, completeResponses: restored.completeResponses, partialResponses: restored.partialResponses,
                          lastResponseId: restored.lastResponseID, firstNewResponseId: restored.firstNewResponseID,
                          latestWrite: restored.latestWrite?.text, lastErasure: restored.lastErasure, lastErasureAt: restored.lastErasureAt?.text,
                          earlierSchema: restored.earlierSchema, checks: (restored.sha256 == nil ? [] : ["sha256"]) + ["integrity_check"],
                          checksumFile: restored.sha256 == nil ? nil : restored.checksumFile, sha256: restored.sha256)
        return try CommandJSON.text(entry)
    }
}
