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

    /// A decimal in plain notation (never an exponent), with the fewest digits that read back exactly.
    public static func decimal(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let shortest = d.description
        if !shortest.contains("e") { return shortest }
        // Very small or very large: spell it out and trim trailing zeros.
        var digits = String(format: "%.20f", d)
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        return digits
    }
}
