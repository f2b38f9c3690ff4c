import CSV
import Diagnostics
import Foundation
import Testing
@testable import Intake

/// The report of refused rows on a disk that fills up: no half report under its name, an earlier
/// report kept, and the failure said once. The temporary file is a link to `/dev/full`, which
/// answers every write with ENOSPC, as a full disk does.
@Suite struct RefusedRowsReportTests {
    @Test func aDiskThatFillsUpLeavesTheEarlierReportAndNoHalfOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refused-rows-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/report.csv"
        try Data("the earlier report".utf8).write(to: URL(fileURLWithPath: path))
        // The temporary file is made with the OutputFile; a link to /dev/full then takes its place.
        let file = try OutputFile(path: path, temporary: folder + "/.report.csv.part")
        try FileManager.default.removeItem(atPath: file.temporary)
        try FileManager.default.createSymbolicLink(atPath: file.temporary, withDestinationPath: "/dev/full")

        let report = try RefusedRowsReport(file: file)
        var failure: CSVWriteError?
        for row in 1...10_000 where failure == nil {
            do {
                try report.add(row: row, line: row + 1, column: "fte", value: "lots", code: .notANumber, message: "not a number")
            } catch {
                failure = error
            }
        }
        if failure == nil {
            failure = #expect(throws: CSVWriteError.self) { try report.close() }
        }
        #expect(failure?.isDiskFull == true)
        #expect(failure?.destination == path, "named by the report's own name, not the temporary file's")
        #expect(throws: Never.self, "the failure was thrown once; closing says nothing more") { try report.close() }
        #expect(!report.installed)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the earlier report")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.csv"], "the temporary file is removed")
    }

    /// Ctrl-C's cleanup between the making of the report's temporary file and its first row: the
    /// writer, which opens the file without making it, fails, and no `.part` file is left.
    @Test func aReportStartedAfterTheInterruptsCleanupMakesNoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refused-rows-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = TemporaryPaths()
        let file = try OutputFile(path: folder + "/report.csv", permissions: 0o644, registry: paths)
        paths.removeAll()
        let failure = #expect(throws: CSVWriteError.self) { try RefusedRowsReport(file: file) }
        #expect(failure?.systemError == ENOENT)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }
}
