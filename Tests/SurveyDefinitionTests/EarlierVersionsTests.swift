import SurveyDefinition
import Testing

/// A framework followed over rounds is checked against the latest definition with what earlier
/// versions asked and it no longer does.
@Suite struct EarlierVersionsTests {
    static func survey(version: String, _ yaml: String) throws -> Survey {
        let text = OnePageSurvey.yaml(questions: yaml).replacingOccurrences(of: "version: \"1\"", with: "version: \"\(version)\"")
        let loaded = SurveyLoader.load(text: text, path: "v\(version).yaml")
        return try #require(loaded.document, "\(loaded.diagnostics)").survey
    }

    @Test func droppedQuestionsRowsAndCodesComeBackFromTheLatestVersionThatHadThem() throws {
        let first = try Self.survey(version: "1", """
              - {name: staff, type: integer, label: Personal}
              - {name: sector, type: select_one, choices: sectors, label: Sektor}
              - {name: voice, type: matrix, choices: sectors, label: Röst, rows: [{name: users, label: Brukare}, {name: staff, label: Personal}]}
        """ + "\n" + Self.sectors(["public", "civil", "private"]))
        let second = try Self.survey(version: "2", """
              - {name: staff, type: decimal, label: Personal}
              - {name: sector, type: select_one, choices: sectors, label: Sektor}
              - {name: voice, type: matrix, choices: sectors, label: Röst, rows: [{name: users, label: Brukare}]}
        """ + "\n" + Self.sectors(["public", "civil"]))
        let latest = try Self.survey(version: "3", """
              - {name: sector, type: select_one, choices: sectors, label: Sektor}
              - {name: voice, type: matrix, choices: sectors, label: Röst, rows: [{name: board, label: Styrelse}]}
        """ + "\n" + Self.sectors(["civil", "social"]))

        let merged = latest.withEarlierVersions([first, second])
        #expect(merged.version == "3")
        #expect(merged.pages.map(\.id) == ["start", "asked-in-earlier-versions"])
        #expect(merged.question(named: "staff")?.type == .decimal, "the later version's question")
        #expect(merged.question(named: "voice")?.rows.map(\.name) == ["board", "users", "staff"])
        #expect(merged.choiceLists.first { $0.name == "sectors" }?.choices.map(\.value) == ["civil", "social", "public", "private"])
        #expect(latest.withEarlierVersions([]) == latest)
    }

    /// The list `sectors` with `codes`, as YAML after the questions.
    static func sectors(_ codes: [String]) -> String {
        "choices:\n  sectors:\n" + codes.map { "    - {value: \($0), label: \($0)}" }.joined(separator: "\n")
    }
}
