import Foundation

/// The declarations of the rule for `selector` in `css`, a stylesheet of one rule a line (as
/// Samla's are), by property; nil if no line's selector list (`a, b {`) holds `selector`.
func declarations(of selector: String, in css: Substring) -> [String: String]? {
    guard let line = css.split(separator: "\n").first(where: { line in
        guard let open = line.firstIndex(of: "{") else { return false }
        return line[..<open].split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == selector }
    }), let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") else { return nil }
    let pairs = line[line.index(after: open)..<close].split(separator: ";").compactMap { declaration -> (String, String)? in
        let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
    return Dictionary(pairs, uniquingKeysWith: { $1 })
}

/// The body of the stylesheet's block that begins `opening` (`@media (forced-colors: active) {`).
func block(_ opening: String, in css: String) -> Substring? {
    guard let start = css.range(of: opening)?.upperBound else { return nil }
    let rest = css[start...]
    return rest[..<(rest.range(of: "\n}")?.lowerBound ?? rest.endIndex)]
}
