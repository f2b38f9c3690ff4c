import Diagnostics
import Foundation

/// Reading single values and lists from nodes, each with a diagnostic that names the key.
/// `what` names the value in messages, e.g. "`required` of question `founded`".
extension YAMLNode {
    /// A single value as written (never converted), or nil: E006 for a list or mapping, E009 for an empty value.
    public func text(_ what: String, diagnostics: inout DiagnosticList) -> String? {
        guard let scalar else {
            diagnostics.report(.wrongNodeKind, at: location, "\(what) should be a single value, but it is \(kindDescription)")
            return nil
        }
        if scalar.isNull {
            diagnostics.report(.invalidValue, at: location, "\(what) has no value; write one, or remove the key")
            return nil
        }
        return scalar.text
    }

    /// `true` or `false`, written without quotes; anything else (`yes`, `on`, `"true"`) is E009.
    public func bool(_ what: String, diagnostics: inout DiagnosticList) -> Bool? {
        guard let text = text(what, diagnostics: &diagnostics) else { return nil }
        if scalar?.style == .plain, scalar?.tag == nil {
            if text == "true" { return true }
            if text == "false" { return false }
        }
        let written: String
        if let tag = scalar?.tag {
            let short = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
            written = "'\(short) \(text)' (with a tag: write the value alone)"
        } else {
            written = scalar?.isQuoted == true ? "\"\(text)\" (quoted)" : "'\(text)'"
        }
        diagnostics.report(.invalidValue, at: location, "\(what) must be true or false (without quotes), not \(written)")
        return nil
    }

    /// The items of a list, or nil with E006 when the node is not a list.
    public func list(_ what: String, diagnostics: inout DiagnosticList) -> [YAMLNode]? {
        if let sequence { return sequence }
        let example = isNull ? "; write the items as `- item` lines or [a, b]" : ""
        diagnostics.report(.wrongNodeKind, at: location, "\(what) should be a list, but it is \(kindDescription)\(example)")
        return nil
    }
}

/// The shapes of names in definitions.
public enum NamePattern {
    /// `^[A-Za-z_][A-Za-z0-9_]*$`: question, page, choice list and variable names.
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || isASCIIDigit($0) }
    }

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`: ids of surveys, frameworks and rounds.
    public static func isSlug(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return !id.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || isASCIIDigit($0) }
        }
    }

    /// `text` made into a slug for a "write it like this" hint: lowercase letters and digits,
    /// every other run of characters a single hyphen (`My Survey 2025` → `my-survey-2025`).
    public static func slug(from text: String, fallback: String) -> String {
        var result = ""
        for scalar in withoutDiacritics(text).lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || isASCIIDigit(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? fallback : result
    }

    /// A language code: two or three lowercase letters, optionally followed by subtags (`sv`, `en`, `se`, `sv-FI`).
    public static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
              first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.unicodeScalars.allSatisfy { isASCIILetter($0) || isASCIIDigit($0) }
        }
    }

    /// Why `name` is not an identifier, for messages.
    public static func identifierProblem(_ name: String) -> String {
        if name.isEmpty { return "it is empty" }
        if let first = name.unicodeScalars.first, isASCIIDigit(first) { return "it starts with a digit" }
        if name.contains(" ") { return "it contains a space" }
        if name.contains("-") { return "it contains '-'" }
        if let bad = name.unicodeScalars.first(where: { !($0 == "_" || isASCIILetter($0) || isASCIIDigit($0)) }) {
            if bad.isASCII { return "it contains '\(bad)'" }
            if withoutDiacritics(String(bad)).unicodeScalars.allSatisfy(isASCIILetter) {
                return "it contains '\(bad)', which is not an ASCII letter, digit or _"
            }
            // A letter that looks like an ASCII one, or an invisible character, needs its name to be found.
            let hex = String(bad.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let described = bad.properties.name.map { "\(code) \($0)" } ?? code
            return "it contains '\(bad)' (\(described)), which is not an ASCII letter, digit or _"
        }
        return "it is not an identifier"
    }

    /// `företag` → `foretag`: Swedish and other accented letters as the ASCII letters a suggestion may hold.
    private static func withoutDiacritics(_ text: String) -> String {
        text.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `name` made into an identifier: the suggestion in messages.
    public static func suggestedIdentifier(for name: String) -> String {
        var result = String(String.UnicodeScalarView(withoutDiacritics(name).unicodeScalars.map { scalar in
            scalar == "_" || isASCIILetter(scalar) || isASCIIDigit(scalar) ? scalar : "_"
        }))
        if let first = result.unicodeScalars.first, isASCIIDigit(first) { result = "_" + result }
        return result.isEmpty ? "name" : result
    }

    private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
    private static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
}
