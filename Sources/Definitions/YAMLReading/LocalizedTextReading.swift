import Diagnostics

/// Reads a text written in each declared language, `{sv: "…", en: "…"}`, or as one plain
/// string when only one language is declared.
public struct LocalizedTextReader: Sendable {
    /// The declared languages, the default first. When empty (the list itself was wrong),
    /// texts are read without checking their languages.
    public var languages: [String]

    public init(languages: [String]) {
        self.languages = languages
    }

    /// A text as the declared languages want it written, for "add it, e.g. …": `"…"` for one
    /// language, `{sv: "…", en: "…"}` for several (and when they are not known).
    public var example: String {
        if languages.count == 1 { return "\"…\"" }
        return "{" + (languages.isEmpty ? ["sv", "en"] : languages).map { "\($0): \"…\"" }.joined(separator: ", ") + "}"
    }

    /// The translations by language code, or nil when the node is neither a mapping nor a single value.
    /// Reports E112 for a missing or empty translation (and for a plain string when several
    /// languages are declared) and W103 for a language that is not declared.
    public func read(_ node: YAMLNode, what: String, diagnostics: inout DiagnosticList) -> [String: String]? {
        if let scalar = node.scalar {
            if scalar.isNull {
                diagnostics.report(.invalidValue, at: node.location, "\(what) has no text; write one, or remove the key")
                return nil
            }
            guard languages.count > 1 else {
                return [languages.first ?? "": scalar.text]
            }
            let example = languages.map { "\($0): \"…\"" }.joined(separator: ", ")
            diagnostics.report(.missingTranslation, at: node.location,
                               "\(what) is a single text, but the definition declares \(languages.count) languages (\(languages.joined(separator: ", "))); write it as {\(example)}")
            return [languages[0]: scalar.text]
        }
        guard let pairs = node.mapping else {
            diagnostics.report(.wrongNodeKind, at: node.location,
                               "\(what) should be a text, or a text per language like \(languages.count == 1 ? "{\(languages[0]): \"…\"}" : example), but it is \(node.kindDescription)")
            return nil
        }
        var translations: [String: String] = [:]
        /// Languages written without a usable text, reported where they are written.
        var reported: Set<String> = []
        for pair in pairs {
            guard let language = pair.key.scalar?.text else {
                diagnostics.report(.wrongNodeKind, at: pair.key.location, "a key in \(what) should be a language code, but it is \(pair.key.kindDescription)")
                continue
            }
            guard let value = pair.value.scalar, !pair.value.isNull else {
                reported.insert(language)
                if pair.value.isNull {
                    diagnostics.report(.missingTranslation, at: pair.value.location, "\(what) has no \(language) text; write it after `\(language):`")
                } else {
                    diagnostics.report(.wrongNodeKind, at: pair.value.location, "the \(language) text of \(what) should be a single text, but it is \(pair.value.kindDescription)")
                }
                continue
            }
            if translations[language] != nil {
                diagnostics.report(.duplicateKey, at: pair.key.location, "\(what) has two \(language) texts; keep one")
                continue
            }
            if !languages.isEmpty, !languages.contains(language) {
                diagnostics.report(.undeclaredLanguage, at: pair.key.location,
                                   "\(what) has a text in '\(language)', which is not among the declared languages (\(languages.joined(separator: ", ")))\(Suggestions.didYouMean(language, in: languages)); add it to `languages` or remove the text")
            }
            if value.text.allSatisfy(\.isWhitespace) {
                diagnostics.report(.missingTranslation, at: pair.value.location, "the \(language) text of \(what) is empty; write the text")
            }
            translations[language] = value.text
        }
        let missing = languages.filter { translations[$0] == nil && !reported.contains($0) }
        if !missing.isEmpty, !(pairs.isEmpty && languages.isEmpty) {
            let list = missing.joined(separator: " and ")
            let example = missing.map { "\($0): \"…\"" }.joined(separator: ", ")
            diagnostics.report(.missingTranslation, at: node.location, "\(what) has no \(list) text; add \(example)")
        }
        return translations
    }
}
