import ArgumentParser
import Diagnostics
import Foundation
import Store

/// `--db PATH`, which every command that reads or writes data takes.
struct StoreOptions: ParsableArguments {
    static let defaultPath = ".samla/samla.sqlite"

    @Option(name: .customLong("db"), help: ArgumentHelp("The Samla database; `samla round open` creates it, with its folder, on first use.", valueName: "path"))
    var path: String = StoreOptions.defaultPath

    func validate() throws {
        if path.isEmpty { throw ValidationError("--db needs the path of the database file, e.g. \(Self.defaultPath)") }
    }

    /// Opens the store, creating the folder of a new database. A command that only reads, or
    /// needs a round the database holds (`creating: false`), refuses a database that does not
    /// exist rather than making an empty one.
    func open(creating: Bool = true) throws -> SQLiteStore {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue {
            let example = URL(fileURLWithPath: path).appendingPathComponent("samla.sqlite").path
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path), "this is a folder; --db names the database file, e.g. \(example)")])
        }
        if !exists && !creating {
            let relative = path.hasPrefix("/") ? "" : " (the path is relative to \(FileManager.default.currentDirectoryPath))"
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path),
                "there is no database here\(relative); give --db the path of the Samla database, which `samla round open` creates")])
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw Refused([Diagnostic(.unusableDatabase, at: .file(path), "the folder \(folder.path) cannot be created: \(error.localizedDescription)")])
            }
        } else if !isFolder.boolValue {
            throw Refused([Diagnostic(.unusableDatabase, at: .file(path), "\(folder.path) is a file, not a folder")])
        }
        do {
            return try SQLiteStore(path: path)
        } catch let error as StoreError {
            throw Refused(error.diagnostics(database: path))
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
            ?? [Diagnostic(.unusableDatabase, at: .file(database), "the database failed: \(error)")])
        throw ExitCode(ExitStatus.refused)
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    FileHandle.standardError.write(Data(diagnostics.map { $0.description + "\n" }.joined().utf8))
}

func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
