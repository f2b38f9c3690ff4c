/// A text in each of a survey's languages, keyed by language code (`sv`, `en`).
public struct LocalizedText: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    public var translations: [String: String]

    public init(_ translations: [String: String]) {
        self.translations = translations
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.translations = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(language: String) -> String? {
        translations[language]
    }

    public var languages: Set<String> { Set(translations.keys) }

    /// The text in `language`, else in the first of `fallbacks` that has it,
    /// else in any language (alphabetically first), else the empty string.
    public func resolved(_ language: String, fallbacks: [String] = []) -> String {
        if let text = translations[language] { return text }
        for fallback in fallbacks { if let text = translations[fallback] { return text } }
        return translations.keys.sorted().first.flatMap { translations[$0] } ?? ""
    }
}
