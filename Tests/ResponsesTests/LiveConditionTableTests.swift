import Foundation
import SurveyDefinition
import Testing
@testable import Responses

/// The server's side of the browser check of the form's script: each row of
/// scripts/browser-check/live-conditions.json posted to the validator as a browser posts it gives,
/// for each question of scripts/browser-check/live-conditions.yaml, the outcome the row expects,
/// and the browser check expects the script to show and hide the same questions for the same rows.
@Suite struct LiveConditionTableTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/browser-check")

    struct Table: Decodable {
        var earlier: [String: String]
        var typed: [String: String]
        var rows: [Row]
    }

    struct Row: Decodable {
        /// The page's language, `sv` unless given: the browser check switches the page to it.
        var language: String?
        var inputs: [String: Input]
        var expect: [String: String]
    }

    /// A text as typed (or a radio's value), or the boxes ticked.
    enum Input: Decodable {
        case text(String)
        case ticked([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text) } else { self = .ticked(try container.decode([String].self)) }
        }
    }

    static func load() throws -> (ResponseValidator, Table) {
        let loaded = SurveyLoader.load(contentsOf: folder.appendingPathComponent("live-conditions.yaml").path)
        guard let survey = loaded.document?.survey else { throw TableError("live-conditions.yaml does not load: \(loaded.errors)") }
        let data = try Data(contentsOf: folder.appendingPathComponent("live-conditions.json"))
        return (try ResponseValidator(survey: survey), try JSONDecoder().decode(Table.self, from: data))
    }

    struct TableError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// What the browser is expected to do with the question at `position` after the post: "shown"
    /// when the server found it relevant, "undecided" when its condition reads an answer the server
    /// refused (directly or through a question so undecided), else "hidden".
    static func outcome(_ position: Int, _ validator: ResponseValidator, _ sheet: AnswerSheet) -> String {
        func undecided(_ position: Int) -> Bool {
            validator.relevanceInputs[position].contains { v in
                let source = validator.questionOfVariable[v]
                return sheet.hasUncoded[v] || (source != position && !sheet.relevantQuestions[source] && undecided(source))
            }
        }
        if undecided(position) { return "undecided" }
        return sheet.relevantQuestions[position] ? "shown" : "hidden"
    }

    @Test func theServerDecidesEachRowAsTheBrowserCheckExpects() throws {
        let (validator, table) = try Self.load()
        var sheet = validator.makeSheet()
        let start = validator.submit(page: 0, fields: table.earlier.mapValues { .text($0) }, to: &sheet)
        #expect(start.isAccepted)
        let live = validator.survey.pages[1].questions.filter { $0.relevant != nil }.map(\.name)
        for name in live {
            let sent = validator.liveCondition(forQuestion: name, in: sheet) != nil
            #expect(sent == (table.rows[0].expect[name] != "not sent"), "\(name)")
        }
        for (number, row) in table.rows.enumerated() {
            var fields: [String: FormField] = table.typed.mapValues { .text($0) }
            for (name, input) in row.inputs {
                switch input {
                case .text(let text) where text.isEmpty: break
                // A browser posts a text area's line breaks as CR LF, which the server stores as LF.
                case .text(let text): fields[name] = .text(name == "lt" ? text.replacingOccurrences(of: "\n", with: "\r\n") : text)
                case .ticked(let codes): fields[name] = .selections(codes)
                }
            }
            var posted = sheet
            // The form's decimal separator in the row's language (UIText): `1.000` on a Swedish page and
            // `1,000` on an English one may be a thousand, and are asked about.
            let decimalSeparator: Character = (row.language ?? "sv") == "sv" ? "," : "."
            _ = validator.submit(page: 1, fields: fields, decimalSeparator: decimalSeparator, to: &posted)
            for name in live where row.expect[name] != "not sent" {
                let position = validator.survey.questions.firstIndex { $0.name == name }!
                #expect(Self.outcome(position, validator, posted) == row.expect[name], "row \(number + 1): \(name)")
            }
        }
    }
}
