import Diagnostics
import SurveyDefinition

/// Surveys built in code for the generator's tests: skip logic, constraints between answers,
/// choice filters, `other`, matrices and calculations, with no profile of their own.
enum GeneratorSurveys {
    static let here = SourceLocation(file: "generator-test.yaml", line: 1, column: 1)

    static func text(_ s: String) -> LocalizedText { ["sv": s, "en": s] }

    static func q(
        _ name: String, _ type: QuestionType, required: Bool = false, relevant: String? = nil, constraint: String? = nil,
        calculation: String? = nil, choices: String? = nil, choiceFilter: String? = nil, other: Bool = false,
        rows: [String] = [], calculationType: VariableType? = nil
    ) -> Question {
        Question(
            name: name, type: type, label: type == .calculate ? nil : text(name), required: required,
            relevant: relevant.map { ExpressionSource($0, at: here) }, constraint: constraint.map { ExpressionSource($0, at: here) },
            calculation: calculation.map { ExpressionSource($0, at: here) }, choiceList: choices,
            choiceFilter: choiceFilter.map { ExpressionSource($0, at: here) }, allowsOther: other,
            rows: rows.map { MatrixRow(name: $0, label: text($0), location: here) }, calculationType: calculationType, location: here
        )
    }

    static func list(_ name: String, _ codes: [String], attributes: [String: [String: String]] = [:]) -> ChoiceList {
        ChoiceList(name: name, choices: codes.map {
            Choice(value: $0, label: text("Label \($0)"), attributes: attributes[$0] ?? [:], location: here)
        }, location: here)
    }

    static func page(_ id: String, relevant: String? = nil, _ questions: [Question]) -> Page {
        Page(id: id, title: text(id), relevant: relevant.map { ExpressionSource($0, at: here) }, questions: questions, location: here)
    }

    static let logic = Survey(id: "generator-test", version: "1", title: text("Generator test"), languages: ["sv", "en"], choiceLists: [
        list("yes_no", ["yes", "no"]),
        list("scale", ["1", "2", "3", "4", "5"]),
        list("regions", ["M", "AB", "O"]),
        list("cities", ["malmo", "lund", "stockholm", "goteborg"], attributes: [
            "malmo": ["county": "M"], "lund": ["county": "M"], "stockholm": ["county": "AB"], "goteborg": ["county": "O"],
        ]),
        list("sdgs", (1...17).map(String.init)),
        list("support", ["incubator", "region", "municipality", "none"]),
    ], pages: [
        page("org", [
            q("consent", .selectOne, required: true, choices: "yes_no"),
            q("org_name", .text, required: true, constraint: "string-length(.) >= 2"),
            q("founded", .integer, required: true, constraint: ". >= 1850 and . <= year(today())"),
            q("fte", .decimal, required: true, constraint: ". >= 0 and . <= 500"),
            q("fte_women", .decimal, relevant: "${fte} > 0", constraint: ". >= 0 and . <= ${fte}"),
            q("size", .calculate, calculation: "if(${fte} < 10, 'micro', 'larger')", calculationType: .text),
        ]),
        page("details", relevant: "${consent} = 'yes'", [
            q("region", .selectOne, required: true, choices: "regions"),
            q("city", .selectOne, required: true, choices: "cities", choiceFilter: "county = ${region}"),
            q("sdg", .selectMultiple, required: true, constraint: "count-selected(.) <= 3", choices: "sdgs"),
            q("support", .selectMultiple, required: true, constraint: "not(selected(., 'none')) or count-selected(.) = 1",
              choices: "support", other: true),
            q("voice", .matrix, required: true, choices: "scale", rows: ["staff", "users"]),
            q("big_org_note", .text, relevant: "${size} = 'larger'"),
            q("started", .date, constraint: ". <= today()"),
            q("email", .email),
            q("active", .boolean),
        ]),
    ], location: here)
}
