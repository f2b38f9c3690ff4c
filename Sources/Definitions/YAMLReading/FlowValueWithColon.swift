/// An unquoted value holding `: ` inside `{…}`, as `en: How far: do you agree?` in
/// `label: {sv: "Hur långt?", en: How far: do you agree?}`: libyaml stops at the second `:` and
/// asks for a comma, but the value needs quotes.
struct FlowValueWithColon {
    /// `, e.g. en: "How far: do you agree?"`, or empty when the value holds a double quote.
    let example: String

    /// Recognises the case from the line and (1-based) column of libyaml's mark: a `:` followed by
    /// a space, after an item `key: value` that begins after the nearest `{` or `,` before it.
    init?(line: Substring, column: Int) {
        let characters = Array(line)
        let index = column - 1
        guard index >= 0, index + 1 < characters.count, characters[index] == ":", characters[index + 1] == " " else { return nil }
        guard let open = characters[..<index].lastIndex(where: { $0 == "{" || $0 == "," }) else { return nil }
        let item = characters[(open + 1)...]
        let end = item.firstIndex { $0 == "," || $0 == "}" } ?? characters.endIndex
        let text = Self.trimmed(characters[(open + 1)..<end])
        guard let separator = text.firstRange(of: ": ") else { return nil }
        let key = text[..<separator.lowerBound]
        let value = Self.trimmed(text[separator.upperBound...])
        guard !key.isEmpty, !value.isEmpty, value.first != "\"", value.first != "'" else { return nil }
        example = value.contains("\"") ? "" : ", e.g. \(key): \"\(value)\""
    }

    private static func trimmed<Text: BidirectionalCollection<Character>>(_ text: Text) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
