import Crypto

/// Respondent pseudonyms for partner exports: `R-` and 12 base32 characters (RFC 4648 alphabet),
/// the first 60 bits of HMAC-SHA256 over the response id (8 bytes, big-endian) with the round's
/// secret key. The same response gets the same pseudonym in every export of its round; without
/// the key, which never leaves the database, pseudonyms cannot be linked to ids or across rounds.
public struct Pseudonymizer: @unchecked Sendable {  // SymmetricKey is immutable, but not marked Sendable
    public static let length = 14
    /// Every pseudonym matches this regular expression (a Table Schema `pattern`).
    public static let pattern = "R-[A-Z2-7]{12}"
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private let key: SymmetricKey

    public init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
    }

    public func pseudonym(for responseID: Int64) -> String {
        withPseudonym(for: responseID) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the pseudonym's bytes, without making a String.
    public func withPseudonym<R>(for responseID: Int64, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var message = UInt64(bitPattern: responseID).bigEndian
        let code = withUnsafeBytes(of: &message) { HMAC<SHA256>.authenticationCode(for: $0, using: key) }
        var bits: UInt64 = 0
        code.withUnsafeBytes { bytes in
            for i in 0..<8 { bits = bits << 8 | UInt64(bytes[i]) }
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.length) { buffer in
            buffer[0] = UInt8(ascii: "R")
            buffer[1] = UInt8(ascii: "-")
            for i in 0..<12 {
                buffer[2 + i] = Self.alphabet[Int((bits >> UInt64(59 - 5 * i)) & 31)]
            }
            return try body(UnsafeBufferPointer(buffer))
        }
    }
}
