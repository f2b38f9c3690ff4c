import Foundation
import SurveyDefinition
import Testing

/// docs/survey-format.md is checked: its complete survey loads cleanly, and calculations get the
/// types the page gives them.
@Suite struct SurveyFormatDocumentationTests {
    static let text: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/survey-format.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The first ```yaml block of the page.
    static var completeExample: String {
        let blocks = text.components(separatedBy: "```yaml\n")
        guard blocks.count > 1 else { return "" }
        return blocks[1].components(separatedBy: "```")[0]
    }

    @Test func theCompleteSurveyLoadsWithoutDiagnostics() throws {
        let result = SurveyLoader.load(text: Self.completeExample, path: "survey-format.md")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(try #require(result.document).survey.id == "esem-se")
    }

    @Test func calculationsHaveTheTypesShown() throws {
        let calculations = [
            ("age", "2025 - ${founded}", VariableType.integer), ("half", "${turnover} div 2", .decimal),
            ("young", "${age} < 5", .boolean), ("summary", "concat(${founded}, ' ', ${age})", .text),
        ]
        var questions = """
              - {name: founded, type: integer, label: Grundat}
              - {name: turnover, type: decimal, label: Omsättning}
        """
        for (name, calculation, _) in calculations {
            questions += "\n      - {name: \(name), type: calculate, calculation: \"\(calculation)\"}"
        }
        let yaml = OnePageSurvey.yaml(questions: questions)
        let result = SurveyLoader.load(text: yaml, path: "calculate.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let survey = try #require(result.document).survey
        for (name, _, type) in calculations {
            #expect(survey.question(named: name)?.calculationType == type, "\(name)")
        }
    }
}
