import CSV
import SurveyDefinition

/// The codebook of an export: one entry per column of the wide data file, with the question's
/// texts in every language, its type, choices (codes and labels), relevance, constraint, export
/// name and personal-data flag, and which columns ask their question differently from the
/// survey's previous round. Written as CSV (for tools) and Markdown (for people).
struct Codebook {
    let layout: ExportLayout
    let entries: [ColumnDescription]
    /// The round compared with; nil when the export's round is its survey's first.
    let previous: PreviousRound?
    /// The columns marked new or changed since `previous`, by column name.
    let changes: [String: ColumnChange]

    init(layout: ExportLayout, previous: PreviousRound? = nil) {
        self.layout = layout
        entries = layout.columns.map { ColumnDescription($0, layout: layout) }
        self.previous = previous
        changes = Self.changes(layout: layout, previous: previous)
    }

    var csvHeader: [String] {
        ["column", "variable", "question", "question_type", "type", "option"]
            + layout.survey.languages.map { "label_\($0)" }
            + layout.survey.languages.map { "choices_\($0)" }
            + ["definition_codes", "relevant", "constraint", "choice_filter", "choice_attributes", "required", "unit", "export_as", "pii", "calculation"]
            + ["changed_since", "change", "change_details"]
    }

    /// The attributes a `choice_filter` may test, per choice: `umea: region=north | malmo: region=south`.
    func choiceAttributesText(_ entry: ColumnDescription) -> String {
        entry.filteredChoices.filter { !$0.attributes.isEmpty }.map { choice in
            FormulaNeutralization.neutralized(layout.code(of: choice)) + ": "
                + choice.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        }.joined(separator: " | ")
    }

    /// Choices as REDCap writes them: `code, label | code, label`, each code and label as a data cell
    /// shows it (`'@home, Hemma`), so that a cell of the data file can be found in its codebook row.
    /// A banded column lists its bands the same way: `<1990, under 1990 | 1990-<2000, 1990 to 1999 | …`.
    func choiceText(_ entry: ColumnDescription, language: String) -> String {
        if let bands = entry.bands {
            return zip(bands.writtenCodes, bands.codes.indices).map { "\($0), \(bands.label($1, language: language))" }.joined(separator: " | ")
        }
        return entry.choices.map { choice in
            let label = choice.label.resolved(language, fallbacks: layout.survey.languages)
            return "\(FormulaNeutralization.neutralized(layout.code(of: choice))), \(FormulaNeutralization.neutralized(label))"
        }.joined(separator: " | ")
    }

    /// For a column whose codes differ from the definition's (a partner package's `export_as`
    /// codes), each written code with the definition's: `company = ab | association = ideell`. The
    /// indicators' expressions and the weighting in `provenance.json` use the definition's codes.
    func definitionCodesText(_ entry: ColumnDescription) -> String {
        var choices = entry.bands == nil ? entry.choices : []
        if case .option(_, let choice) = entry.column.content { choices = [choice] }
        guard choices.contains(where: { layout.code(of: $0) != $0.value }) else { return "" }
        return choices.map { "\(FormulaNeutralization.neutralized(layout.code(of: $0))) = \(FormulaNeutralization.neutralized($0.value))" }
            .joined(separator: " | ")
    }

    func writeCSV(to writer: CSVWriter) throws {
        try writer.writeRecord(csvHeader)
        for entry in entries {
            let column = entry.column
            var option = ""
            if case .option(_, let choice) = column.content { option = layout.code(of: choice) }
            try writer.write(text: column.name)
            try writer.write(text: column.variable?.name ?? "")
            try writer.write(text: entry.question?.name ?? "")
            try writer.write(text: entry.questionType ?? "")
            try writer.write(text: entry.typeName)
            try writer.write(text: option)
            for language in layout.survey.languages { try writer.write(text: entry.label(language)) }
            for language in layout.survey.languages { try writer.write(text: choiceText(entry, language: language)) }
            try writer.write(text: definitionCodesText(entry))
            try writer.write(text: entry.relevance ?? "")
            try writer.write(text: entry.constraint ?? "")
            try writer.write(text: entry.choiceFilter ?? "")
            try writer.write(text: choiceAttributesText(entry))
            try writer.write(entry.question == nil ? "" : entry.isRequired ? "yes" : "no")
            try writer.write(text: entry.question?.unit ?? "")
            try writer.write(text: column.exportName ?? "")
            try writer.write(column.variable == nil ? "" : entry.isPII ? "yes" : "no")
            try writer.write(text: entry.question?.calculation?.text ?? "")
            let change = changes[column.name]
            try writer.write(text: change == nil ? "" : previous?.name ?? "")
            try writer.write(change?.code ?? "")
            try writer.write(text: change.map(changeDetails) ?? "")
            try writer.endRecord()
        }
    }
}
