import Diagnostics
import Expressions

extension SurveyReader {
    /// E115 when `value` is not an answer the question would accept.
    mutating func checkDefault(_ value: String, of question: Question, at location: SourceLocation) {
        let place = "the default of question `\(question.name)`"
        if value.contains("${") || (question.type != .text && question.type != .longText && Self.looksLikeCall(value)) {
            diagnostics.report(.invalidDefault, at: location,
                               "\(place) is a fixed answer, not an expression; to start from a computed value, add a calculate question")
            return
        }
        guard let problem = DefaultValueRules.problem(with: value, for: question, choices: choices(for: question)) else { return }
        diagnostics.report(.invalidDefault, at: location, "\(place) '\(value)' \(problem)")
    }

    /// `today()`, `round(2.5)`: a function call, as XLSForm allows in a default.
    private static func looksLikeCall(_ value: String) -> Bool {
        guard let open = value.firstIndex(of: "("), value.hasSuffix(")") else { return false }
        let name = value[..<open]
        return !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-") }
    }

    /// The codes a select accepts, or nil when the list is unknown or empty (reported elsewhere).
    private func choices(for question: Question) -> [String]? {
        guard let name = question.choiceList, let list = choiceLists[name], !list.choices.isEmpty else { return nil }
        let values = list.choices.map(\.value)
        return question.allowsOther && !values.contains(Choice.otherValue) ? values + [Choice.otherValue] : values
    }
}

/// What a default must look like for each type: the same text an answer has in a CSV cell.
enum DefaultValueRules {
    /// Why `value` is not a valid answer, as the end of a sentence, or nil when it is.
    static func problem(with value: String, for question: Question, choices: [String]?) -> String? {
        switch question.type {
        case .text, .longText:
            return nil
        case .email:
            return isEmail(value) ? nil : "is not an email address; write one like name@example.se, or remove the default"
        case .integer:
            return isInteger(value) ? nil : "is not a whole number; write one like 0 or 12"
        case .decimal:
            return isDecimal(value) ? nil : "is not a number; write one like 0 or 2.5 (with a point)"
        case .boolean:
            return value == "true" || value == "false" ? nil : "must be true or false"
        case .date:
            return CalendarDate(iso: value) != nil ? nil : "is not a date; write it as YYYY-MM-DD, e.g. 2025-01-31"
        case .selectOne:
            guard let choices, !choices.contains(value) else { return nil }
            return "is not a value of choice list `\(question.choiceList ?? "")`\(Suggestions.didYouMean(value, in: choices)); the values are \(choices.joined(separator: ", "))"
        case .selectMultiple:
            guard let choices else { return nil }
            let codes = value.split(separator: " ").map(String.init)
            if let unknown = codes.first(where: { !choices.contains($0) }) {
                return "holds '\(unknown)', which is not a value of choice list `\(question.choiceList ?? "")`\(Suggestions.didYouMean(unknown, in: choices)); the values are \(choices.joined(separator: ", "))"
            }
            if Set(codes).count != codes.count { return "names a choice twice; name each once, separated by spaces" }
            return nil
        case .matrix, .note, .calculate:
            return nil
        }
    }

    static func isInteger(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : text[...]
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) && Int64(text) != nil
    }

    static func isDecimal(_ text: String) -> Bool {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : text[...]
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }
}
