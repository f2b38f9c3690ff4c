import Store
import Testing
@testable import Reports

/// The rates' sentence as docs/rounds.md shows it ("Dispositions of invitations without a response").
@Suite struct ResponseRateWordsTests {
    /// 412 invitations, 163 complete, 23 partial, 9 refused, 14 non-contact, 5 ineligible, 198 unknown.
    static let documented = InvitationOutcomes(
        invitations: 412, complete: 163, partial: 23, dispositions: DispositionCounts(refused: 9, nonContact: 14, ineligible: 5))

    @Test func theDocumentedExample() {
        #expect(ResponseRateWords(language: "en").sentence(.invited(Self.documented)) == "Response rate (AAPOR RR1): 40.0% "
            + "(163 of 407 invited; 5 ineligible of 412 invited left out); with partial responses (RR2): 45.7%; "
            + "without a response: 9 refused, 14 not reached, 5 ineligible, 198 unknown eligibility; RR3 40.5%, RR4 46.2% (e = 0.977); "
            + "COOP1 83.6%, REF1 2.2%, CON1 47.9%")
    }

    /// In a report's list each round's rate is one sentence after its label, not two colons and a
    /// capital after the first (`Klubb 2024: Svarsfrekvens (AAPOR RR1): 40,0 %`), in either language.
    @Test func aReportSaysEachRoundsRateInOneSentence() {
        let swedish = ResponseRateWords(language: "sv")
        #expect(swedish.roundItem(.invited(Self.documented), roundLabel: "Samverkansforum 2026")
            .hasPrefix("Samverkansforum 2026: svarsfrekvensen (AAPOR RR1) är 40,0\u{A0}% (163 av 407 inbjudna; "))
        #expect(swedish.roundItem(.invited(Self.documented), roundLabel: "Samverkansforum 2026").hasSuffix("CON1 47,9\u{A0}%."))
        #expect(swedish.roundItem(.anonymous, roundLabel: "Klubb 2025") == "Klubb 2025 är en anonym omgång och har ingen svarsfrekvens, eftersom ingen bjöds in.")
        #expect(swedish.roundItem(.noInvitations, roundLabel: "Klubb 2024") == "Klubb 2024: ingen svarsfrekvens ännu, eftersom ingen har bjudits in.")
        #expect(swedish.roundItem(.noEligibleInvitations(invitations: 3), roundLabel: "Klubb 2024")
            == "Klubb 2024: ingen svarsfrekvens, eftersom alla 3 inbjudna är registrerade som ej behöriga.")
        let english = ResponseRateWords(language: "en")
        #expect(english.roundItem(.invited(Self.documented), roundLabel: "Forum 2026").hasPrefix("Forum 2026: the response rate (AAPOR RR1) is 40.0% (163 of 407 invited; "))
        #expect(english.roundItem(.anonymous, roundLabel: "Club 2025") == "Club 2025 is an anonymous round, with no response rate since nobody was invited.")
        #expect(english.roundItem(.noInvitations, roundLabel: "Club 2024") == "Club 2024: no response rate yet, since nobody has been invited.")
        #expect(english.roundItem(.noEligibleInvitations(invitations: 3), roundLabel: "Club 2024")
            == "Club 2024: no response rate, since all 3 invitees are recorded ineligible.")
    }

    /// On a page (a report, the admin round page) a no-break space keeps each rate's name with its
    /// value and each count with its word, so that a narrow screen never leaves `RR4` at the end of
    /// a line and its value on the next; the terminal's text above keeps plain spaces.
    @Test func onAPageEachRateKeepsItsValue() {
        #expect(ResponseRateWords(language: "sv", onPage: true).dispositions(Self.documented)
            == "utan svar: 9\u{A0}vägrade, 14\u{A0}ej nådda, 5\u{A0}ej behöriga, 198\u{A0}med okänd behörighet; "
            + "RR3\u{A0}40,5\u{A0}%, RR4\u{A0}46,2\u{A0}% (e\u{A0}=\u{A0}0,977); COOP1\u{A0}83,6\u{A0}%, REF1\u{A0}2,2\u{A0}%, CON1\u{A0}47,9\u{A0}%")
        #expect(!ResponseRateWords(language: "en").dispositions(Self.documented).contains("\u{A0}"))
    }

    /// The counts in the rate's parenthesis and after it keep their word too: at 320 px the admin
    /// round page broke "1 ej behörig" after its 1, and "1 invitee withdrew" after its 1.
    @Test func onAPageEachCountKeepsItsWord() {
        let outcomes = InvitationOutcomes(invitations: 8, complete: 1, partial: 1, withoutInvitation: 2, withdrawn: 1,
                                          dispositions: DispositionCounts(ineligible: 1))
        #expect(ResponseRateWords(language: "sv", onPage: true).value(.invited(outcomes), dispositionCounts: false)
            .hasPrefix("14,3\u{A0}% (1 av 7\u{A0}inbjudna; 1\u{A0}ej behörig av 8\u{A0}inbjudna räknas bort); med påbörjade svar (RR2): 28,6\u{A0}%; "
                + "1\u{A0}inbjuden drog sig ur (svaren raderade) och räknas som vägran; "))
        #expect(ResponseRateWords(language: "en", onPage: true).value(.invited(outcomes)).contains("; 2\u{A0}responses without an invitation"))
        #expect(ResponseRateWords(language: "en", onPage: true).value(.noEligibleInvitations(invitations: 3)).contains("all 3\u{A0}invitees"))
        #expect(!ResponseRateWords(language: "en").value(.invited(outcomes)).contains("\u{A0}"))
    }

    /// The invitees who declined in the form are said after those who withdrew, in either language,
    /// one and several.
    @Test func theSentenceSaysHowManyDeclinedInTheForm() {
        let several = InvitationOutcomes(invitations: 10, complete: 4, partial: 1, withdrawn: 1, declined: 3)
        #expect(ResponseRateWords(language: "en").sentence(.invited(several)) == "Response rate (AAPOR RR1): 40.0% (4 of 10 invited); "
            + "with partial responses (RR2): 50.0%; 1 invitee withdrew (the answers erased) and counts as a refusal; "
            + "3 invitees declined in the form and count as refusals")
        #expect(ResponseRateWords(language: "sv", onPage: true).value(.invited(several)).hasSuffix(
            "; 1\u{A0}inbjuden drog sig ur (svaren raderade) och räknas som vägran; 3\u{A0}inbjudna avböjde i formuläret och räknas som vägran"))
        let one = InvitationOutcomes(invitations: 4, complete: 1, partial: 0, declined: 1)
        #expect(ResponseRateWords(language: "en").value(.invited(one)).hasSuffix("; 1 invitee declined in the form and counts as a refusal"))
        #expect(ResponseRateWords(language: "sv").value(.invited(one)).hasSuffix("; 1 inbjuden avböjde i formuläret och räknas som vägran"))
        #expect(!ResponseRateWords(language: "en").value(.invited(Self.documented)).contains("declined"))
    }

    /// Swedish counts agree with their number: `1 ej nådd`, `2 ej nådda`; `vägrade` (the plural
    /// participle, which Swedish also writes after 1 of people), never the neuter `vägrat`.
    @Test func swedishCountsAgreeWithTheirNumber() {
        let words = ResponseRateWords(language: "sv")
        #expect(words.counts(DispositionCounts(refused: 1, nonContact: 1, ineligible: 1), unknown: 2)
            == "1 vägrade, 1 ej nådd, 1 ej behörig, 2 med okänd behörighet")
        #expect(words.counts(DispositionCounts(refused: 2, nonContact: 2, ineligible: 2), unknown: 0)
            == "2 vägrade, 2 ej nådda, 2 ej behöriga, 0 med okänd behörighet")
    }

    /// Without the counts (the admin round page gives them on a line of their own) the rates that
    /// the dispositions allow follow RR2 directly.
    @Test func theRatesWithoutTheCounts() {
        let value = ResponseRateWords(language: "en").value(.invited(Self.documented), dispositionCounts: false)
        #expect(value == "40.0% (163 of 407 invited; 5 ineligible of 412 invited left out); with partial responses (RR2): 45.7%; "
            + "RR3 40.5%, RR4 46.2% (e = 0.977); COOP1 83.6%, REF1 2.2%, CON1 47.9%")
    }

    /// A round whose every invitation is recorded ineligible has no rate, and says why.
    @Test func noEligibleInvitations() {
        #expect(ResponseRateWords(language: "sv").sentence(.noEligibleInvitations(invitations: 3))
            == "Alla 3 inbjudna är registrerade som ej behöriga: ingen svarsfrekvens")
        #expect(ResponseRateWords(language: "en").rr1(.noEligibleInvitations(invitations: 3)) == "none eligible")
    }
}
