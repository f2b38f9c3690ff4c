import Crypto

extension SHA256.Digest {
    /// The digest as Samla stores it: 64 lowercase hex digits (definitions, link tokens, imported
    /// files, API requests). Written by table straight into the string: `String(format:)` cost
    /// more than the hash itself on every request of the web form.
    public var lowercaseHex: String {
        String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { hex in
            var index = 0
            for byte in self {
                hex[index] = hexDigits[Int(byte >> 4)]
                hex[index + 1] = hexDigits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)
