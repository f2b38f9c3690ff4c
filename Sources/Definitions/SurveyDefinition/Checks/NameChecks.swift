import Diagnostics

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
    static func checkVariableNames(_ survey: Survey, into diagnostics: inout DiagnosticList) {
        var owners: [String: (description: String, location: SourceLocation)] = [:]
        for question in survey.questions {
            let nameLocation = question.location(of: "name")
            if let first = owners[question.name] {
                diagnostics.report(.duplicateName, at: nameLocation,
                                   "the name \(question.name) is already used by \(first.description) (line \(first.location.line)); rename this question")
                continue
            }
            owners[question.name] = ("question `\(question.name)`", nameLocation)
            for variable in question.variables where variable.name != question.name {
                let (origin, location) = derivation(of: variable, in: question)
                if let first = owners[variable.name] {
                    diagnostics.report(.duplicateName, at: location,
                                       "\(origin) adds the variable \(variable.name), which is already used by \(first.description) (line \(first.location.line)); rename one of them")
                } else {
                    owners[variable.name] = ("the variable \(variable.name) that \(origin) adds", location)
                }
            }
        }
    }

    /// Export names (each question's `export_as`, and the `_other` and `_row` names derived from it) must be unique.
    static func checkExportNames(_ survey: Survey, into diagnostics: inout DiagnosticList) {
        var seen: [String: (variable: String, location: SourceLocation)] = [:]
        for question in survey.questions {
            guard question.exportAs != nil else { continue }
            let location = question.location(of: "export_as")
            for variable in question.variables {
                guard let export = variable.exportAs else { continue }
                if let first = seen[export] {
                    let derived = variable.name == question.name ? "" : " (for \(variable.name))"
                    diagnostics.report(.duplicateExportName, at: location,
                                       "the export name \(export)\(derived) is already used by \(first.variable) (line \(first.location.line)); each variable needs its own export_as")
                } else {
                    seen[export] = (variable.name, location)
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
