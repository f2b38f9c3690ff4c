import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing

/// `samla validate --db`: definitions checked against the survey versions and answers a database
/// holds, run as the built binary on copies of the repository's surveys and frameworks.
@Suite struct ValidateDatabaseCommandTests {
    /// A folder with copies of the repository's `surveys/` and `frameworks/`, and a database with the
    /// round `name` of surveys/esem-se.yaml, whose five responses answer `legal_form` (two of them
    /// `handelsbolag`) and `eco_score`.
    static func esemRound(_ name: String = "esem-se-2025", opens: String = "2025-10-01", closes: String = "2026-01-31") throws -> StoreCLI {
        let cli = try StoreCLI()
        for folder in ["surveys", "frameworks"] {
            try FileManager.default.copyItem(at: DiagnosticExamplesTests.root.appendingPathComponent(folder), to: cli.folder.appendingPathComponent(folder))
        }
        let open = try cli.run(["round", "open", "surveys/esem-se.yaml", "--name", name, "--opens", opens, "--closes", closes])
        #expect(open.status == 0, "\(open.errors)")
        let store = try SQLiteStore(path: cli.database)
        let document = try #require(SurveyLoader.load(contentsOf: cli.folder.appendingPathComponent("surveys/esem-se.yaml").path).document)
        let names = document.survey.variables.map(\.name)
        let forms = ["handelsbolag", "handelsbolag", "ab", "ideell_forening", "ab"]
        try store.insertCompleteResponses(round: name, document: document, source: .import) { inserter in
            for (index, form) in forms.enumerated() {
                let row: [String: AnswerValue] = ["legal_form": .choice(form), "eco_score": .integer(Int64(40 + 10 * index))]
                try inserter.insert(names.map { row[$0] }, info: ImportedResponseInfo(language: "sv"))
            }
        }
        return cli
    }

    /// Edits the copy of the file at `relative` in `cli`'s folder.
    static func edit(_ relative: String, in cli: StoreCLI, _ change: (String) -> String) throws {
        let url = cli.folder.appendingPathComponent(relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit of \(relative) changed nothing")
        try changed.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Next year's definition without the question eco_score, which the framework's indicator
    /// eco_score reads: refused against the file alone, passed against the file and the version the
    /// database holds, which asked it; a name that no version has is refused all the same.
    @Test func aFrameworkReadingADroppedQuestionPassesAgainstTheVersionsThatAskedIt() throws {
        let cli = try Self.esemRound()
        try Self.edit("surveys/esem-se.yaml", in: cli) { text in
            let start = text.range(of: "      - name: eco_score\n")!, end = text.range(of: "      - name: policy_wish\n")!
            return text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
                .replacingOccurrences(of: "version: \"2025.1\"", with: "version: \"2026.1\"")
        }
        let files = ["surveys/esem-se.yaml", "frameworks/msi-toc.yaml"]
        let alone = try cli.run(["validate"] + files)
        #expect(alone.status == 1)
        #expect(alone.output.contains("error[E212]: ${eco_score} names no variable"), "\(alone.output)")
        #expect(alone.output.contains("frameworks/msi-toc.yaml: note: an indicator may read a question that only an earlier version of its survey asked; with --db DATABASE"),
                "the note says to give the database: \(alone.output)")

        let checked = try cli.run(["validate"] + files + ["--db", ".samla/samla.sqlite"])
        #expect(checked.status == 0, "\(checked.output)\(checked.errors)")
        #expect(checked.output.split(separator: "\n").map(String.init) == [
            "surveys/esem-se.yaml: note: a new round of esem-se with this definition: not asked, though earlier rounds of the survey asked them: eco_score "
                + "(their answers stay with those rounds; an indicator that reads one is not computed for this round)",
            "no problems in 2 files",
        ])

        try Self.edit("frameworks/msi-toc.yaml", in: cli) { $0.replacingOccurrences(of: "\"${eco_score}\"", with: "\"${eco_scor}\"") }
        let misspelt = try cli.run(["validate"] + files + ["--db", ".samla/samla.sqlite"])
        #expect(misspelt.status == 1)
        #expect(misspelt.output.contains("error[E212]: ${eco_scor} names no variable of the survey esem-se"), "\(misspelt.output)")
        #expect(misspelt.output.contains("(checked against esem-se version 2026.1 in surveys/esem-se.yaml and its version 2025.1 in the database)"), "\(misspelt.output)")
    }

    /// The round's own version without a choice two of its answers use: refused as `samla round
    /// open` refuses re-opening the round with it, with the count, in text and JSON, and the
    /// database is the same file, byte for byte, afterwards.
    @Test func aSurveyFileThatWouldLoseAnsweredChoicesIsRefusedWithoutWriting() throws {
        let cli = try Self.esemRound()
        try Self.edit("surveys/esem-se.yaml", in: cli) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("{value: handelsbolag,") }.joined(separator: "\n")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        let refusal = "surveys/esem-se.yaml:46:3: error[E446]: cannot open round esem-se-2025 with this definition of esem-se: legal_form no longer offers the value "
            + "handelsbolag, but 2 answers in this round use it; those answers would be lost — keep the choice, or open a new round with the changed definition"

        let run = try cli.run(["validate", "surveys/esem-se.yaml", "--db", ".samla/samla.sqlite"])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.contains(refusal), "\(run.output)")
        #expect(lines.contains { $0.hasPrefix("surveys/esem-se.yaml:16:10: warning[W443]: version 2025.1 of survey esem-se is in the database already with other content") },
                "\(run.output)")
        #expect(lines.last == "1 error and 1 warning in 1 file")

        let json = try cli.run(["validate", "surveys/esem-se.yaml", "--db", ".samla/samla.sqlite", "--format", "json"])
        #expect(json.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "\(json.output)")
        let entries = try #require(object["diagnostics"] as? [[String: Any]])
        let e446 = try #require(entries.first { $0["code"] as? String == "E446" })
        #expect(e446["file"] as? String == "surveys/esem-se.yaml")
        #expect(e446["line"] as? Int == 46)
        #expect((e446["message"] as? String).map { refusal.hasSuffix($0) } == true)
        #expect(entries.compactMap { $0["code"] as? String }.sorted() == ["E446", "W443"])
        #expect(object["notes"] is [Any])

        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before)
        // What round open says of the same file.
        let open = try cli.run(["round", "open", "surveys/esem-se.yaml", "--name", "esem-se-2025"])
        #expect(open.status == 1)
        #expect(open.errors.split(separator: "\n").map(String.init).contains(refusal), "\(open.errors)")
    }

    /// An answered question given another type refuses every round of the survey, a new one too.
    @Test func aChangedTypeOfAnAnsweredQuestionIsRefusedForAnyRound() throws {
        let cli = try Self.esemRound()
        try Self.edit("surveys/esem-se.yaml", in: cli) { text in
            text.replacingOccurrences(of: "      - name: eco_score\n        type: integer\n", with: "      - name: eco_score\n        type: decimal\n")
                .replacingOccurrences(of: "version: \"2025.1\"", with: "version: \"2026.1\"")
        }
        let run = try cli.run(["validate", "surveys/esem-se.yaml", "--db", ".samla/samla.sqlite"])
        #expect(run.status == 1)
        #expect(run.output.contains("surveys/esem-se.yaml:736:9: error[E447]: no round of esem-se can be opened with this definition: "
            + "eco_score changes from integer to decimal, but 5 answers of type integer are stored; give the changed question a new name instead"), "\(run.output)")
    }

    /// A new version without the answered choice: a new round takes it; re-opening the round that
    /// is collecting would not, which is warned about, not refused.
    @Test func aNewVersionThatACollectingRoundWouldRefuseIsWarnedAbout() throws {
        let cli = try Self.esemRound("esem-se-2026", opens: day(-10), closes: day(30))
        try Self.edit("surveys/esem-se.yaml", in: cli) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("{value: handelsbolag,") }.joined(separator: "\n")
                .replacingOccurrences(of: "version: \"2025.1\"", with: "version: \"2025.2\"")
        }
        let run = try cli.run(["validate", "surveys/esem-se.yaml", "--db", ".samla/samla.sqlite"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.split(separator: "\n").first.map(String.init) == "surveys/esem-se.yaml:46:3: warning[W306]: round esem-se-2026 is collecting, until \(day(30)), with version 2025.1 of esem-se; "
            + "re-opening it with this definition (version 2025.2) would be refused: legal_form no longer offers the value handelsbolag, but 2 answers in this round use it; "
            + "those answers would be lost — keep the choice, or open a new round with the changed definition. A new round takes the definition as it is")
    }

    @Test func aMissingDatabaseIsAnErrorAndNoFileIsMade() throws {
        let cli = try StoreCLI()
        let survey = SamlaBinary.fixture("valid/complete.yaml")
        let run = try cli.run(["validate", survey, "--db", "missing/samla.sqlite"])
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        #expect(run.errors.hasPrefix("missing/samla.sqlite: error[E460]: there is no database here (the path is relative to "), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("missing").path))
        #expect(try cli.run(["validate", survey, "--db", ""]).status == 2)
        // Without --db, the JSON is as before: no notes.
        let json = try cli.run(["validate", survey, "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["notes"] == nil)
    }
}
