import CSV
import Diagnostics
import SurveyDefinition

/// The codes a choice question accepts, in list order, found from a cell's bytes without
/// building a `String`: codes of up to 16 bytes are packed into two integers and compared as
/// such. Shared by reference: coders copy it freely. Immutable once made (its buffers too), hence
/// `@unchecked Sendable`.
public final class ChoiceCodeTable: @unchecked Sendable {
    /// The choice list's name (`legal_forms`).
    public let listName: String
    /// The codes in list order (with `other` last when the question allows it).
    public let codes: [String]
    let labels: [LocalizedText]
    /// The packed codes (nil for a longer code), in list order.
    private let packed: UnsafeMutableBufferPointer<PackedCode?>
    /// ``codes`` again, read without reference counting by the coders.
    private let codeBuffer: UnsafeMutableBufferPointer<String>
    private let packedPositions: [PackedCode: Int]
    private let positions: [String: Int]
    /// The codes a CSV export writes with an apostrophe in front (`'@home`), by that form.
    private let guardedPositions: [String: Int]

    /// Lists longer than this are searched by hashing instead of by scanning.
    private static let scanLimit = 24

    public init(listName: String, choices: [Choice]) {
        self.listName = listName
        codes = choices.map(\.value)
        labels = choices.map(\.label)
        var positions: [String: Int] = [:]
        for (i, code) in codes.enumerated() where positions[code] == nil { positions[code] = i }
        self.positions = positions
        var guardedPositions: [String: Int] = [:]
        for (code, i) in positions where FormulaNeutralization.isNeeded(for: code) {
            guardedPositions[FormulaNeutralization.neutralized(code)] = i
        }
        self.guardedPositions = guardedPositions
        let packedCodes = codes.map { code in
            var code = code
            return code.withUTF8 { PackedCode($0) }
        }
        packed = .allocate(capacity: packedCodes.count)
        _ = packed.initialize(from: packedCodes)
        codeBuffer = .allocate(capacity: codes.count)
        _ = codeBuffer.initialize(from: codes)
        var packedPositions: [PackedCode: Int] = [:]
        for (i, key) in packedCodes.enumerated() {
            if let key, packedPositions[key] == nil { packedPositions[key] = i }
        }
        self.packedPositions = packedPositions
    }

    deinit {
        packed.deinitialize()
        packed.deallocate()
        codeBuffer.deinitialize()
        codeBuffer.deallocate()
    }

    public var count: Int { codes.count }

    /// The code at `position` (in `0..<count`).
    @inline(__always)
    func code(at position: Int) -> String {
        codeBuffer[position]
    }

    /// The position of the code spelt by `bytes`, if it is one. Codes compare as Swift strings
    /// do, by canonical equivalence: `skåne` with a combining ring (as some systems write it) is
    /// the code `skåne`.
    @inline(__always)
    func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let key = PackedCode(bytes) else {
            return positions[String(decoding: bytes, as: UTF8.self)]
        }
        if packed.count > Self.scanLimit {
            if let found = packedPositions[key] { return found }
        } else {
            for i in 0..<packed.count where packed[i] == key { return i }
        }
        // Bytes that differ may still spell the same letters.
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        return positions[String(decoding: bytes, as: UTF8.self)]
    }

    /// The position of a code as Samla's own CSV exports write it when it starts like a
    /// formula (`'@home` for `@home`), so that an exported file imports again.
    func position(ofNeutralized bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !guardedPositions.isEmpty, bytes.first == UInt8(ascii: "'") else { return nil }
        return guardedPositions[String(decoding: bytes, as: UTF8.self)]
    }

    /// The position of `code`, if it is one of the list's codes.
    public func position(of code: String) -> Int? {
        positions[code]
    }

    /// A likely meant code for a text that is not one: the code whose label it is
    /// (in any language, ignoring case), else the one code whose label begins with it (`Skåne`
    /// for "Skåne län", `Ja` for "Ja, jag vill delta"), else the nearest code by spelling.
    /// Numbers are not shortened labels or misspelt words, so a number gets neither suggestion.
    public func suggestion(for text: String) -> String? {
        let folded = text.lowercased()
        for (i, label) in labels.enumerated() where label.translations.values.contains(where: { $0.lowercased() == folded }) {
            return codes[i]
        }
        if text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." || $0 == "," }) { return nil }
        if folded.count >= 2 {
            let beginning = labels.indices.filter { i in labels[i].translations.values.contains { $0.lowercased().hasPrefix(folded) } }
            if beginning.count == 1 { return codes[beginning[0]] }
        }
        return Suggestions.closest(to: text, in: codes)
    }

    /// The code whose label, in one of the survey's languages, is exactly `text` (as an export
    /// with `--labels` writes it, with or without the apostrophe in front of a formula character);
    /// nil when no label or more than one code's label is.
    public func code(ofLabel text: String) -> String? {
        let candidates = text.hasPrefix("'") ? [text, String(text.dropFirst())] : [text]
        let matching = labels.indices.filter { i in labels[i].translations.values.contains(where: candidates.contains) }
        return matching.count == 1 ? codes[matching[0]] : nil
    }

    /// For a multiple choice written with commas or semicolons (`3,8`): the same codes
    /// separated by spaces, when every part is a code.
    public func spacedSuggestion(for text: String) -> String? {
        guard text.contains(where: { $0 == "," || $0 == ";" }) else { return nil }
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init)
        guard parts.count > 1, parts.allSatisfy({ positions[$0] != nil }) else { return nil }
        return parts.joined(separator: " ")
    }
}

/// A code of at most 16 UTF-8 bytes as two integers and its length.
struct PackedCode: Hashable, Sendable {
    var low: UInt64
    var high: UInt64
    var count: Int

    @inline(__always)
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for i in 0..<bytes.count {
            if i < 8 {
                low |= UInt64(bytes[i]) << UInt64(i * 8)
            } else {
                high |= UInt64(bytes[i]) << UInt64((i - 8) * 8)
            }
        }
        self.low = low
        self.high = high
        count = bytes.count
    }
}
