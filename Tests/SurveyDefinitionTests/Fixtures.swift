import Foundation

/// The test data next to these tests.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String {
        folder.appendingPathComponent(relative).path
    }

    /// The broken definitions, one mistake each, by file name.
    static var brokenFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path("broken"))) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// A fresh empty folder for files made at test time.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("samla-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
