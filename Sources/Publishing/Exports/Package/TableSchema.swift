import CSV
import Expressions
import Store
import SurveyDefinition

/// The Frictionless Table Schema of the data file: a field per column with its type, its
/// categories (value and label in the export language, every language in `description`),
/// constraints from the definition, and `missingValues: [""]`.
enum TableSchema {
    /// The schema of the wide file. `empties` counts the empty cells of each column: a field is
    /// `required` only when the definition makes it always answered and no cell was empty.
    static func wide(layout: ExportLayout, empties: [Int]) -> JSONValue {
        let fields = layout.columns.enumerated().map { index, column in
            field(ColumnDescription(column, layout: layout), layout: layout, empties: empties[index])
        }
        return .object([
            ("fields", .array(fields)),
            ("missingValues", .array([""])),
            ("primaryKey", .array([.string(layout.columns[0].name)])),
        ])
    }

    /// The schema of the long file: identifier, column name, value as text. The key is the
    /// identifier with the column; each column name is a row of the codebook (a foreign key).
    static func long(layout: ExportLayout) -> JSONValue {
        let id = layout.columns[0]
        let sv = layout.language == "sv"
        return .object([
            ("fields", .array([
                field(ColumnDescription(id, layout: layout), layout: layout, empties: 0, idRepeats: true),
                .object([
                    ("name", "variable"),
                    ("title", .string(sv ? "Kolumnen i den breda tabellen (se kodboken)" : "The column of the wide table (see the codebook)")),
                    ("type", "string"),
                    ("constraints", .object([("required", true), ("enum", .array(layout.columns.dropFirst().map { .string($0.name) }))])),
                ]),
                .object([
                    ("name", "value"),
                    ("title", .string(sv ? "Värdet, som i den breda tabellen" : "The value, as in the wide table")),
                    ("type", "string"),
                    ("constraints", .object([("required", true)])),
                ]),
            ])),
            ("missingValues", .array([""])),
            ("primaryKey", .array([.string(id.name), "variable"])),
            ("foreignKeys", .array([.object([
                ("fields", ["variable"]),
                ("reference", .object([("resource", .string(DataPackage.codebookName)), ("fields", ["column"])])),
            ])])),
        ])
    }

    /// The field of a column. `idRepeats`: the response's id is on several rows (the long form), so not unique.
    static func field(_ description: ColumnDescription, layout: ExportLayout, empties: Int, idRepeats: Bool = false) -> JSONValue {
        let column = description.column
        var members: [(String, JSONValue)] = [("name", .string(column.name))]
        members.append(("title", .string(description.label(layout.language))))
        members.append(("description", .string(Self.description(description, layout: layout))))
        var constraints: [(String, JSONValue)] = []
        let required: Bool
        switch column.content {
        case .responseID:
            members.append(("type", "integer"))
            if !idRepeats { constraints.append(("unique", true)) }
            required = true
        case .pseudonym:
            members.append(("type", "string"))
            if !idRepeats { constraints.append(("unique", true)) }
            constraints.append(("pattern", .string(Pseudonymizer.pattern)))
            required = true
        case .language:
            members.append(("type", "string"))
            constraints.append(("enum", .array(layout.survey.languages.map { .string($0) })))
            required = true
        case .status:
            members.append(("type", "string"))
            constraints.append(("enum", ["complete", "partial"]))
            required = true
        case .source:
            members.append(("type", "string"))
            constraints.append(("enum", .array(ResponseSource.allCases.map { .string($0.rawValue) })))
            required = true
        case .apiClient:
            members.append(("type", "string"))
            required = false
        case .definitionVersion:
            members.append(("type", "string"))
            constraints.append(("enum", .array(Set(layout.definitionVersions.values).sorted().map { .string($0) })))
            required = true
        case .submittedAt:
            members.append(("type", "datetime"))
            required = layout.options.selection == .complete
        case .option:
            members.append(("type", "integer"))
            let sv = layout.language == "sv"
            members.append(("categories", .array([
                .object([("value", 0), ("label", .string(sv ? "ej vald" : "not chosen"))]),
                .object([("value", 1), ("label", .string(sv ? "vald" : "chosen"))]),
            ])))
            constraints.append(("enum", [0, 1]))
            required = description.isAlwaysAnswered
        case .value(let variable):
            required = description.isAlwaysAnswered
            appendValueField(variable, description, layout: layout, members: &members, constraints: &constraints)
        }
        if required && empties == 0 { constraints.insert(("required", true), at: 0) }
        if !constraints.isEmpty { members.append(("constraints", .object(constraints))) }
        return .object(members)
    }

    private static func appendValueField(
        _ variable: Variable, _ description: ColumnDescription, layout: ExportLayout,
        members: inout [(String, JSONValue)], constraints: inout [(String, JSONValue)]
    ) {
        if let bands = description.bands {
            members.append(("type", "string"))
            members.append(("categories", .array(zip(bands.writtenCodes, bands.codes.indices).map { code, band in
                .object([("value", .string(code)), ("label", .string(bands.label(band, language: layout.language)))])
            })))
            // The codes do not sort as text (`<1990` after `2015-<2020`): their order is the categories'.
            members.append(("categoriesOrdered", true))
            constraints.append(("enum", .array(bands.writtenCodes.map { .string($0) })))
            return
        }
        let bounds = description.question.flatMap { $0.constraint }.map { ConstraintBounds(constraint: $0.text) } ?? ConstraintBounds()
        let applies = variable.role == .answer
        switch variable.type {
        case .integer:
            members.append(("type", "integer"))
            if applies { appendBounds(bounds, integer: true, to: &constraints) }
        case .decimal:
            members.append(("type", "number"))
            if layout.options.writesDecimalComma { members.append(("decimalChar", ",")) }
            if applies { appendBounds(bounds, integer: false, to: &constraints) }
        case .boolean:
            let text = BooleanText.forExport(layout.options.values, language: layout.language)
            members.append(("type", "boolean"))
            members.append(("trueValues", .array([.string(FormulaNeutralization.neutralized(text.yes))])))
            members.append(("falseValues", .array([.string(FormulaNeutralization.neutralized(text.no))])))
        case .date:
            members.append(("type", "date"))
            if applies, let earliest = bounds.earliest { constraints.append(("minimum", .string(earliest.description))) }
            if applies, let latest = bounds.latest { constraints.append(("maximum", .string(latest.description))) }
        case .text:
            members.append(("type", "string"))
            // Only a lower bound: the apostrophe that neutralises a formula-like text adds a character.
            if applies, let minimum = bounds.minimumLength, minimum > 0 { constraints.append(("minLength", .integer(Int64(minimum)))) }
        case .choice, .choices:
            members.append(("type", "string"))
            let table = ChoiceTable(choices: description.choices, shown: layout.shown)
            let written = table.outputs
            table.deallocate()
            if layout.options.values == .labels {
                var seen = Set<String>()
                let distinct = written.filter { seen.insert($0).inserted }
                members.append(("categories", .array(distinct.map { .string($0) })))
                constraints.append(("enum", .array(distinct.map { .string($0) })))
            } else {
                members.append(("categories", .array(zip(written, description.choices).map { code, choice in
                    .object([
                        ("value", .string(code)),
                        ("label", .string(choice.label.resolved(layout.language, fallbacks: layout.survey.languages))),
                    ])
                })))
                constraints.append(("enum", .array(written.map { .string($0) })))
            }
        }
    }

    /// `minimum` and `maximum` only: `exclusiveMinimum` and `exclusiveMaximum` are Table Schema v2,
    /// which `frictionless validate` refuses in this (v1) package. An exclusive bound on an integer is
    /// the next integer inside it (`. > 0` is `minimum: 1`); on a decimal it is kept as an inclusive
    /// bound, which every answer meets too (the codebook's `constraint` has the exact rule).
    private static func appendBounds(_ bounds: ConstraintBounds, integer: Bool, to constraints: inout [(String, JSONValue)]) {
        if let minimum = bounds.minimum {
            let lowest = bounds.minimumIsExclusive ? minimum.rounded(.down) + 1 : minimum.rounded(.up)
            constraints.append(("minimum", integer ? .integer(Int64(lowest)) : .number(minimum)))
        }
        if let maximum = bounds.maximum {
            let highest = bounds.maximumIsExclusive ? maximum.rounded(.up) - 1 : maximum.rounded(.down)
            constraints.append(("maximum", integer ? .integer(Int64(highest)) : .number(maximum)))
        }
    }

    /// The column's text in every language, and the notes a reader needs: unit, relevance, the
    /// multiple choice an option column belongs to, the spreadsheet rule for text cells, and in a
    /// partner package that a quasi-identifier's empty cell may be a blanked value.
    private static func description(_ description: ColumnDescription, layout: ExportLayout) -> String {
        var lines = description.labels.map { "\($0.language): \($0.text)" }
        if let unit = description.question?.unit { lines.append("unit: \(unit)") }
        if let relevance = description.relevance { lines.append("asked when: \(relevance)") }
        if description.column.content == .apiClient { lines.append(SpreadsheetRule.text(layout.language)) }
        if case .option(let variable, _) = description.column.content {
            let question = ExportLayout.baseName(of: variable, profile: layout.options.profile)
            lines.append(layout.language == "sv"
                ? "multiple choice: \(question), en kolumn per alternativ; 1 = valt, 0 = inte valt, tom = frågan besvarades inte"
                : "multiple choice: \(question), one column per option; 1 = chosen, 0 = not chosen, empty = not answered")
        }
        if case .value(let variable) = description.column.content {
            let guardsAChoice = description.choices.contains { choice in
                FormulaNeutralization.isNeeded(for: layout.shown(choice))
            }
            if variable.type == .text || guardsAChoice { lines.append(SpreadsheetRule.text(layout.language)) }
            if let bands = description.bands {
                lines.append(bands.summary(language: layout.language))
                if bands.writtenCodes != bands.codes { lines.append(SpreadsheetRule.text(layout.language)) }
            }
            if variable.role == .calculated, let calculation = description.question?.calculation { lines.append("calculated: \(calculation.text)") }
        }
        if layout.options.profile != nil, description.column.variable?.isQuasiIdentifier == true {
            let k = layout.options.kAnonymity
            lines.append(layout.language == "sv"
                ? "disclosure control: en tom cell kan också vara ett värde som blankats till k-anonymitet (k = \(k)), inte bara ett uteblivet svar; disclosure.csv räknar dem"
                : "disclosure control: an empty cell may also be a value blanked to k-anonymity (k = \(k)), not only a missing answer; disclosure.csv counts them")
        }
        return lines.joined(separator: "\n")
    }
}
