import Crypto
import Foundation
import SurveyDefinition

/// The secret in a personal link: 32 bytes from the system's cryptographic source
/// (`getrandom` on Linux), written as base64url without padding (43 characters).
/// Only its SHA-256 is ever stored.
public struct InvitationToken: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32
    /// The length of a token's text: `byteCount` bytes in base64url without padding (43).
    public static let textLength = (byteCount * 4 + 2) / 3

    public let text: String

    /// A fresh token.
    public static func random() -> InvitationToken {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: byteCount)
        for i in bytes.indices { bytes[i] = generator.next() }
        return InvitationToken(text: base64URL(bytes))
    }

    /// A token as it arrives in a link. Accepts only the form `random()` writes.
    public init?(_ text: String) {
        guard text.utf8.count == Self.textLength, text.utf8.allSatisfy(Self.isBase64URL) else { return nil }
        self.text = text
    }

    private init(text: String) {
        self.text = text
    }

    /// The stored form: lowercase hex SHA-256 of the token's text.
    public var hash: String { Self.hash(text) }

    /// Lowercase hex SHA-256 of a token's text, as stored.
    public static func hash(_ token: String) -> String {
        var token = token
        return token.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }.lowercaseHex
    }

    public var description: String { text }

    static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Whether `text` holds something a token could be: a run of at least ``textLength`` of the
    /// characters tokens are written in (a token with more written on to it, `TOKEN;3`, is one).
    public static func isWritten(in text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            run = isBase64URL(byte) ? run + 1 : 0
            if run == textLength { return true }
        }
        return false
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
