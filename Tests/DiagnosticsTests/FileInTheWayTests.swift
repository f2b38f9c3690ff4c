import Diagnostics
import Foundation
import Testing

@Suite struct FileInTheWayTests {
    @Test func theNearestFileAboveAFolderIsNamed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("file-in-the-way-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/notes.txt"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(FileInTheWay.of(folder: file + "/a/b") == file)
        #expect(FileInTheWay.of(folder: file) == file)
        #expect(FileInTheWay.of(folder: root + "/new/deeper") == nil, "the nearest that exists is a folder")
        #expect(FileInTheWay.of(folder: root) == nil)
    }
}
