import Diagnostics
import Expressions

/// Page ids, question names and the variable names derived from them must each be unique,
/// and so must the export names partners see.
enum NameChecks {
    static func checkPageIDs(_ survey: Survey, into diagnostics: inout DiagnosticList) {
        var seen: [String: SourceLocation] = [:]
        for page in survey.pages {
            let location = page.location(of: "id")
            if let first = seen[page.id] {
                diagnostics.report(.duplicatePageID, at: location,
                                   "a second page has the id \(page.id) (first on line \(first.line)); give each page its own id")
            } else {
                seen[page.id] = location
            }
        }
    }

    /// Question names, and the variables that `other: true` and matrix rows add, share one namespace.
    /// Names are compared ignoring case, as the database compares its column names, and may not
    /// be the columns every answer table has (``Variable/reservedNames``).
    static func checkVariableNames(_ survey: Survey, into diagnostics: inout DiagnosticList) {
        var owners: [String: (name: String, description: String, location: SourceLocation)] = [:]
        for question in survey.questions {
            let nameLocation = question.location(of: "name")
            if let first = owners[question.name.lowercased()] {
                diagnostics.report(.duplicateName, at: nameLocation,
                                   "the name \(question.name) is already used by \(first.description) (line \(first.location.line))\(caseNote(question.name, first.name)); rename this question")
                continue
            }
            if let reserved = reservedNote(question.name) {
                diagnostics.report(.duplicateName, at: nameLocation, "the name \(question.name) \(reserved); rename this question")
                continue
            }
            owners[question.name.lowercased()] = (question.name, "question `\(question.name)`", nameLocation)
            for variable in question.variables where variable.name != question.name {
                let (origin, location) = derivation(of: variable, in: question)
                if let first = owners[variable.name.lowercased()] {
                    diagnostics.report(.duplicateName, at: location,
                                       "\(origin) adds the variable \(variable.name), which is already used by \(first.description) (line \(first.location.line))\(caseNote(variable.name, first.name)); rename one of them")
                } else if let reserved = reservedNote(variable.name) {
                    diagnostics.report(.duplicateName, at: location, "\(origin) adds the variable \(variable.name), which \(reserved); rename it")
                } else {
                    owners[variable.name.lowercased()] = (variable.name, "the variable \(variable.name) that \(origin) adds", location)
                }
            }
        }
    }

    /// Why two names that differ only in case still clash, in the tools named by `tools`; empty when they are the same.
    private static func caseNote(_ name: String, _ other: String, sameIn tools: String = "the database") -> String {
        name == other ? "" : " as \(other): names that differ only in upper and lower case are the same column in \(tools)"
    }

    private static func reservedNote(_ name: String) -> String? {
        guard Variable.reservedNames.contains(name.lowercased()) else { return nil }
        return "is taken: every round's answers have a column of that name (\(Variable.reservedNames.sorted().joined(separator: ", ")))"
    }

    /// Export names (each question's `export_as`, and the `_other` and `_row` names derived from it) must be unique.
    /// They are compared ignoring case: Excel, SPSS, Stata and SQL take `Founded` and `founded` for one column.
    static func checkExportNames(_ survey: Survey, into diagnostics: inout DiagnosticList) {
        var seen: [String: (export: String, variable: String, location: SourceLocation)] = [:]
        for question in survey.questions {
            guard question.exportAs != nil else { continue }
            let location = question.location(of: "export_as")
            for variable in question.variables {
                guard let export = variable.exportAs else { continue }
                if let first = seen[export.lowercased()] {
                    let derived = variable.name == question.name ? "" : " (for \(variable.name))"
                    diagnostics.report(.duplicateExportName, at: location,
                                       "the export name \(export)\(derived) is already used by \(first.variable) (line \(first.location.line))\(caseNote(export, first.export, sameIn: "Excel, SPSS, Stata and SQL")); each variable needs its own export_as")
                } else {
                    seen[export.lowercased()] = (export, variable.name, location)
                }
            }
        }
    }

    /// A question that partners receive (it has an `export_as`) but that is asked only under a
    /// condition on an answer they do not receive (no `export_as`, personal data, or free text,
    /// which a partner export leaves out unless `--include-free-text`), or on a calculation that
    /// copies personal data or free text, however many calculations lie between: in the partner's
    /// file an empty cell could be a question skipped or one left unanswered, and the partner
    /// cannot tell which. Said once per condition and answer.
    static func checkExportedConditions(_ survey: Survey, into diagnostics: inout DiagnosticList) {
        let variables = Dictionary(survey.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let personal = survey.personalDataSources
        let freeText = survey.freeTextSources
        var said = Set<String>()
        for page in survey.pages {
            for question in page.questions where question.exportAs != nil && !question.isPII {
                for condition in [page.relevant, question.relevant].compactMap({ $0 }) {
                    guard case .success(let parsed) = ParsedExpression.parse(condition.text) else { continue }
                    for name in parsed.referencedNames {
                        guard let variable = variables[name],
                              variable.exportAs == nil || personal[name] != nil || freeText[name] != nil,
                              said.insert("\(condition.location.line):\(condition.location.column):\(name)").inserted else { continue }
                        let (why, remedy) = if let source = personal[name] {
                            (source == name ? "is personal data" : "copies the personal data of `\(source)`", "condition it on an answer partners receive")
                        } else if variable.exportAs == nil {
                            ("has no export_as", "give `\(variable.question)` an export_as")
                        } else {
                            ("\(freeText[name] == name ? "is free text" : "copies the free text of `\(freeText[name]!)`"), which partner packages leave out unless exported with --include-free-text",
                             "condition it on an answer partners receive, such as a choice, or export with --include-free-text")
                        }
                        diagnostics.report(.exportedSkipOnUnexported, at: condition.location,
                                           "question `\(question.name)` goes to partners as \(question.exportAs!), but is asked only when `\(condition.text)`, and `\(name)` \(why), so a partner cannot tell a question skipped from one left unanswered; \(remedy)")
                    }
                }
            }
        }
    }

    private static func derivation(of variable: Variable, in question: Question) -> (String, SourceLocation) {
        switch variable.role {
        case .otherText:
            ("`other: true` on question `\(question.name)`", question.location(of: "other"))
        case .matrixRow(let row):
            ("row \(row) of matrix `\(question.name)`", question.rows.first { $0.name == row }?.location ?? question.location(of: "rows"))
        case .answer, .calculated:
            ("question `\(question.name)`", question.location(of: "name"))
        }
    }
}
