import Foundation
import Testing
@testable import Aggregation

/// The duplicate rule's key text: the same as Foundation's trimming and lower-casing, which the
/// engine used before it had a faster path for the common case.
@Suite struct DuplicateKeyTextTests {
    static let samples = [
        "", " ", "anna", "Anna", " Anna ", "\tANNA\r\n", "Gröna Gården AB", "  ÖPPNA Köket  ", "a  b", " a\tb ",
        "\u{00A0}Anna\u{2003}", "\u{0085}x\u{3000}", "\u{FEFF}Anna", "Anna\u{1F}", "İstanbul", "ß", "\u{200B}zero width",
        "anna.berg417@kvarnen.se", " ANNA.BERG417@KVARNEN.SE\n",
    ]

    @Test(arguments: samples)
    func agreesWithFoundation(_ text: String) {
        #expect(DuplicateKeyText.normalized(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }
}
