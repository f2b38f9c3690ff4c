import CSV
import Foundation
import Expressions
import SurveyDefinition

/// The text form of a typed answer, as a CSV cell or a form field holds it, such that
/// ``AnswerCoder`` reads it back to the same value.
public enum AnswerText {
    public static func text(of value: AnswerValue) -> String {
        switch value {
        case .text(let s), .choice(let s): s
        case .integer(let i): String(i)
        case .decimal(let d): decimal(d)
        case .boolean(let b): b ? "1" : "0"
        case .date(let d): d.description
        case .choices(let codes): codes.joined(separator: " ")
        }
    }

    /// A typed value (JSON) as it was sent, for a problem's message: as ``text(of:)``, but a decimal
    /// with every digit it has (``text(of:)`` rounds it to 15), and, `asJSON`, in JSON's notation
    /// (`true`, `["north"]`), for a value of the wrong kind: `1` for `true` or `north` for a list
    /// of one code would read as an answer of the right kind.
    public static func sent(_ value: AnswerValue, asJSON: Bool) -> String {
        switch value {
        case .decimal(let d) where d.isFinite: return DecimalCell.text(d)
        case .boolean(let b) where asJSON: return b ? "true" : "false"
        case .choices(let codes) where asJSON: return "[" + codes.map(quoted).joined(separator: ", ") + "]"
        case .text(let s) where asJSON, .choice(let s) where asJSON: return quoted(s)
        default: return text(of: value)
        }
    }

    /// A JSON string: `"north"`.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A decimal in plain notation (never an exponent), rounded to the 15 significant digits a
    /// decimal answer may have, so that it reads back as an answer.
    public static func decimal(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let text = String(format: "%.15g", d)
        guard text.contains("e") else { return text }
        let exponent = Int((log10(abs(d))).rounded(.down))
        var plain = String(format: "%.\(max(0, 14 - exponent))f", d)
        if plain.contains(".") {
            while plain.hasSuffix("0") { plain.removeLast() }
            if plain.hasSuffix(".") { plain.removeLast() }
        }
        return plain
    }
}
