import Diagnostics
import SurveyDefinition

/// Small surveys built in code, one concern each, for the validator's tests.
enum Fixtures {
    static let here = SourceLocation(file: "test.yaml", line: 1, column: 1)

    static func text(_ en: String) -> LocalizedText { ["sv": en, "en": en] }

    static func expr(_ text: String?) -> ExpressionSource? { text.map { ExpressionSource($0, at: here) } }

    static func question(
        _ name: String, _ type: QuestionType, required: Bool = false, relevant: String? = nil, constraint: String? = nil,
        constraintMessage: LocalizedText? = nil, calculation: String? = nil, defaultValue: String? = nil, choices: String? = nil,
        choiceFilter: String? = nil, other: Bool = false, rows: [String] = [], calculationType: VariableType? = nil
    ) -> Question {
        Question(
            name: name, type: type, label: type == .calculate ? nil : text(name), required: required,
            relevant: expr(relevant), constraint: expr(constraint), constraintMessage: constraintMessage,
            calculation: expr(calculation), defaultValue: defaultValue, choiceList: choices, choiceFilter: expr(choiceFilter),
            allowsOther: other, rows: rows.map { MatrixRow(name: $0, label: text($0), location: here) },
            calculationType: calculationType, location: here
        )
    }

    static func list(_ name: String, _ codes: [String], attributes: [String: [String: String]] = [:]) -> ChoiceList {
        ChoiceList(name: name, choices: codes.map { code in
            Choice(value: code, label: text("Label \(code)"), attributes: attributes[code] ?? [:], location: here)
        }, location: here)
    }

    static func survey(_ pages: [Page], lists: [ChoiceList] = []) -> Survey {
        Survey(id: "test", version: "1", title: text("Test"), languages: ["sv", "en"], choiceLists: lists, pages: pages, location: here)
    }

    static func page(_ id: String, relevant: String? = nil, _ questions: [Question]) -> Page {
        Page(id: id, title: text(id), relevant: expr(relevant), questions: questions, location: here)
    }

    /// One page with one question of each answer type, no logic.
    static let everyType: Survey = survey([
        page("p1", [
            question("name", .text),
            question("story", .longText),
            question("staff", .integer),
            question("share", .decimal),
            question("active", .boolean),
            question("founded_on", .date),
            question("email", .email),
            question("legal_form", .selectOne, choices: "forms", other: true),
            question("sdg", .selectMultiple, choices: "sdgs"),
            question("voice", .matrix, choices: "scale", rows: ["staff", "users"]),
        ]),
    ], lists: [
        ChoiceList(name: "forms", choices: [
            Choice(value: "ab", label: ["sv": "Aktiebolag", "en": "Limited company"], location: here),
            Choice(value: "ek", label: ["sv": "Ekonomisk förening", "en": "Cooperative"], location: here),
            Choice(value: "ideell", label: ["sv": "Ideell förening", "en": "Non-profit association"], location: here),
        ], location: here),
        list("sdgs", (1...17).map(String.init)),
        list("scale", ["1", "2", "3", "4", "5"]),
    ])
}
