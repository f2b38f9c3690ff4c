import Diagnostics
import Foundation
import Testing

/// A file written whole or not at all, and a full disk recognised in the errors that say so.
@Suite struct OutputFileTests {
    private struct Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("output-file-\(UUID().uuidString)").path
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func remove() { try? FileManager.default.removeItem(atPath: path) }
        func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
    }

    /// The error a write to a full disk gives: `/dev/full` answers every write with ENOSPC.
    private func diskFullError() throws -> any Error {
        let handle = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("responses".utf8))
        } catch {
            return error
        }
        Issue.record("a write to /dev/full succeeded")
        return CocoaError(.fileWriteUnknown)
    }

    @Test func aWriteThatFailsLeavesTheEarlierFileAndNoTemporaryFile() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.path + "/report.csv"
        try Data("earlier report".utf8).write(to: URL(fileURLWithPath: path))
        let full = try diskFullError()
        let file = try OutputFile(path: path)
        #expect(throws: (any Error).self) {
            try file.write { temporary in
                try Data("half a rep".utf8).write(to: URL(fileURLWithPath: temporary))
                throw full
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "earlier report")
        #expect(try folder.names() == ["report.csv"], "the unfinished temporary file is removed")
    }

    @Test func aCompleteFileReplacesTheEarlierOneInOneStep() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.path + "/report.csv"
        try Data("earlier report".utf8).write(to: URL(fileURLWithPath: path))
        let file = try OutputFile(path: path)
        #expect(PathText.folder(of: file.temporary) == folder.path, "beside the file, on the same disk")
        try file.write(Data("new report".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new report")
        #expect(try folder.names() == ["report.csv"])
    }

    @Test func withoutLeaveToReplaceAFileThatAppearedIsKept() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.path + "/links.csv"
        let file = try OutputFile(path: path)
        try Data("tokens".utf8).write(to: URL(fileURLWithPath: file.temporary))
        try Data("other tokens".utf8).write(to: URL(fileURLWithPath: path))
        let failure = #expect(throws: OutputFile.Failure.self) { try file.install(replacing: false) }
        #expect(failure?.code == EEXIST)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "other tokens")
        #expect(try String(contentsOfFile: file.temporary, encoding: .utf8) == "tokens", "kept, for the caller to say where it is")
    }

    /// The temporary file is made, empty, when the `OutputFile` is made (with the permissions
    /// asked for), and never over a file that is there.
    @Test func theTemporaryFileIsMadeWithTheOutputFileAndNeverOverAnother() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let paths = TemporaryPaths()
        let links = try OutputFile(path: folder.path + "/links.csv", permissions: 0o600, registry: paths)
        let attributes = try FileManager.default.attributesOfItem(atPath: links.temporary)
        #expect(attributes[.size] as? Int == 0)
        #expect(attributes[.posixPermissions] as? Int == 0o600, "readable by its owner alone from the start")
        #expect(paths.registered == [links.temporary])

        let taken = folder.path + "/.report.csv.part"
        try Data("another writer's".utf8).write(to: URL(fileURLWithPath: taken))
        let refused = #expect(throws: OutputFile.Failure.self) { try OutputFile(path: folder.path + "/report.csv", temporary: taken, registry: paths) }
        #expect(refused?.code == EEXIST)
        #expect(try String(contentsOfFile: taken, encoding: .utf8) == "another writer's")
        #expect(paths.registered == [links.temporary], "the file that was there is not taken for the writer's")
    }

    /// Ctrl-C's cleanup that comes after the `OutputFile` is made and before its writer writes: it
    /// removes the temporary file, and the writer, which opens that file without making it, fails
    /// and makes none. (When the writer made the file itself, the cleanup found nothing to remove
    /// and the writer then made a `.part` that stayed.)
    @Test func aWriterThatGoesOnAfterTheInterruptsCleanupMakesNoFile() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let paths = TemporaryPaths()
        let file = try OutputFile(path: folder.path + "/report.csv", registry: paths)
        #expect(try folder.names() == [URL(fileURLWithPath: file.temporary).lastPathComponent])

        #expect(paths.removeAll() == [file.temporary])
        let failure = #expect(throws: OutputFile.Failure.self) { try file.write(Data("the report".utf8)) }
        #expect(failure?.code == ENOENT)
        #expect(try folder.names() == [], "no .part file and no report")
    }

    @Test func aFullDiskIsRecognisedInTheErrorsThatSaySo() throws {
        #expect(DiskFull.isReason(try diskFullError()))
        #expect(DiskFull.isReason(CocoaError(.fileWriteOutOfSpace)))
        #expect(DiskFull.isReason(POSIXError(.EDQUOT)))
        #expect(DiskFull.isReason(OutputFile.Failure(code: ENOSPC)))
        #expect(!DiskFull.isReason(CocoaError(.fileWriteNoPermission)))
        #expect(!DiskFull.isReason(OutputFile.Failure(code: EACCES)))
    }

    @Test func theReasonNamesTheFolderSaysWhatWasKeptAndWhatToDo() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.path + "/results.csv"
        try Data("earlier".utf8).write(to: URL(fileURLWithPath: path))
        let reason = DiskFull.reason(writing: path, option: "--cleaning-log")
        #expect(reason.hasPrefix("the disk that holds \(folder.path) ran out of room while the file was written ("))
        #expect(reason.contains("free now); the unfinished file was removed, so nothing was written under this name, and the earlier file of that name is kept as it was"))
        #expect(reason.hasSuffix("free space on that disk and run the command again, or give --cleaning-log a path on another disk"))
        #expect(!DiskFull.reason(writing: folder.path + "/new.csv", option: nil).contains("earlier"))
    }
}
