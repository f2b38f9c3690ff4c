/// How a yes/no answer is written: 1/0 as codes; Ja/Nej or Yes/No as labels.
struct BooleanText: Hashable, Sendable {
    var yes: String
    var no: String

    static let codes = BooleanText(yes: "1", no: "0")

    /// The words for yes and no in `language`: Swedish or English (the default for any other).
    static func labels(language: String) -> BooleanText {
        language == "sv" ? BooleanText(yes: "Ja", no: "Nej") : BooleanText(yes: "Yes", no: "No")
    }

    static func forExport(_ values: ValueStyle, language: String) -> BooleanText {
        values == .labels ? labels(language: language) : codes
    }
}
