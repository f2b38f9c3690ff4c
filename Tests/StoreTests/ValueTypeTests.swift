import Crypto
import Expressions
import Foundation
import Testing
@testable import Store

@Suite struct TimestampTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(Timestamp(Date(timeIntervalSince1970: 0)).text == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(Date(timeIntervalSince1970: 1_760_000_000.1234)).text == "2025-10-09T08:53:20.123Z")
        #expect(Timestamp(Date(timeIntervalSince1970: -0.5)).text == "1969-12-31T23:59:59.500Z")
    }

    @Test(arguments: [
        ("2025-10-09", "2025-10-09T00:00:00.000Z"),
        ("2025-10-09T08:53Z", "2025-10-09T08:53:00.000Z"),
        ("2025-10-09T08:53:20Z", "2025-10-09T08:53:20.000Z"),
        ("2025-10-09 08:53:20.5Z", "2025-10-09T08:53:20.500Z"),
        ("2025-10-09T08:53:20.123456Z", "2025-10-09T08:53:20.123Z"),
        ("2025-10-09T10:53:20+02:00", "2025-10-09T08:53:20.000Z"),
        ("2025-01-01T00:30:00+01:00", "2024-12-31T23:30:00.000Z"),
        ("2025-10-09T03:00:00-05:30", "2025-10-09T08:30:00.000Z"),
    ])
    func readsISOForms(_ input: String, _ stored: String) {
        #expect(Timestamp(iso: input)?.text == stored)
        #expect(Array(input.utf8).withUnsafeBytes { Timestamp(isoBytes: $0) }?.text == stored)
    }

    @Test(arguments: ["", "2025-13-01", "2025-02-29", "2025-10-09T24:00Z", "2025-10-09T08:60Z", "2025-10-09T08:53",
                      "2025-10-09T08:53:20.Z", "2025-10-09T08:53:20+0200", "9 oktober 2025", "2025-10-09T08:53:20Zx"])
    func refusesOtherForms(_ input: String) {
        #expect(Timestamp(iso: input) == nil)
        #expect(Array(input.utf8).withUnsafeBytes { Timestamp(isoBytes: $0) } == nil)
    }

    @Test func roundTripsThroughDate() {
        let stamp = Timestamp(iso: "2025-10-09T08:53:20.123Z")!
        #expect(Timestamp(stamp.date) == stamp)
        #expect(stamp.calendarDate == CalendarDate(year: 2025, month: 10, day: 9))
    }
}

@Suite struct RoundNameTests {
    @Test(arguments: ["esem-se-2025", "a", "2025", "msi-forum-1-b"])
    func accepts(_ name: String) { #expect(RoundName.isValid(name)) }

    @Test(arguments: ["", "ESEM-2025", "esem_2025", "-esem", "esem-", "esem--2025", "esem 2025", "esem-sé", String(repeating: "a", count: 65)])
    func refuses(_ name: String) { #expect(!RoundName.isValid(name)) }
}

@Suite struct InvitationTokenTests {
    @Test func tokensAre32RandomBytesInBase64URL() {
        let token = InvitationToken.random()
        #expect(token.text.utf8.count == 43)
        #expect(token.text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        let padded = token.text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
        #expect(Data(base64Encoded: padded)?.count == 32)
    }

    @Test func tenThousandTokensAreDistinct() {
        let tokens = (0..<10_000).map { _ in InvitationToken.random().text }
        #expect(Set(tokens).count == tokens.count)
        // Every one of the 256 bits varies across tokens: no stuck bits from a bad source.
        let decoded = tokens.prefix(1000).map { text -> [UInt8] in
            let base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
            return [UInt8](Data(base64Encoded: base64)!)
        }
        let orAll = decoded.reduce([UInt8](repeating: 0, count: 32)) { acc, bytes in zip(acc, bytes).map { $0 | $1 } }
        let andAll = decoded.reduce([UInt8](repeating: 0xff, count: 32)) { acc, bytes in zip(acc, bytes).map { $0 & $1 } }
        #expect(orAll.allSatisfy { $0 == 0xff })
        #expect(andAll.allSatisfy { $0 == 0 })
    }

    @Test func hashIsSHA256HexOfTheText() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        #expect(InvitationToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let token = InvitationToken.random()
        #expect(token.hash == InvitationToken.hash(token.text))
        #expect(InvitationToken.isHash(token.hash))
        #expect(NewInvitation(token: token).tokenHash == token.hash)
    }

    @Test func parsesOnlyTheWrittenForm() {
        let token = InvitationToken.random()
        #expect(InvitationToken(token.text) == token)
        #expect(InvitationToken(String(token.text.dropLast())) == nil)
        #expect(InvitationToken(token.text + "A") == nil)
        #expect(InvitationToken(String(token.text.dropLast()) + "=") == nil)
    }
}
