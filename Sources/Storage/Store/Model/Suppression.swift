import Crypto
import Foundation

/// An entry of the suppression list: an address whose respondent withdrew (`samla erase
/// --withdraw`), kept as a keyed hash so that `samla invite` leaves it out of the survey's later
/// rounds without Samla keeping the address.
public struct Suppression: Hashable, Sendable {
    /// The survey the respondent withdrew from; the entry holds for every round of it.
    public var survey: String
    /// The round whose invitation was withdrawn.
    public var round: String
    /// The withdrawn invitation.
    public var invitationID: Int64
    public var suppressedAt: Timestamp

    public init(survey: String, round: String, invitationID: Int64, suppressedAt: Timestamp) {
        self.survey = survey
        self.round = round
        self.invitationID = invitationID
        self.suppressedAt = suppressedAt
    }

    /// An address as the list compares it: without the spaces around it, in lower case.
    public static func normalised(_ address: String) -> String {
        address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The stored form of `address`: HMAC-SHA256 of its normalised UTF-8 under `key` (the store's
    /// suppression key), as 64 lowercase hex digits. Without the key, a dictionary of addresses
    /// cannot be hashed to find which one an entry is.
    static func addressHash(_ address: String, key: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(normalised(address).utf8), using: SymmetricKey(data: key))
        return code.reduce(into: "") { hex, byte in
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
    }

    /// The name of the key in the store's `secrets`; 32 random bytes, made with the first entry.
    static let keyName = "suppression-key"
    static let keyByteCount = 32
    private static let hexDigits = Array("0123456789abcdef")
}
