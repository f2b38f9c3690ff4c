import Diagnostics

/// Reads the keys of one mapping in a definition, remembering which keys were asked for,
/// so that every key left over can be reported as unknown with a did-you-mean.
///
/// Ask for every key the place takes (present or not), then call ``reportUnknownKeys(into:)``.
public struct MappingReader: Sendable {
    public let node: YAMLNode
    /// Names the place in messages: "the survey", "question `founded`", "page `profile`"; a
    /// reader that begins with a place by number ("indicator 2") takes its id's once read.
    public var place: String

    private struct Entry: Sendable {
        var key: Located<String>
        var value: YAMLNode
        var read = false
    }

    private var entries: [Entry] = []
    private var asked: [String] = []

    /// A reader for `node`, or nil (with E006) when `node` is not a mapping. Keys that are not
    /// single values are reported (E006), and a key that appears again is reported (E010) and
    /// its second value ignored.
    public init?(_ node: YAMLNode, place: String, diagnostics: inout DiagnosticList) {
        self.node = node
        self.place = place
        guard let pairs = node.mapping else {
            diagnostics.report(.wrongNodeKind, at: node.location,
                               "\(place) should be a mapping of `key: value` lines, but it is \(node.kindDescription)")
            return nil
        }
        var seen: [String: SourceLocation] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar, !pair.key.isNull else {
                diagnostics.report(.wrongNodeKind, at: pair.key.location,
                                   "a key in \(place) should be a name, but it is \(pair.key.kindDescription)")
                continue
            }
            if let first = seen[key.text] {
                diagnostics.report(.duplicateKey, at: pair.key.location,
                                   "the key '\(key.text)' appears twice in \(place) (first on line \(first.line)); keep one of them")
                continue
            }
            seen[key.text] = pair.key.location
            entries.append(Entry(key: Located(key.text, at: pair.key.location), value: pair.value))
        }
    }

    /// The keys present, in file order.
    public var keys: [String] { entries.map(\.key.value) }

    public func contains(_ key: String) -> Bool {
        entries.contains { $0.key.value == key }
    }

    /// Where `key` is written, if it is present.
    public func location(ofKey key: String) -> SourceLocation? {
        entries.first { $0.key.value == key }?.key.location
    }

    /// The value of an optional key; records `key` as one this place takes.
    public mutating func value(_ key: String) -> YAMLNode? {
        if !asked.contains(key) { asked.append(key) }
        guard let index = entries.firstIndex(where: { $0.key.value == key }) else { return nil }
        entries[index].read = true
        return entries[index].value
    }

    /// The value of a required key, or nil with E008 when it is missing.
    public mutating func required(_ key: String, example: String? = nil, diagnostics: inout DiagnosticList) -> YAMLNode? {
        if let value = value(key) { return value }
        if hasMisspelling(of: key) { return nil }
        let hint = example.map { ", e.g. `\(key): \($0)`" } ?? ""
        diagnostics.report(.missingKey, at: node.location, "\(place) has no `\(key)`; add it\(hint)")
        return nil
    }

    /// Whether a key not read looks like a misspelling of `key`: a misspelt `lable` is reported
    /// once, as an unknown key with "did you mean label?", not again as a missing `label`.
    public func hasMisspelling(of key: String) -> Bool {
        entries.contains { !$0.read && $0.key.value != key && Suggestions.closest(to: $0.key.value, in: [key]) != nil }
    }

    /// Every key not yet read, with its value, now marked as read: for places that take
    /// free-form keys (the extra attributes of a choice). A key that looks like a misspelling of a
    /// key asked for (`lable`) is left for ``reportUnknownKeys(into:)``.
    public mutating func remaining() -> [(key: Located<String>, value: YAMLNode)] {
        var result: [(key: Located<String>, value: YAMLNode)] = []
        for index in entries.indices where !entries[index].read {
            if Suggestions.closest(to: entries[index].key.value, in: asked) != nil { continue }
            entries[index].read = true
            result.append((entries[index].key, entries[index].value))
        }
        return result
    }

    /// E007 for every key that was present but never asked for, with the nearest known key.
    public func reportUnknownKeys(into diagnostics: inout DiagnosticList) {
        for entry in entries where !entry.read {
            let name = entry.key.value
            let advice: String
            if let suggestion = Suggestions.closest(to: name, in: asked) {
                advice = Suggestions.didYouMean(suggestion)
            } else {
                advice = "; \(place) takes: \(asked.joined(separator: ", "))"
            }
            diagnostics.report(.unknownKey, at: entry.key.location, "unknown key '\(name)' in \(place)\(advice)")
        }
    }
}
