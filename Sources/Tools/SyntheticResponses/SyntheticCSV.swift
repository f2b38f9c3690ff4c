import CSV
import Responses
import SurveyDefinition

/// Writes generated responses as a CSV file in the import format: a header of `language`,
/// `submitted_at` and every answered variable of the survey (calculations are left out: the
/// import computes them), then one row per complete response, values in their text form.
public enum SyntheticCSV {
    /// The header of the import format for `validator`'s survey.
    public static func header(for validator: ResponseValidator) -> [String] {
        ["language", "submitted_at"] + validator.variables.filter { $0.role != .calculated }.map(\.name)
    }

    /// Writes `count` complete responses from `generator` to `writer` (header first).
    /// Incomplete responses, which the import does not take, are drawn but not written.
    /// Free texts go through `write(text:)`, so the writer's formula neutralisation applies to
    /// them only; for a file meant for `samla import`, turn it off to keep texts as generated.
    /// `decimalComma`: decimals as `3,5`, for Excel in a Swedish locale (with `;` between fields).
    public static func write(
        count: Int, from generator: inout SyntheticResponseGenerator, to writer: CSVWriter, decimalComma: Bool = false
    ) throws {
        let validator = generator.validator
        try writer.writeRecord(header(for: validator))
        let columns = validator.variables.indices.filter { validator.variables[$0].role != .calculated }
        var sheet = validator.makeSheet()
        var written = 0
        while written < count {
            let info = generator.next(into: &sheet)
            guard info.isComplete else { continue }
            try writer.write(info.language)
            try writer.write(info.submittedAt)
            for v in columns {
                if case .text(let text)? = sheet.values[v] {
                    try writer.write(text: text)
                } else if decimalComma, case .decimal? = sheet.values[v] {
                    try writer.write(String(AnswerText.text(of: sheet.values[v]!).map { $0 == "." ? "," : $0 }))
                } else if let value = sheet.values[v] {
                    try writer.write(AnswerText.text(of: value))
                } else {
                    try writer.write("")
                }
            }
            try writer.endRecord()
            written += 1
        }
    }
}
