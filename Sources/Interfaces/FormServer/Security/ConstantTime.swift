import Crypto
import Foundation

/// Comparisons of secrets whose time does not depend on where they differ.
enum ConstantTime {
    /// Whether `given` equals `expected`. Both are hashed first, so the time depends on neither
    /// the position of the first difference nor the expected length.
    static func equals(_ given: String, _ expected: String) -> Bool {
        let a = SHA256.hash(data: Data(given.utf8))
        let b = SHA256.hash(data: Data(expected.utf8))
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    /// Whether `given` equals `expected`, whose length is no secret (a signature always has the
    /// same length): the time depends on the lengths only, and nothing is hashed.
    static func equalsOfPublicLength(_ given: String, _ expected: String) -> Bool {
        guard given.utf8.count == expected.utf8.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(given.utf8, expected.utf8) { difference |= x ^ y }
        return difference == 0
    }
}

/// Base64url without padding, as tokens and cookies carry bytes.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var i = 0
        while i + 2 < input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            for shift in [18, 12, 6, 0] as [UInt32] { output.append(alphabet[Int((n >> shift) & 63)]) }
            i += 3
        }
        let rest = input.count - i
        if rest > 0 {
            let n = UInt32(input[i]) << 16 | (rest == 2 ? UInt32(input[i + 1]) << 8 : 0)
            output.append(alphabet[Int((n >> 18) & 63)])
            output.append(alphabet[Int((n >> 12) & 63)])
            if rest == 2 { output.append(alphabet[Int((n >> 6) & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of `text`; nil when it is not base64url without padding.
    static func decode(_ text: String) -> [UInt8]? {
        var bits: UInt32 = 0
        var count = 0
        var output: [UInt8] = []
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                output.append(UInt8((bits >> UInt32(count)) & 0xFF))
            }
        }
        return text.utf8.count % 4 == 1 ? nil : output
    }

    static func randomToken(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return encode((0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
