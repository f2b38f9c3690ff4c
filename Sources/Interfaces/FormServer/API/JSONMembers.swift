import Foundation

/// The members of a JSON object as the body wrote them, which `JSONDecoder` does not keep: it reads
/// a number through `Double` (`99999999999999999999` becomes 1e20) and takes a name given twice
/// silently, keeping one of the two answers. Only the outermost object's members are read; names
/// with their escapes read (`"a"` and `"\u0061"` are the same name).
enum JSONMembers {
    struct Member: Equatable {
        var name: String
        /// The value as written, in JSON's notation: numbers and strings as sent (escapes too), with
        /// the spaces between its parts dropped and one after each comma and colon (`[5]`, `["3", "8"]`).
        var text: String
    }

    /// The members of the object `json`, in the body's order. In a body that is not valid JSON, the
    /// members as far as its object's shape can be read (a value is its text up to the next comma).
    static func read(_ json: Data) -> [Member] {
        json.withUnsafeBytes { read($0.bindMemory(to: UInt8.self)) }
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> [Member] {
        var members: [Member] = []
        // JSONDecoder reads a body that begins with UTF-8's byte order mark: so must this.
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        skipSpaces(bytes, &index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return [] }
        index += 1
        while true {
            skipSpaces(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return members }
            let end = closingQuote(in: bytes, after: index)
            let name = text(of: UnsafeBufferPointer(rebasing: bytes[index...end]))
            index = end + 1
            skipSpaces(bytes, &index)
            index += 1  // the colon
            members.append(Member(name: name, text: value(in: bytes, from: &index)))
            skipSpaces(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return members }
            index += 1
        }
    }

    /// The text of the value that starts at `index` (after spaces), leaving `index` after it.
    private static func value(in bytes: UnsafeBufferPointer<UInt8>, from index: inout Int) -> String {
        var written: [UInt8] = []
        var depth = 0
        skipSpaces(bytes, &index)
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let end = closingQuote(in: bytes, after: index)
                written.append(contentsOf: bytes[index...end])
                index = end + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return String(decoding: written, as: UTF8.self) }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return String(decoding: written, as: UTF8.self) }
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
                continue
            default:
                break
            }
            written.append(byte)
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":") { written.append(0x20) }
            index += 1
        }
        return String(decoding: written, as: UTF8.self)
    }

    private static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// The index of the quote that closes the string opened at `open`.
    private static func closingQuote(in bytes: UnsafeBufferPointer<UInt8>, after open: Int) -> Int {
        var index = open + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        return min(index, bytes.count - 1)
    }

    /// A JSON string literal (quotes included) as the text it stands for.
    private static func text(of literal: UnsafeBufferPointer<UInt8>) -> String {
        let inner = UnsafeBufferPointer(rebasing: literal.dropFirst().dropLast())
        guard inner.contains(UInt8(ascii: "\\")) else { return String(decoding: inner, as: UTF8.self) }
        return (try? JSONDecoder().decode(String.self, from: Data(literal))) ?? String(decoding: inner, as: UTF8.self)
    }
}
