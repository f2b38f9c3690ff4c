import Expressions
import Foundation
@testable import SamlaCommands
import Testing

/// `samla demo`, run as the built binary from the repository's folder.
@Suite struct DemoCommandTests {
    static let root = ExportCommandTests.root

    /// A `--folder` that cannot be made or written is refused before anything is made, in the words
    /// every command uses for a file it cannot write, naming `--folder` (not the `--db` the demo
    /// does not take).
    @Test func anUnwritableFolderSaysWhyAndWhatToDo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-demo-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.txt").path
        try "mine\n".write(toFile: file, atomically: true, encoding: .utf8)
        var cases = [(file + "/demo", UnwritableWords.fileInTheWay(file, option: "--folder"))]
        if UnwritableWords.systemFoldersKnown {
            cases.append(("/proc/demo", UnwritableWords.systemFolder(option: "--folder")))
        }
        for (demo, reason) in cases {
            let run = try SamlaBinary.run(["demo", "--folder", demo], in: Self.root)
            #expect(run.status == 1)
            #expect(run.errors == "\(demo): error[E467]: the demo's files cannot be written here: \(reason)\n", "\(run.errors)")
            #expect(run.output.isEmpty, "\(run.output)")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine\n")
    }

    /// A round the demo fills before it opens says so, since `samla round list` calls it scheduled
    /// beside its responses; the rounds that have opened say nothing more.
    @Test func aFutureRoundIsNamedAsSuch() throws {
        let rounds = Dictionary(uniqueKeysWithValues: DemoCommand.rounds.map { ($0.name, $0) })
        let future = try #require(rounds["esem-se-2027"])
        let before = CalendarDate(year: 2026, month: 12, day: 1)!
        #expect(DemoCommand.futureNote(future, today: before)
            == " (a future round, opening 2027-10-01: generated as if it had run, to show the change between rounds and the targets)")
        #expect(DemoCommand.futureNote(future, today: CalendarDate(year: 2027, month: 10, day: 1)!) == "")
        #expect(DemoCommand.futureNote(try #require(rounds["esem-se-2025"]), today: before) == "")
    }
}
