import Diagnostics
import Foundation
import Testing

/// The registry of unfinished temporary files and folders that an interrupt (Ctrl-C) removes.
@Suite struct TemporaryPathsTests {
    private struct Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("temporary-paths-\(UUID().uuidString)").path
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func remove() { try? FileManager.default.removeItem(atPath: path) }
        func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
        func file(_ name: String, _ text: String = "text") throws -> String {
            let file = path + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return file
        }
    }

    @Test func removeAllRemovesRegisteredFilesAndFoldersAndLeavesTheOthers() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let paths = TemporaryPaths()
        let kept = try folder.file("report.csv", "earlier report")
        let part = try folder.file(".report.csv.1234.part")
        let staging = folder.path + "/.samla-export-abc123"
        try FileManager.default.createDirectory(atPath: staging + "/inner", withIntermediateDirectories: true)
        try Data("half".utf8).write(to: URL(fileURLWithPath: staging + "/inner/responses.csv"))
        let never = folder.path + "/backup.sqlite.incomplete-0000abcd-journal"
        paths.register([part, staging, never])

        let removed = paths.removeAll()

        #expect(Set(removed) == [part, staging, never])
        #expect(try folder.names() == ["report.csv"], "the temporary file and the folder with what it holds are removed")
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "earlier report")
        #expect(paths.registered.isEmpty)
    }

    @Test func anUnregisteredPathIsKept() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let paths = TemporaryPaths()
        let links = try folder.file(".links.csv.5678.part", "tokens")
        let other = try folder.file(".other.part")
        paths.register([links, other])
        paths.unregister([links])
        #expect(paths.registered == [other])
        paths.removeAll()
        #expect(try folder.names() == [".links.csv.5678.part"])
    }

    @Test func aSettledPathIsUnregisteredAndWhatItBecomesRegistered() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let paths = TemporaryPaths()
        let temporary = try folder.file(".db.incomplete-1")
        let database = folder.path + "/db.sqlite"
        paths.register([temporary])
        paths.settle(temporary, becoming: [database]) {
            #expect(rename(temporary, database) == 0)
        }
        #expect(paths.registered == [database])
        paths.removeAll()
        #expect(try folder.names() == [])
    }

    @Test func aFailedSettlementKeepsThePathRegistered() throws {
        struct Refused: Error {}
        let folder = try Folder()
        defer { folder.remove() }
        let paths = TemporaryPaths()
        let temporary = try folder.file(".report.csv.9.part")
        paths.register([temporary])
        #expect(throws: Refused.self) { try paths.settle(temporary, becoming: [folder.path + "/report.csv"]) { throw Refused() } }
        #expect(paths.registered == [temporary])
    }

    @Test func aMadeFolderIsRegisteredAndRemovedWithWhatItHolds() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let paths = TemporaryPaths()
        let made = try #require(paths.make { () -> String? in
            let path = folder.path + "/.samla-download-1"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            return path
        })
        #expect(paths.registered == [made])
        _ = try folder.file(".samla-download-1/responses.csv")
        paths.remove([made])
        #expect(paths.registered.isEmpty)
        #expect(try folder.names() == [])
        #expect(paths.make { nil } == nil)
        #expect(paths.registered.isEmpty, "nothing made, nothing registered")
    }

    /// A folder made for the output (`--out new/folder`) is removed only while it is empty, after
    /// what it holds that is registered.
    @Test func aFolderRegisteredIfEmptyIsRemovedOnlyWhenEmpty() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let paths = TemporaryPaths()
        let empty = folder.path + "/new"
        let staging = empty + "/.samla-export-x"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let full = folder.path + "/kept"
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        _ = try folder.file("kept/responses.csv")
        paths.register([empty, full], ifEmpty: true)
        paths.register([staging])
        let removed = paths.removeAll()
        #expect(removed.first == staging, "the deepest first")
        #expect(Set(removed) == [staging, empty, full])
        #expect(try folder.names() == ["kept"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: full) == ["responses.csv"])
    }

    /// ``OutputFile`` registers its temporary file with the process's registry until it is
    /// installed or discarded.
    @Test func anOutputFileIsRegisteredUntilItIsInstalledOrDiscarded() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let installed = try OutputFile(path: folder.path + "/report.csv")
        let discarded = try OutputFile(path: folder.path + "/other.csv")
        let kept = try OutputFile(path: folder.path + "/links.csv")
        #expect(Set([installed.temporary, discarded.temporary, kept.temporary]).isSubset(of: TemporaryPaths.shared.registered))
        try installed.write(Data("report".utf8))
        try Data("half".utf8).write(to: URL(fileURLWithPath: discarded.temporary))
        discarded.discard()
        try Data("tokens".utf8).write(to: URL(fileURLWithPath: kept.temporary))
        kept.keeping { }
        let registered = Set(TemporaryPaths.shared.registered)
        #expect(!registered.contains(installed.temporary) && !registered.contains(discarded.temporary) && !registered.contains(kept.temporary))
        #expect(try folder.names() == [URL(fileURLWithPath: kept.temporary).lastPathComponent, "report.csv"].sorted())
    }
}
