/// How a stored variable's values are typed, in storage, exports and expressions.
public enum VariableType: String, Hashable, Sendable, CaseIterable {
    /// `text`, `long_text`, `email`, an `other` text.
    case text
    case integer
    case decimal
    case boolean
    case date
    /// One code of a choice list (`select_one`, a matrix row).
    case choice
    /// A set of codes of a choice list (`select_multiple`).
    case choices
}

/// One stored value of a response: a question's answer, a matrix row, an `other` text
/// or a calculation. The columns of a round's data are its survey's variables, in order.
public struct Variable: Hashable, Sendable {
    public enum Role: Hashable, Sendable {
        case answer
        case matrixRow(String)
        case otherText
        case calculated
    }

    /// Names no variable may have: every answer table already has these columns.
    public static let reservedNames: Set<String> = ["response_id", "round_id"]

    /// The column name in storage and CSV: `founded`, `barriers_other`, `voice_staff`.
    public var name: String
    /// The question it belongs to.
    public var question: String
    public var role: Role
    public var type: VariableType
    /// The choice list of a `choice` or `choices` variable.
    public var choiceList: String?
    public var isPII: Bool
    /// Of a question marked `quasi_identifier`: a key variable of a partner export's disclosure control.
    public var isQuasiIdentifier: Bool
    /// The lower limits of the bands a partner export writes instead of the exact number (the
    /// question's `export_bands`); only on the answer of an integer or decimal question.
    public var exportBands: [Double]?
    /// The partners' codebook name, if the question has one: matrix rows get `EXPORT_row`,
    /// an `other` text `EXPORT_other`, with the suffix in capitals when the name is in capitals
    /// (`ESEM_VOICE_STAFF`, `ESEM_BARRIERS_OTHER`).
    public var exportAs: String?

    public init(name: String, question: String, role: Role, type: VariableType, choiceList: String? = nil, isPII: Bool = false,
                isQuasiIdentifier: Bool = false, exportBands: [Double]? = nil, exportAs: String? = nil) {
        self.name = name
        self.question = question
        self.role = role
        self.type = type
        self.choiceList = choiceList
        self.isPII = isPII
        self.isQuasiIdentifier = isQuasiIdentifier
        self.exportBands = exportBands
        self.exportAs = exportAs
    }
}

extension Variable {
    /// A free-text answer (a `text`, `long_text` or `email` question, an `other` text), in which a
    /// respondent may write anything, names too. A partner export leaves it out unless asked for
    /// (`--include-free-text`), and the W105 check counts it as not received. A calculation is not
    /// free text, unless it copies one (``Survey/freeTextSources``).
    public var isFreeText: Bool {
        switch role {
        case .otherText: true
        case .answer: type == .text
        case .matrixRow, .calculated: false
        }
    }
}

extension Question {
    /// The variables this question stores, in column order. Notes store none.
    public var variables: [Variable] {
        func variable(_ name: String, _ role: Variable.Role, _ type: VariableType, list: String? = nil, export: String? = exportAs) -> Variable {
            Variable(name: name, question: self.name, role: role, type: type, choiceList: list, isPII: isPII,
                     isQuasiIdentifier: isQuasiIdentifier, exportBands: type == .integer || type == .decimal ? exportBands : nil, exportAs: export)
        }
        switch type {
        case .note:
            return []
        case .text, .longText, .email:
            return [variable(name, .answer, .text)]
        case .integer:
            return [variable(name, .answer, .integer)]
        case .decimal:
            return [variable(name, .answer, .decimal)]
        case .boolean:
            return [variable(name, .answer, .boolean)]
        case .date:
            return [variable(name, .answer, .date)]
        case .calculate:
            return [variable(name, .calculated, calculationType ?? .text)]
        case .selectOne, .selectMultiple:
            var result = [variable(name, .answer, type == .selectOne ? .choice : .choices, list: choiceList)]
            if allowsOther {
                result.append(variable(otherVariableName, .otherText, .text, export: derivedExportName(suffix: "other")))
            }
            return result
        case .matrix:
            return rows.map { row in
                variable(variableName(forRow: row.name), .matrixRow(row.name), .choice, list: choiceList,
                         export: derivedExportName(suffix: row.name))
            }
        }
    }

    /// `EXPORT_suffix` for a variable derived from this question, in the case style of `export_as`.
    private func derivedExportName(suffix: String) -> String? {
        guard let exportAs else { return nil }
        let inCapitals = exportAs == exportAs.uppercased() && exportAs != exportAs.lowercased()
        return "\(exportAs)_\(inCapitals ? suffix.uppercased() : suffix)"
    }
}
