import ArgumentParser
import Diagnostics
import Foundation
import Store

/// `--db PATH`, which every command that reads or writes data takes.
struct StoreOptions: ParsableArguments {
    static let defaultPath = ".samla/samla.sqlite"

    @Option(name: .customLong("db"), help: ArgumentHelp("The Samla database; `samla round open` creates it, with its folder, on first use.", valueName: "path"))
    var path: String = StoreOptions.defaultPath

    init() {}

    /// The options as `--db path` gives them, for a command whose `--db` is optional.
    init(path: String) {
        self.path = path
    }

    func validate() throws {
        if path.isEmpty { throw ValidationError("--db needs the path of the database file, e.g. \(Self.defaultPath)") }
    }

    /// What a command does with the database.
    enum Access {
        /// Makes the database, and its folder, when there is none (`samla round open`).
        case creating
        /// Writes to a database that must exist.
        case writing
        /// Only reads a database that must exist, opened read-only: it works on a file this user
        /// cannot write (an archived copy), and never changes it.
        case reading
        /// Only reads, as `reading`, and takes a database of an earlier Samla as it is instead of
        /// bringing it up to date first (`samla backup`: the backup made before an upgrade is the
        /// database as the earlier version left it, which that version reads back).
        case copying
        /// Only reads, as `reading`, and refuses a database of an earlier Samla instead of bringing
        /// it up to date (`samla validate --db`: a check writes nothing).
        case checking
    }

    /// Opens the store for `access`. A command that only reads, or needs a round the database holds,
    /// refuses a database that does not exist rather than making an empty one.
    func open(_ access: Access) throws -> SQLiteStore {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue {
            let example = URL(fileURLWithPath: path).appendingPathComponent("samla.sqlite").path
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path), "this is a folder; --db names the database file, e.g. \(example)")])
        }
        if exists, let type = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)[.type] as? FileAttributeType,
           type != .typeRegular {
            // SQLite answered a device (`--db /dev/null`) or a pipe with "disk I/O error".
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path), "this is a device or a pipe, not a file; --db names the database file, e.g. .samla/samla.sqlite")])
        }
        if path.hasSuffix("/") {
            // SQLite would drop the slash and make (or look for) a file where a folder was meant.
            let example = URL(fileURLWithPath: path).appendingPathComponent("samla.sqlite").path
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path), "the path ends in /, so it names a folder; --db names the database file, e.g. \(example)")])
        }
        if !exists && access != .creating {
            let relative = path.hasPrefix("/") ? "" : " (the path is relative to \(FileManager.default.currentDirectoryPath))"
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path),
                "there is no database here\(relative); give --db the path of the Samla database, which `samla round open` creates")])
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !exists, UnwritableFolder.systemFolderKind(folder.path) != nil {
            // SQLite would say only that the database is read-only (E434).
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path),
                "the database cannot be made here: " + UnwritableFolder.reason(writing: path, option: "--db", makesFolders: true, system: ""))])
        }
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                let reason = UnwritableFolder.reason(writing: path, option: "--db", makesFolders: true, system: error.localizedDescription)
                throw Refused([Diagnostic(.unusableDatabase, at: .file(path), "the folder \(folder.path) cannot be created: \(reason)")])
            }
        } else if !isFolder.boolValue {
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path),
                "the database cannot be made here: " + UnwritableFolder.reason(writing: path, option: "--db", system: ""))])
        }
        do {
            let store: SQLiteStore
            switch access {
            case .creating, .writing: return try SQLiteStore(path: path)
            case .reading: store = try openForReading()
            case .copying: store = try SQLiteStore(readingOnly: path, takingEarlierSchema: true)
            case .checking: store = try openForChecking()
            }
            let name = URL(fileURLWithPath: path).lastPathComponent
            switch store.access {
            case .unchangingFile:
                printDiagnostics([Diagnostic(.databaseReadAsUnchanging, at: .file(path),
                    "the database's folder cannot be written (SQLite keeps \(name)-wal and -shm there), "
                        + "so it is read as an unchanging file, without locks: if another program changes it meanwhile, what is read may be wrong; nothing is written")])
            case .unchangingFileOnFullDisk:
                printDiagnostics([Diagnostic(.databaseReadAsUnchangingOnFullDisk, at: .file(path),
                    "the disk that holds the database is full, with no room for \(name)-shm, which SQLite reads it through, "
                        + "so it is read as an unchanging file, without locks: what it holds is read whole, but a change made meanwhile (by samla serve, say) may be missed or read wrong; "
                        + "nothing is written; free space on that disk: nothing can be stored there until then")])
            case .readWrite, .readOnly:
                break
            }
            return store
        } catch let error as StoreError {
            throw Refused(error.diagnostics(database: path))
        }
    }

    /// The store opened read-only; a store of an earlier schema is refused, saying how to bring it up to date.
    private func openForChecking() throws -> SQLiteStore {
        do {
            return try SQLiteStore(readingOnly: path)
        } catch StoreError.outdatedSchema(_, let latest, let pending) {
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path),
                StoreError.madeByEarlierVersion(latest: latest, pending: pending)
                    + "; this command only reads it and does not bring it up to date: run one that does first (samla round list --db \(path)), then this command again")])
        }
    }

    /// The store opened read-only. A store of an earlier schema is brought up to date first, as any
    /// command did before, when this user can write it; otherwise it is refused, saying so.
    private func openForReading() throws -> SQLiteStore {
        do {
            return try SQLiteStore(readingOnly: path)
        } catch let outdated as StoreError {
            guard case .outdatedSchema = outdated else { throw outdated }
            do {
                _ = try SQLiteStore(path: path)
            } catch StoreError.databaseUnwritable {
                throw outdated
            }
            return try SQLiteStore(readingOnly: path)
        }
    }
}

/// Diagnostics that refuse a command's input: printed to standard error, exit code 1.
struct Refused: Error {
    var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}

/// Runs a command body, turning refusals (`Refused`, `StoreError`, database errors: a busy,
/// full or read-only database as E432–E434) into printed diagnostics and exit code 1.
func reportingRefusals(database: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let refused as Refused {
        printDiagnostics(refused.diagnostics)
        throw ExitCode(ExitStatus.refused)
    } catch let error as StoreError {
        printDiagnostics(error.diagnostics(database: database))
        throw ExitCode(ExitStatus.refused)
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        printDiagnostics(StoreError(databaseFailure: error, path: database)?.diagnostics(database: database)
            ?? [Diagnostic(.unusableDatabase, at: .file(database), "the database failed: \(StoreError.words(for: error))")])
        throw ExitCode(ExitStatus.refused)
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    StandardOutput.writeError(diagnostics.map { $0.description + "\n" }.joined())
}

func printLine(_ text: String) {
    StandardOutput.write((text + "\n"))
}
