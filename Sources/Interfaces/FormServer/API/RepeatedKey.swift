import Foundation

/// Finds a name given twice in a JSON object, which `JSONDecoder` would take silently (keeping one
/// of the two answers). Only the outermost object's names are compared, after their escapes are
/// read, so `"a"` and `"\u0061"` are the same name.
enum RepeatedKey {
    /// The first name that repeats among the top-level names of `json`, which must be valid JSON.
    static func first(in json: Data) -> String? {
        json.withUnsafeBytes { first(in: $0.bindMemory(to: UInt8.self)) }
    }

    private static func first(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var seen = Set<String>()
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
            case UInt8(ascii: "\""):
                let end = closingQuote(in: bytes, after: index)
                if depth == 1, isFollowedByColon(bytes, from: end + 1) {
                    let name = text(of: UnsafeBufferPointer(rebasing: bytes[index...end]))
                    if !seen.insert(name).inserted { return name }
                }
                index = end + 1
            default:
                index += 1
            }
        }
        return nil
    }

    /// The index of the quote that closes the string opened at `open`.
    private static func closingQuote(in bytes: UnsafeBufferPointer<UInt8>, after open: Int) -> Int {
        var index = open + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        return min(index, bytes.count - 1)
    }

    private static func isFollowedByColon(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: ":")
    }

    /// A JSON string literal (quotes included) as the text it stands for.
    private static func text(of literal: UnsafeBufferPointer<UInt8>) -> String {
        let inner = UnsafeBufferPointer(rebasing: literal.dropFirst().dropLast())
        guard inner.contains(UInt8(ascii: "\\")) else { return String(decoding: inner, as: UTF8.self) }
        return (try? JSONDecoder().decode(String.self, from: Data(literal))) ?? String(decoding: inner, as: UTF8.self)
    }
}
