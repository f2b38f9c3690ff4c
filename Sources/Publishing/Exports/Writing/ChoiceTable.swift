import CSV
import SurveyDefinition

/// The codes of one variable's choice list and what a cell shows for each: the code itself, or its
/// label, neutralised for spreadsheets. Looks codes up by their bytes, without making Strings.
final class ChoiceTable {
    let variable: String
    let codes: [[UInt8]]
    let outputs: [[UInt8]]

    init(variable: String, choices: [Choice], values: ValueStyle, language: String, fallbacks: [String]) {
        self.variable = variable
        codes = choices.map { Array($0.value.utf8) }
        outputs = choices.map { choice in
            let shown = values == .labels ? choice.label.resolved(language, fallbacks: fallbacks) : choice.value
            return Array(FormulaNeutralization.neutralized(shown).utf8)
        }
    }

    /// The position of `code` in the list.
    func index(of code: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, candidate) in codes.enumerated() where candidate.count == code.count {
            if candidate.withUnsafeBufferPointer({ memoryEqual($0, code) }) { return i }
        }
        return nil
    }
}

@inline(__always)
func memoryEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
}
