/// An `application/x-www-form-urlencoded` body: every name with its values in order
/// (check boxes send one name several times).
struct FormBody: Sendable {
    private(set) var fields: [String: [String]] = [:]

    init(fields: [String: [String]]) {
        self.fields = fields
    }

    /// Parses the body; nil when it is not valid percent-encoded UTF-8.
    init?(_ bytes: some Collection<UInt8>) {
        let parsed = bytes.withContiguousStorageIfAvailable(Self.parse) ?? Array(bytes).withUnsafeBufferPointer(Self.parse)
        guard let parsed else { return nil }
        fields = parsed
    }

    /// One pass over the body: pairs split at `&`, names from values at the first `=`.
    private static func parse(_ body: UnsafeBufferPointer<UInt8>) -> [String: [String]]? {
        var fields: [String: [String]] = [:]
        fields.reserveCapacity(body.reduce(1) { $0 + ($1 == UInt8(ascii: "&") ? 1 : 0) })
        var start = 0
        while start < body.count {
            var end = start
            var equals: Int?
            while end < body.count, body[end] != UInt8(ascii: "&") {
                if equals == nil, body[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            if end > start {
                let nameEnd = equals ?? end
                guard let name = decode(UnsafeBufferPointer(rebasing: body[start..<nameEnd])) else { return nil }
                guard let value = decode(UnsafeBufferPointer(rebasing: body[min(nameEnd + 1, end)..<end])) else { return nil }
                fields[name, default: []].append(value)
            }
            start = end + 1
        }
        return fields
    }

    /// The first value of `name`.
    subscript(name: String) -> String? {
        fields[name]?.first
    }

    func all(_ name: String) -> [String] {
        fields[name] ?? []
    }

    /// Decodes `+` as space and `%XX` escapes; nil for a bad escape or bytes that are not UTF-8.
    static func decode(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer(decode)
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if !bytes.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) {
            return text(ofUTF8: bytes)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else { return nil }
                output.append(high << 4 | low)
                i += 2
            default:
                output.append(bytes[i])
            }
            i += 1
        }
        return output.withUnsafeBufferPointer(text(ofUTF8:))
    }

    /// The text of UTF-8 `bytes`; nil when they are not UTF-8. ASCII, what most fields are, is
    /// taken as it is; only other bytes go through the generic validation.
    private static func text(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes a value for a form body or a query (what browsers send).
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "*"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
