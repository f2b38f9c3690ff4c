import Expressions
import Foundation
import GRDB
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// The codebook marks each column whose question the round asks differently from the survey's
/// round before it, and each new one: round ex-2025 on export-test.yaml, ex-2026 a year later on
/// export-test-next-year.yaml (its comment lists what changed).
@Suite struct CodebookChangesTests {
    /// The fixture's ex-2025 and ex-2026 on the next year's definition, a response in each.
    static func twoYears() throws -> ExportFixture {
        let fixture = try ExportFixture()
        try fixture.insert([ExportFixture.sample[0]])
        let loaded = SurveyLoader.load(contentsOf: ExportFixture.fixtures.appendingPathComponent("export-test-next-year.yaml").path)
        let next = try #require(loaded.document, "\(loaded.diagnostics)")
        try fixture.store.openRound(RoundRequest(
            name: "ex-2026", document: next, opens: CalendarDate(year: 2026, month: 10, day: 1)!,
            closes: CalendarDate(year: 2027, month: 1, day: 31)!, anonymous: true))
        let answers: [String: AnswerValue] = [
            "legal_form": .choice("stiftelse"), "founded": .integer(2026), "employees": .integer(4), "has_board": .choice("yes"),
            "barriers": .choices(["premises"]), "voice_users": .choice("2"), "contact": .text("info@example.se"),
        ]
        try fixture.store.insertCompleteResponses(round: "ex-2026", document: next, source: .import) { inserter in
            _ = try inserter.insert(next.survey.variables.map { answers[$0.name] }, info: ImportedResponseInfo(language: "sv"))
        }
        return fixture
    }

    static func hash(_ fixture: ExportFixture, _ round: String) throws -> String {
        String(try #require(try fixture.store.round(named: round)).definitionHash.prefix(12))
    }

    /// The codebook.csv rows with a change, as column → (changed_since, change, change_details).
    static func marked(_ rows: [[String: String]]) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: rows.filter { $0["change"] != "" }.map { ($0["column"]!, [$0["changed_since"]!, $0["change"]!, $0["change_details"]!]) })
    }

    @Test func codebookCSVMarksEveryColumnOfAChangedQuestionAndEveryNewOne() throws {
        let fixture = try Self.twoYears()
        try fixture.export(round: "ex-2026")
        let (header, rows) = try fixture.table("codebook.csv")
        #expect(header.suffix(4) == ["calculation", "changed_since", "change", "change_details"])
        let options = ["barriers_funding", "barriers_skills", "barriers_rules", "barriers_premises", "barriers__other", "barriers_other"]
        var expected: [String: [String]] = [
            "legal_form": ["ex-2025", "changed", "frågetexten ändrad (en, sv); nya svarsalternativ: stiftelse"],
            "founded": ["ex-2025", "changed", "villkoret ändrat från ”. >= 1850 and . <= 2025” till ”. >= 1850 and . <= 2026”"],
            "employees": ["ex-2025", "new", "ställdes inte i ex-2025"],
            "voice_users": ["ex-2025", "changed", "frågetexten ändrad (en, sv)"],
        ]
        for option in options { expected[option] = ["ex-2025", "changed", "nya svarsalternativ: premises"] }
        #expect(Self.marked(rows) == expected)
        // A matrix row as it was, a label retyped with a no-break space, a calculation, metadata: unmarked.
        for column in ["voice_staff", "has_board", "age", "response_id"] {
            let row = try #require(rows.first { $0["column"] == column })
            #expect(row["changed_since"] == "" && row["change"] == "" && row["change_details"] == "", "\(column)")
        }
    }

    @Test func codebookMarkdownNamesTheRoundComparedWithAndNotesEachColumn() throws {
        let fixture = try Self.twoYears()
        let hash = try Self.hash(fixture, "ex-2025")
        try fixture.export(round: "ex-2026")
        let swedish = try fixture.read("codebook.md")
        #expect(swedish.contains("\n\nJämfört med omgång `ex-2025` (version 2025.2, definition `\(hash)`), enkätens omgång före denna: "
            + "9\u{00A0}kolumner ställer sin fråga annorlunda och 1\u{00A0}kolumn är ny (se Ändringar sedan ex-2025 nedan). "
            + "Ställs inte längre och finns därför inte i filen: `balance`.\n\n## Så läses filen"), "\(swedish)")
        #expect(swedish.contains("\n## Ändringar sedan ex-2025\n\n- `legal_form`: frågetexten ändrad (en, sv); nya svarsalternativ: stiftelse\n"
            + "- `founded`: villkoret ändrat från `. >= 1850 and . <= 2025` till `. >= 1850 and . <= 2026`\n"
            + "- `employees`: ställdes inte i ex-2025\n"))
        #expect(swedish.contains("- `voice_users`: frågetexten ändrad (en, sv)\n\n## Svarsalternativ"))
        let row = try #require(swedish.components(separatedBy: "\n").first { $0.hasPrefix("| `employees` |") })
        #expect(row.hasSuffix("**ny sedan ex-2025** |"), "\(row)")
        #expect(try #require(swedish.components(separatedBy: "\n").first { $0.hasPrefix("| `legal_form` |") }).contains("**ändrad sedan ex-2025**"))
        #expect(!(try #require(swedish.components(separatedBy: "\n").first { $0.hasPrefix("| `voice_staff` |") }).contains("sedan ex-2025")))
        // Svenska skrivregler: no straight quotation marks in what the comparison adds.
        let start = try #require(swedish.firstRange(of: "## Ändringar sedan ex-2025\n")).lowerBound
        let end = try #require(swedish.firstRange(of: "## Svarsalternativ\n")).lowerBound
        let added = swedish.components(separatedBy: "\n").filter { $0.hasPrefix("Jämfört med") } + swedish[start..<end].components(separatedBy: "\n")
        #expect(added.count > 10 && added.allSatisfy { !$0.contains("\"") && !$0.contains("“") }, "\(added)")

        try fixture.export(ExportOptions(language: "en"), to: "en", round: "ex-2026")
        let english = try fixture.read("codebook.md", in: "en")
        #expect(english.contains("\n\nCompared with round `ex-2025` (version 2025.2, definition `\(hash)`), the survey's round before this one: "
            + "9 columns ask their question differently and 1 column is new (see Changes since ex-2025 below). "
            + "No longer asked, so not in the file: `balance`.\n\n## Reading the file"), "\(english)")
        #expect(english.contains("\n## Changes since ex-2025\n\n- `legal_form`: label reworded (en, sv); choices added: stiftelse\n"))
        let csv = try fixture.table("codebook.csv", in: "en").rows
        #expect(csv.first { $0["column"] == "founded" }?["change_details"] == "constraint changed from “. >= 1850 and . <= 2025” to “. >= 1850 and . <= 2026”")
    }

    /// Personal data: marked and listed only in an export that holds it; a partner's file, which
    /// never does, says nothing of it, and names columns and codes as the partner reads them.
    @Test func personalDataIsMarkedOnlyWhereTheFileHoldsIt() throws {
        let fixture = try Self.twoYears()
        try fixture.export(ExportOptions(language: "en", includePII: true), to: "pii", round: "ex-2026")
        #expect(Self.marked(try fixture.table("codebook.csv", in: "pii").rows)["contact"] == ["ex-2025", "changed", "label reworded (en, sv)"])
        #expect(try fixture.read("codebook.md", in: "pii").contains("10 columns ask their question differently and 1 column is new "
            + "(see Changes since ex-2025 below). No longer asked, so not in the file: `org_name`, `balance`.\n"))

        try fixture.export(ExportOptions(language: "en", profile: .euclid), to: "euclid", round: "ex-2026")
        let marked = Self.marked(try fixture.table("codebook.csv", in: "euclid").rows)
        var expected: [String: [String]] = [
            "EX_FORM": ["ex-2025", "changed", "label reworded (en, sv); choices added: foundation"],
            "EX_FOUNDED": ["ex-2025", "changed", "constraint changed from “. >= 1850 and . <= 2025” to “. >= 1850 and . <= 2026”"],
            "EX_EMPLOYEES": ["ex-2025", "new", "not asked in ex-2025"],
            "EX_VOICE_USERS": ["ex-2025", "changed", "label reworded (en, sv)"],
        ]
        for option in ["FUNDING", "SKILLS", "RULES", "PREMISES", "_OTHER"] {
            expected["EX_BARRIERS_\(option)"] = ["ex-2025", "changed", "choices added: premises"]
        }
        #expect(marked == expected)
        let markdown = try fixture.read("codebook.md", in: "euclid")
        #expect(markdown.contains("the survey's round before this one: 8 columns ask their question differently and 1 column is new "
            + "(see Changes since ex-2025 below).\n\n"), "\(markdown)")
        for personal in ["contact", "org_name", "balance", "No longer asked"] { #expect(!markdown.contains(personal), "\(personal)") }
    }

    @Test func theSameDefinitionAsTheRoundBeforeChangesNothing() throws {
        let fixture = try ExportFixture()
        try fixture.store.openRound(RoundRequest(
            name: "ex-2026", document: fixture.document, opens: CalendarDate(year: 2026, month: 10, day: 1)!,
            closes: CalendarDate(year: 2027, month: 1, day: 31)!, anonymous: true))
        try fixture.export(ExportOptions(language: "en"), round: "ex-2026")
        let hash = try Self.hash(fixture, "ex-2025")
        #expect(try fixture.read("codebook.md").contains("\n\nCompared with round `ex-2025` (version 2025.2, definition `\(hash)`), "
            + "the survey's round before this one: the same definition, so every column asks its question as it did then.\n\n"))
        #expect(Self.marked(try fixture.table("codebook.csv").rows).isEmpty)
        let previous = try #require((try fixture.json("datapackage.json")["samla"] as? [String: Any])?["previousRound"] as? [String: Any])
        #expect(previous["name"] as? String == "ex-2025" && previous["compared"] as? Bool == true)
        #expect((previous["definitionHash"] as? String)?.hasPrefix(hash) == true)
    }

    /// The round before on a definition this Samla no longer loads (stored by an earlier one that
    /// checked less): the export is not refused for it, and the codebook says it did not compare.
    @Test func anEarlierDefinitionThatNoLongerLoadsIsNamedNotCompared() throws {
        let fixture = try Self.twoYears()
        let hash = try #require(try fixture.store.round(named: "ex-2025")).definitionHash
        let broken = fixture.document.sourceText.replacingOccurrences(of: "pages:", with: "lable: x\npages:")
        try DatabaseQueue(path: fixture.folder.appendingPathComponent("samla.sqlite").path).write { db in
            try db.execute(sql: "UPDATE definitions SET source = ? WHERE hash = ?", arguments: [broken, hash])
        }
        try fixture.export(ExportOptions(language: "en"), round: "ex-2026")
        #expect(try fixture.read("codebook.md").contains("\n\nCompared with round `ex-2025` (version 2025.2, definition `\(hash.prefix(12))`), "
            + "the survey's round before this one: its definition no longer loads, so the questions were not compared.\n\n"))
        #expect(Self.marked(try fixture.table("codebook.csv").rows).isEmpty)
        let previous = try #require((try fixture.json("datapackage.json")["samla"] as? [String: Any])?["previousRound"] as? [String: Any])
        #expect(previous["compared"] as? Bool == false)
    }

    /// The survey's first round, and a round opened the same day (not before it), have nothing to compare with.
    @Test func theFirstRoundSaysSoOnce() throws {
        let fixture = try ExportFixture(round: "ex-2025-b")
        try fixture.export()
        let markdown = try fixture.read("codebook.md")
        let note = "Databasen har ingen tidigare omgång av enkäten `export-test`, så kodboken jämför inte frågorna med en tidigare omgång."
        #expect(markdown.components(separatedBy: note).count == 2)
        #expect(!markdown.contains("Ändringar sedan"))
        #expect(Self.marked(try fixture.table("codebook.csv").rows).isEmpty)
        #expect((try fixture.json("datapackage.json")["samla"] as? [String: Any])?["previousRound"] is NSNull)
    }

    /// The codebook's schema in the data package describes the three columns, `change` by its codes.
    @Test func theCodebooksSchemaHasTheChangeColumns() throws {
        let fixture = try Self.twoYears()
        try fixture.export(round: "ex-2026")
        let resources = try #require(try fixture.json("datapackage.json")["resources"] as? [[String: Any]])
        let codebook = try #require(resources.first { $0["name"] as? String == "codebook" })
        let fields = try #require((codebook["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        #expect(fields.suffix(3).map { $0["name"] as? String } == ["changed_since", "change", "change_details"])
        #expect((fields.first { $0["name"] as? String == "change" }?["constraints"] as? [String: Any])?["enum"] as? [String] == ["new", "changed"])
    }
}
