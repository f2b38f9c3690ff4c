import SurveyDefinition

extension Codebook {
    /// Each column whose question the previous round's definition asked differently or not at all,
    /// by column name. A choice's code is named as the column's cells write it (in a partner
    /// profile its `export_as`).
    static func changes(layout: ExportLayout, previous: PreviousRound?) -> [String: ColumnChange] {
        guard let previous, let changes = previous.changes else { return [:] }
        let added = Set(changes.added.map(\.name))
        var found: [String: ColumnChange] = [:]
        for column in layout.columns {
            guard let variable = column.variable else { continue }
            if added.contains(variable.name) {
                found[column.name] = .new
            } else if let differences = changes.changed[variable.name] {
                let seen = differences.compactMap { written($0, of: variable, layout: layout, previous: previous) }
                if !seen.isEmpty { found[column.name] = .changed(seen) }
            }
        }
        return found
    }

    /// `difference` with its choices' codes as this export writes them; nil for codes renamed to
    /// what the export writes for both (two codes of one `export_as`), which its reader cannot see.
    private static func written(_ difference: QuestionDifference, of variable: Variable, layout: ExportLayout, previous: PreviousRound) -> QuestionDifference? {
        guard layout.options.profile != nil else { return difference }
        func codes(_ values: [String], in survey: Survey?) -> [String] {
            let choices = survey.flatMap { survey in survey.question(named: variable.question).map { survey.choices(for: $0) } } ?? []
            return values.map { value in choices.first { $0.value == value }.map { ExportLayout.code(of: $0, profile: layout.options.profile) } ?? value }
        }
        switch difference {
        case .choicesAdded(let values): return .choicesAdded(codes(values, in: layout.survey))
        case .choicesRemoved(let values): return .choicesRemoved(codes(values, in: previous.survey))
        case .choiceLabels(let values): return .choiceLabels(codes(values, in: layout.survey))
        case .choicesRenamed(let renames):
            let seen = renames.map { CodeRename(from: codes([$0.from], in: previous.survey)[0], to: codes([$0.to], in: layout.survey)[0]) }
                .filter { $0.from != $0.to }
            return seen.isEmpty ? nil : .choicesRenamed(seen)
        default: return difference
        }
    }

    /// The variables the previous round's export, with these options, would have held and this
    /// round's definition no longer has, by the names of their columns (a multiple choice by its
    /// question's); nothing that the options leave out (personal data, free text, in a partner
    /// profile a question without `export_as`).
    func dropped() -> [String] {
        guard let previous, let changes = previous.changes, let survey = previous.survey else { return [] }
        let gone = Set(changes.dropped.map(\.name))
        return ExportLayout.exportedVariables(of: survey, options: layout.options).filter { gone.contains($0.name) }
            .map { ExportLayout.baseName(of: $0, profile: layout.options.profile) }
    }

    /// The paragraph at the top of `codebook.md` naming the round compared with, what it finds and
    /// what is no longer asked; the same when the round is its survey's first.
    func comparisonParagraph() -> String {
        let sv = layout.language == "sv"
        guard let previous else {
            return sv
                ? "Databasen har ingen tidigare omgång av enkäten `\(layout.survey.id)`, så kodboken jämför inte frågorna med en tidigare omgång."
                : "The database has no earlier round of survey `\(layout.survey.id)`, so the codebook compares the questions with no earlier round."
        }
        let compared = sv
            ? "Jämfört med omgång `\(previous.name)` (version \(previous.definitionVersion), definition `\(previous.shortHash)`), enkätens omgång före denna"
            : "Compared with round `\(previous.name)` (version \(previous.definitionVersion), definition `\(previous.shortHash)`), the survey's round before this one"
        guard previous.changes != nil else {
            return compared + (sv ? ": dess definition går inte längre att läsa, så frågorna har inte jämförts." : ": its definition no longer loads, so the questions were not compared.")
        }
        if previous.isSameDefinition {
            return compared + (sv ? ": samma definition, så varje kolumn ställer sin fråga som då." : ": the same definition, so every column asks its question as it did then.")
        }
        let new = changes.values.filter { $0 == .new }.count, changed = changes.count - new
        let dropped = dropped()
        guard changes.count + dropped.count > 0 else {
            return compared + (sv ? ": varje kolumn ställer sin fråga som då." : ": every column asks its question as it did then.")
        }
        var parts: [String] = []
        if changed > 0 {
            parts.append(sv ? "\(counted(changed, changed == 1 ? "kolumn" : "kolumner")) ställer sin fråga annorlunda"
                            : "\(counted(changed, changed == 1 ? "column" : "columns")) \(changed == 1 ? "asks its" : "ask their") question differently")
        }
        if new > 0 {
            parts.append(sv ? "\(counted(new, new == 1 ? "kolumn" : "kolumner")) \(new == 1 ? "är ny" : "är nya")"
                            : "\(counted(new, new == 1 ? "column is" : "columns are")) new")
        }
        var text = compared + ": "
        if !parts.isEmpty {
            text += parts.joined(separator: sv ? " och " : " and ")
            text += sv ? " (se Ändringar sedan \(previous.name) nedan)." : " (see Changes since \(previous.name) below)."
        } else {
            text += sv ? "varje kolumn ställer sin fråga som då." : "every column asks its question as it did then."
        }
        if !dropped.isEmpty {
            let names = dropped.map { "`\($0)`" }.joined(separator: ", ")
            text += sv ? " Ställs inte längre och finns därför inte i filen: \(names)." : " No longer asked, so not in the file: \(names)."
        }
        return text
    }

    /// The section of `codebook.md` with a note per column marked, in column order; none when none is.
    func changeSection() -> [String] {
        guard let previous, !changes.isEmpty else { return [] }
        let sv = layout.language == "sv"
        var lines = ["", "## \(sv ? "Ändringar sedan" : "Changes since") \(previous.name)", ""]
        for entry in entries {
            guard let change = changes[entry.column.name] else { continue }
            let what = change.text(layout.language, since: previous.name) { "`\($0)`" }
            lines.append("- `\(entry.column.name)`: \(Self.cell(what))")
        }
        return lines
    }

    /// The mark in a column's rules in `codebook.md`.
    func changeMark(_ entry: ColumnDescription) -> String? {
        guard let previous, let change = changes[entry.column.name] else { return nil }
        let sv = layout.language == "sv"
        switch change {
        case .new: return sv ? "**ny sedan \(previous.name)**" : "**new since \(previous.name)**"
        case .changed: return sv ? "**ändrad sedan \(previous.name)**" : "**changed since \(previous.name)**"
        }
    }

    /// What `codebook.csv`'s `change_details` says of a column: expressions in the quotation marks
    /// of the codebook's language (”…” in Swedish, “…” in English).
    func changeDetails(_ change: ColumnChange) -> String {
        let sv = layout.language == "sv"
        return change.text(layout.language, since: previous?.name ?? "") { sv ? "”\($0)”" : "“\($0)”" }
    }
}
