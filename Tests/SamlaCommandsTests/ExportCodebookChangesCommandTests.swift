import Foundation
import Testing

/// `samla export` of a survey's second round: its codebook names the round before and marks what
/// the new year's definition asks differently (Fixtures/rounds/forum-2026.yaml after forum-v1.yaml:
/// the question useful reworded, the sector academia added, the question next_step added).
@Suite struct ExportCodebookChangesCommandTests {
    @Test func theSecondRoundsCodebookMarksTheChangedAndTheNewQuestions() throws {
        let cli = try StoreCLI()
        var opened: [String] = []
        for (file, round, opens, closes) in [("forum-v1.yaml", "forum-2025", "2025-10-01", "2025-12-31"), ("forum-2026.yaml", "forum-2026", "2026-10-01", "2026-12-31")] {
            let open = try cli.run(["round", "open", StoreCLI.fixture(file), "--name", round, "--opens", opens, "--closes", closes, "--anonymous"])
            #expect(open.status == 0, "\(open.errors)")
            opened.append(open.output)
        }
        try "sector,useful,new_contacts,email,next_step\r\nacademia,3,4,,Skriva en ansökan\r\n"
            .write(to: cli.folder.appendingPathComponent("paper.csv"), atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", "--round", "forum-2026", "paper.csv"])
        #expect(imported.status == 0, "\(imported.errors)")

        let export = try cli.run(["export", "--round", "forum-2026", "--out", "export-2026", "--lang", "en"])
        #expect(export.status == 0, "\(export.errors)")
        let codebook = try String(contentsOf: cli.folder.appendingPathComponent("export-2026/codebook.csv"), encoding: .utf8)
        let lines = codebook.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first?.hasSuffix(",calculation,changed_since,change,change_details") == true, "\(lines.first ?? "")")
        // The last three cells of each row, as written (a cell with a comma quoted), by its first.
        let marks = Dictionary(uniqueKeysWithValues: lines.dropFirst().compactMap { line -> (String, String)? in
            guard let cells = line.firstMatch(of: /,([^,"]*),(new|changed|),("(?:[^"]|"")*"|[^,"]*)$/) else { return nil }
            return (String(line.prefix { $0 != "," }), "\(cells.1),\(cells.2),\(cells.3)")
        })
        #expect(marks.count == lines.count - 1)
        #expect(marks["sector"] == "forum-2025,changed,choices added: academia")
        #expect(marks["useful"] == "forum-2025,changed,\"label reworded (en, sv)\"")
        #expect(marks["next_step"] == "forum-2025,new,not asked in forum-2025")
        #expect(marks["new_contacts"] == ",,")
        #expect(marks["response_id"] == ",,")

        // As `samla round open` named the first round's definition.
        let hash = try #require(opened[0].firstMatch(of: /\(definition ([0-9a-f]{12})\)/))
        let markdown = try String(contentsOf: cli.folder.appendingPathComponent("export-2026/codebook.md"), encoding: .utf8)
        #expect(markdown.contains("Compared with round `forum-2025` (version 2025.1, definition `\(hash.1)`), the survey's round before this one: "
            + "2 columns ask their question differently and 1 column is new (see Changes since forum-2025 below).\n"), "\(markdown)")
        #expect(markdown.contains("## Changes since forum-2025\n\n- `sector`: choices added: academia\n- `useful`: label reworded (en, sv)\n"
            + "- `next_step`: not asked in forum-2025\n"))

        // The first round has none before it.
        let first = try cli.run(["export", "--round", "forum-2025", "--out", "export-2025", "--lang", "en"])
        #expect(first.status == 0, "\(first.errors)")
        #expect(try String(contentsOf: cli.folder.appendingPathComponent("export-2025/codebook.md"), encoding: .utf8)
            .contains("The database has no earlier round of survey `msi-forum`, so the codebook compares the questions with no earlier round."))
    }
}
