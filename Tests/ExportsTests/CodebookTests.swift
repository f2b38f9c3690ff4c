import Foundation
import Testing
import SurveyDefinition
@testable import Exports

@Suite struct CodebookTests {
    @Test func oneRowPerColumnWithTextsInEveryLanguage() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(includePII: true))
        let (header, rows) = try fixture.table("codebook.csv")
        #expect(header == ["column", "variable", "question", "question_type", "type", "option", "label_sv", "label_en", "choices_sv",
                           "choices_en", "definition_codes", "relevant", "constraint", "choice_filter", "choice_attributes", "required", "unit", "export_as", "pii",
                           "calculation", "changed_since", "change", "change_details"])
        #expect(rows.map { $0["column"]! } == (try fixture.table("responses.csv").header))
        let byColumn = Dictionary(uniqueKeysWithValues: rows.map { ($0["column"]!, $0) })
        let form = try #require(byColumn["legal_form"])
        #expect(form["label_sv"] == "Juridisk form" && form["label_en"] == "Legal form")
        #expect(form["choices_sv"] == "ab, Aktiebolag | ek, Ekonomisk förening | ideell, Ideell förening, \"allmännyttig\"")
        #expect(form["required"] == "yes" && form["export_as"] == "EX_FORM" && form["pii"] == "no" && form["type"] == "choice")
        #expect(form["definition_codes"] == "", "the standard export writes the definition's codes")
        let founded = try #require(byColumn["founded"])
        #expect(founded["constraint"] == ". >= 1850 and . <= 2025" && founded["type"] == "integer")
        let option = try #require(byColumn["barriers_rules"])
        #expect(option["option"] == "rules" && option["type"] == "0/1" && option["relevant"] == "${has_board} = 'yes'")
        #expect(option["export_as"] == "EX_BARRIERS_RULES" && byColumn["barriers_other"]?["export_as"] == "EX_BARRIERS_OTHER")
        #expect(option["label_en"] == "Barriers – Rules")
        #expect(byColumn["voice_users"]?["label_sv"] == "Vem har inflytande? – Brukare")
        #expect(byColumn["contact"]?["pii"] == "yes")
        #expect(byColumn["age"]?["calculation"] == "2025 - ${founded}")
        #expect(byColumn["response_id"]?["variable"] == "")
    }

    /// An `other` text is asked only when other is chosen: "required" alone, under the question's
    /// conditions, would promise a text in every row where the question was answered.
    @Test func anOtherTextIsAskedWhenOtherIsChosen() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(language: "en"))
        let rows = try fixture.table("codebook.csv").rows
        let other = try #require(rows.first { $0["column"] == "barriers_other" })
        #expect(other["relevant"] == "(${has_board} = 'yes') and (selected(${barriers}, 'other'))")
        let option = try #require(rows.first { $0["column"] == "barriers__other" })
        #expect(option["relevant"] == "${has_board} = 'yes'", "the option's 0/1 is there whenever the question was answered")
        // The question's constraint is about the ticked choices; the text beside them is not checked by it.
        #expect(option["constraint"] == "count-selected(.) <= 3")
        #expect(other["constraint"] == "")
        let markdown = try fixture.read("codebook.md")
        #expect(markdown.contains("`count-selected(.) <= 3`"))
        #expect(!markdown.split(separator: "\n").contains { $0.hasPrefix("| `barriers_other` |") && $0.contains("count-selected") })
        let field = try SpreadsheetSafetyTests.field("barriers_other", in: fixture.json("datapackage.json"))
        #expect((field["description"] as? String)?.contains("asked when: (${has_board} = 'yes') and (selected(${barriers}, 'other'))") == true)
    }

    @Test func aMultipleChoiceWithOtherGetsADistinctColumnForTheOption() throws {
        let fixture = try ExportFixture()
        let layout = try ExportLayout(survey: fixture.survey, options: ExportOptions())
        let names = layout.columns.map(\.name)
        #expect(names.contains("barriers__other") && names.contains("barriers_other"))
        #expect(layout.columns.first { $0.name == "barriers_other" }?.variable?.role == .otherText)
        #expect(!names.contains("barriers"), "the set itself is spread, not repeated")
    }

    @Test func theMarkdownCodebookDescribesTheFileAndTheChoiceLists() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(language: "en"))
        let text = try fixture.read("codebook.md")
        #expect(text.hasPrefix("# Codebook: Export test\n"))
        #expect(text.contains("- Round: `ex-2025`"))
        #expect(text.contains("`responses.csv`, 3 rows"))
        #expect(text.contains("Submitted (complete) responses only."))
        #expect(text.contains("Personal data (questions marked pii) is left out."))
        #expect(text.contains("| `legal_form` | choice | Juridisk form | Legal form | [forms](#forms) |"))
        #expect(text.contains("### yes_no") && text.contains("### agree"))
        #expect(text.contains("| `barriers__other` | 0/1 | Hinder – Annat | Barriers – Other | 1 = `other` chosen, 0 = not chosen | `${has_board} = 'yes'` | `count-selected(.) <= 3`; export_as `EX_BARRIERS__OTHER` |"))
        #expect(text.contains("| `ideell` | Ideell förening, \"allmännyttig\" | Non-profit association |"))
        #expect(!text.contains("org_name"))
    }

    /// A Swedish codebook names the column types in Swedish; codebook.csv keeps the names tools read.
    @Test func aSwedishCodebookNamesTheTypesInSwedish() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(language: "sv"))
        let text = try fixture.read("codebook.md")
        let types = Dictionary(text.split(separator: "\n").compactMap { line -> (String, String)? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 2, cells[0].hasPrefix("`") else { return nil }
            return (cells[0], cells[1])
        }, uniquingKeysWith: { first, _ in first })
        #expect(types["`response_id`"] == "heltal")
        #expect(types["`language`"] == "kod")
        #expect(types["`submitted_at`"] == "tidpunkt")
        #expect(types["`legal_form`"] == "val")
        #expect(types["`women_share`"] == "decimaltal")
        #expect(types["`certified`"] == "ja/nej")
        #expect(types["`started`"] == "datum")
        #expect(types["`story`"] == "text")
        #expect(types["`barriers__other`"] == "0/1")
        for english in ["integer", "decimal", "choice", "boolean", "date", "datetime", "code"] {
            #expect(!types.values.contains(english), "\(english)")
        }
        let csv = try fixture.read("codebook.csv")
        #expect(csv.contains(",choice,") && csv.contains(",integer,"))
        // A count keeps its word on its line where the page is read.
        #expect(text.contains("`responses.csv`, 3\u{A0}rader"), "\(text.prefix(400))")
    }

    /// The list of a single choice with `other` is titled with the other option in the codebook's language.
    @Test(arguments: [("sv", "### roles + annat"), ("en", "### roles + other")])
    func aListWithOtherIsTitledInTheCodebooksLanguage(language: String, heading: String) throws {
        let fixture = try ExportFixture(survey: "other-choice.yaml")
        try fixture.insert([["role": .choice("ceo")]])
        try fixture.export(ExportOptions(language: language))
        let text = try fixture.read("codebook.md")
        #expect(text.contains("\n\(heading)\n"), "\(text)")
    }
}

/// Which choices a respondent was offered depends on a question's `choice_filter` and on the
/// choices' attributes it tests: the codebook gives both, where the filtered question's columns are.
@Suite struct ChoiceFilterCodebookTests {
    @Test func theCSVCodebookGivesTheFilterAndTheAttributesItTests() throws {
        let fixture = try ExportFixture(survey: "choice-filter.yaml")
        try fixture.insert([["region": .choice("north"), "venue": .choice("umea")]])
        try fixture.export()
        let rows = try fixture.table("codebook.csv").rows
        let venue = try #require(rows.first { $0["column"] == "venue" })
        #expect(venue["choice_filter"] == "region = ${region}")
        #expect(venue["choice_attributes"] == "umea: region=north | malmo: region=south")
        let region = try #require(rows.first { $0["column"] == "region" })
        #expect(region["choice_filter"] == "" && region["choice_attributes"] == "")
    }

    @Test(arguments: [("sv", "erbjudna val: de där `region = ${region}` gäller", "| kod | sv | en | region |"),
                      ("en", "choices offered: those for which `region = ${region}` holds", "| code | sv | en | region |")])
    func theMarkdownCodebookGivesTheFilterAndEachChoicesAttributes(language: String, rule: String, listHeader: String) throws {
        let fixture = try ExportFixture(survey: "choice-filter.yaml")
        try fixture.insert([["region": .choice("north"), "venue": .choice("umea")]])
        try fixture.export(ExportOptions(language: language))
        let text = try fixture.read("codebook.md")
        #expect(text.contains(rule), "\(text)")
        #expect(text.contains(listHeader), "\(text)")
        #expect(text.contains("| `umea` | Umeå | Umeå | north |"), "\(text)")
    }
}

@Suite struct ColumnNamingTests {
    static func survey(_ questions: String) throws -> Survey {
        let loaded = SurveyLoader.load(text: text(questions), path: "naming.yaml")
        return try #require(loaded.document?.survey, "\(loaded.diagnostics)")
    }

    static func text(_ questions: String) -> String {
        """
            id: naming
            version: "1"
            title: {sv: "Namn", en: "Names"}
            languages: [sv, en]
            choices:
              ab:
                - {value: a, label: {sv: "A", en: "A"}}
                - {value: b, label: {sv: "B", en: "B"}}
            pages:
              - id: one
                title: {sv: "Ett", en: "One"}
                questions:
            \(questions)
            """
    }

    @Test func aMetadataNameThatAVariableUsesGetsAPrefix() throws {
        let survey = try Self.survey("""
                  - {name: language, type: text, label: {sv: "Språk", en: "Language"}}
            """)
        let names = try ExportLayout(survey: survey, options: ExportOptions()).columns.map(\.name)
        #expect(names == ["response_id", "response_language", "submitted_at", "source", "api_client", "language"])
    }

    /// The names of the collection mode are taken like every metadata name: a question `Source` takes
    /// `source` (`response_source`), and the option `client` of a multiple choice `api` meets
    /// `api_client` (`api__client`), in every export, whether or not it writes the column. A partner
    /// package does not write `api_client` and does not reserve it.
    @Test func theCollectionModeNamesAreTakenLikeOtherMetadata() throws {
        let text = Self.text("""
                  - {name: Source, type: text, label: {sv: "Källa", en: "Source"}, export_as: SRC}
                  - {name: api, type: select_multiple, choices: tools, label: {sv: "API", en: "API"}, export_as: API}
                  - {name: pick, type: select_one, choices: ab, label: {sv: "Välj", en: "Pick"}}
            """).replacingOccurrences(of: "choices:\n", with: """
            choices:
              tools:
                - {value: client, label: {sv: "Klient", en: "Client"}}
                - {value: server, label: {sv: "Server", en: "Server"}}

            """)
        let loaded = SurveyLoader.load(text: text, path: "naming.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let survey = try #require(loaded.document?.survey)
        let names = try ExportLayout(survey: survey, options: ExportOptions()).columns.map(\.name)
        #expect(names == ["response_id", "language", "submitted_at", "response_source", "api_client", "Source", "api__client", "api_server", "pick"])
        let partner = try ExportLayout(survey: survey, options: ExportOptions(profile: .euclid, includeFreeText: true)).columns.map(\.name)
        #expect(partner == ["respondent_id", "language", "source", "SRC", "API_CLIENT", "API_SERVER"])
    }

    /// Excel, SPSS, Stata and SQL take `Language` and `language` for one column.
    @Test func namesThatDifferOnlyInCaseAreTheSameName() throws {
        let survey = try Self.survey("""
                  - {name: Language, type: text, label: {sv: "Språk", en: "Language"}}
                  - {name: q, type: select_multiple, choices: ab, label: {sv: "Q", en: "Q"}}
                  - {name: Q_b, type: text, label: {sv: "B", en: "B"}}
            """)
        let names = try ExportLayout(survey: survey, options: ExportOptions()).columns.map(\.name)
        #expect(names == ["response_id", "response_language", "submitted_at", "source", "api_client", "Language", "q_a", "q__b", "Q_b"])
    }

    /// An option column has one name in every export of the survey, so that an import can find it:
    /// `q__a` beside a personal `q_a`, also when the export leaves `q_a` out.
    @Test func anOptionIsNamedAlikeWhetherOrNotTheVariableOfItsNameIsExported() throws {
        let survey = try Self.survey("""
                  - {name: q, type: select_multiple, choices: ab, label: {sv: "Q", en: "Q"}}
                  - {name: q_a, type: text, pii: true, label: {sv: "A", en: "A"}}
            """)
        let without = try ExportLayout(survey: survey, options: ExportOptions()).columns.map(\.name)
        let with = try ExportLayout(survey: survey, options: ExportOptions(includePII: true)).columns.map(\.name)
        #expect(without == ["response_id", "language", "submitted_at", "source", "api_client", "q__a", "q_b"])
        #expect(with == ["response_id", "language", "submitted_at", "source", "api_client", "q__a", "q_b", "q_a"])
        let names = try WideColumnNames(metadata: WideColumnNames.exportMetadata, variables: survey.variables, in: survey)
        #expect(names.variables == [["q__a", "q_b"], ["q_a"]], "the names samla import reads by")
    }

    /// Refused when the survey is read (E120), so that no round collects data it cannot export;
    /// the layout refuses it too (E603).
    @Test func optionColumnsThatCannotBeNamedAreRefused() throws {
        let questions = """
                  - {name: q, type: select_multiple, choices: ab, label: {sv: "Q", en: "Q"}}
                  - {name: q_a, type: text, label: {sv: "A", en: "A"}}
                  - {name: q__a, type: text, label: {sv: "A2", en: "A2"}}
            """
        let loaded = SurveyLoader.load(text: Self.text(questions), path: "naming.yaml")
        #expect(loaded.document == nil)
        #expect(loaded.diagnostics.map(\.code.id) == ["E120"])
        // The same survey past the checks: read with another name, renamed afterwards.
        var unchecked = try Self.survey(questions.replacingOccurrences(of: "q__a", with: "q__b"))
        unchecked.pages[0].questions[2].name = "q__a"
        #expect(throws: ExportError.columnClash(name: "q__a", first: "q__a", second: "q")) {
            try ExportLayout(survey: unchecked, options: ExportOptions())
        }
    }
}
