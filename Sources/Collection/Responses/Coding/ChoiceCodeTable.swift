import Diagnostics
import SurveyDefinition

/// The codes a choice question accepts, in list order, found from a cell's bytes without
/// building a `String` for short lists.
public struct ChoiceCodeTable: Sendable {
    /// The choice list's name (`legal_forms`).
    public let listName: String
    /// The codes in list order (with `other` last when the question allows it).
    public let codes: [String]
    let labels: [LocalizedText]
    private let codeBytes: [[UInt8]]
    private let positions: [String: Int]

    /// Lists longer than this are searched by hashing instead of by scanning.
    private static let scanLimit = 24

    public init(listName: String, choices: [Choice]) {
        self.listName = listName
        codes = choices.map(\.value)
        labels = choices.map(\.label)
        codeBytes = codes.map { Array($0.utf8) }
        var positions: [String: Int] = [:]
        for (i, code) in codes.enumerated() where positions[code] == nil { positions[code] = i }
        self.positions = positions
    }

    public var count: Int { codes.count }

    /// The position of the code spelt by `bytes`, if it is one.
    @inline(__always)
    func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if codeBytes.count > Self.scanLimit {
            return positions[String(decoding: bytes, as: UTF8.self)]
        }
        for i in 0..<codeBytes.count where ByteText.equals(bytes, codeBytes[i]) { return i }
        return nil
    }

    /// The position of `code`, if it is one of the list's codes.
    public func position(of code: String) -> Int? {
        positions[code]
    }

    /// A likely meant code for a text that is not one: the code whose label it is
    /// (in any language, ignoring case), else the nearest code by spelling. Numbers are not
    /// misspelt words, so a number gets no spelling suggestion.
    public func suggestion(for text: String) -> String? {
        let folded = text.lowercased()
        for (i, label) in labels.enumerated() where label.translations.values.contains(where: { $0.lowercased() == folded }) {
            return codes[i]
        }
        if text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." || $0 == "," }) { return nil }
        return Suggestions.closest(to: text, in: codes)
    }

    /// For a multiple choice written with commas or semicolons (`3,8`): the same codes
    /// separated by spaces, when every part is a code.
    public func spacedSuggestion(for text: String) -> String? {
        guard text.contains(where: { $0 == "," || $0 == ";" }) else { return nil }
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init)
        guard parts.count > 1, parts.allSatisfy({ positions[$0] != nil }) else { return nil }
        return parts.joined(separator: " ")
    }

    /// The label of a code in `language`, for messages.
    public func label(of position: Int, language: String) -> String {
        labels[position].resolved(language, fallbacks: ["en", "sv"])
    }
}
