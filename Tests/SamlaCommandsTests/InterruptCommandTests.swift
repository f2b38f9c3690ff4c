import Foundation
import Store
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) or SIGTERM during a command, sent to the built binary while it is blocked with
/// a temporary file made: the file is removed, the command ends by the signal, and nothing is lost.
@Suite struct InterruptCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let header = "org,legal_form,has_staff,voice_staff,voice_users\n"
    /// 300 valid rows, more than one batch of the import, then a refused one (legal form `xx`).
    static let rows = (1...300).map { "Org \($0),ek,no,1,2\n" }.joined() + "Bad,xx,no,1,2\n"

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// `samla import --skip-invalid` of a FIFO: the rows before the refused one are written inside the
    /// import's transaction, the refused row makes the report's `.part` file, and the import then waits
    /// for more of the file, which never comes. Interrupted there, it removes the `.part` file, leaves
    /// an earlier report as it was (or makes none), ends by the signal (130 or 143 in the shell) and
    /// the database holds no response of the file: imported again, the file is not refused as imported
    /// before, and all 300 rows go in.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedImportRemovesItsTemporaryFileAndImportsNothing(signal: Int32) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        let survey = Self.root.appendingPathComponent("Tests/IntakeTests/Fixtures/import-test.yaml").path
        let opened = try SamlaBinary.run(["round", "open", survey, "--name", "test-2025", "--opens", "2025-01-01", "--closes", "2099-12-31", "--db", db])
        try #require(opened.status == 0, "\(opened.errors)")
        let report = path("in-refused.csv")
        let earlier = signal == SIGINT
        if earlier { try "earlier report\n".write(toFile: report, atomically: false, encoding: .utf8) }

        let input = path("in.csv")
        try #require(mkfifo(input, 0o600) == 0)
        // The test's end of the FIFO, open for reading and writing: it opens without waiting, and
        // the import's two openings (the delimiter told from the first 64 KiB, then the reading)
        // find a writer, so that neither sees the end of the file.
        let fifo = open(input, O_RDWR | O_CLOEXEC)
        try #require(fifo >= 0)
        defer { close(fifo) }
        let writer = FileHandle(fileDescriptor: fifo, closeOnDealloc: false)

        let process = Process()
        process.executableURL = SamlaBinary.url
        process.arguments = ["import", "--db", db, "--round", "test-2025", "--skip-invalid", input]
        _ = FileManager.default.createFile(atPath: path("out.txt"), contents: nil)
        _ = FileManager.default.createFile(atPath: path("errors.txt"), contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: path("out.txt"))
        process.standardError = FileHandle(forWritingAtPath: path("errors.txt"))
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // The delimiter is told from the first 64 KiB, which are read to the last byte: the header
        // and a filler line. Once they are all read the reading opens the FIFO and gets the file.
        let sniffed = 64 * 1024
        try writer.write(contentsOf: Data((Self.header + String(repeating: "x", count: sniffed - Self.header.utf8.count - 1) + "\n").utf8))
        try waitUntil("the import has read the first 64 KiB for the delimiter", process) { Self.unreadBytes(fifo) == 0 }
        try writer.write(contentsOf: Data((Self.header + Self.rows).utf8))
        func parts() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".part") || $0.contains(".samla-export-") || $0.contains(".incomplete-") }
        }
        try waitUntil("the report of refused rows is being written", process) { try parts().contains { $0.hasPrefix(".in-refused.csv.") } }

        #expect(kill(process.processIdentifier, signal) == 0)
        process.waitUntilExit()

        let errors = (try? String(contentsOfFile: path("errors.txt"), encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .uncaughtSignal, "\(errors)")
        #expect(process.terminationStatus == signal)
        #expect(try parts() == [], "no unfinished file is left")
        if earlier {
            #expect(try String(contentsOfFile: report, encoding: .utf8) == "earlier report\n", "the earlier report is as it was")
        } else {
            #expect(!FileManager.default.fileExists(atPath: report), "no report is made")
        }
        #expect(try SQLiteStore(path: db).roundSummaries().first?.complete == 0, "nothing of the file was imported")

        try (Self.header + Self.rows).write(toFile: path("again.csv"), atomically: false, encoding: .utf8)
        let again = try SamlaBinary.run(["import", "--db", db, "--round", "test-2025", "--skip-invalid", path("again.csv")])
        #expect(again.status == 0, "\(again.errors)")
        #expect(try SQLiteStore(path: db).roundSummaries().first?.complete == 300)
    }

    /// The bytes written to the FIFO and not yet read.
    static func unreadBytes(_ descriptor: Int32) -> Int32 {
        var count: Int32 = 0
        #if os(Linux)
        let request = UInt(FIONREAD)
        #else
        let request = UInt(0x4004_667F) // _IOR('f', 127, int)
        #endif
        guard ioctl(descriptor, request, &count) == 0 else { return -1 }
        return count
    }

    /// Waits for `condition`, checking every 10 ms; fails if the command ended or a minute passed first.
    func waitUntil(_ what: String, _ process: Process, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while try !condition() {
            guard process.isRunning else {
                let errors = (try? String(contentsOfFile: path("errors.txt"), encoding: .utf8)) ?? ""
                Issue.record("the command ended (status \(process.terminationStatus)) before \(what): \(errors)")
                throw CancellationError()
            }
            guard Date() < deadline else {
                Issue.record("a minute passed before \(what)")
                throw CancellationError()
            }
            usleep(10_000)
        }
    }
}
