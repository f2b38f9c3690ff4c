import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing

/// A respondent's personal data erased (`samla erase --response`, here through a second store on
/// the file, as the command writes) while they fill in the form on a real server: a page shown
/// before the erasure and posted after it (another tab, the browser's Back) does not write the
/// erased value back, and a value the respondent types anew is taken.
@Suite struct ErasedWhileFillingInTests {
    static let survey = """
        id: erasure-live
        version: "1"
        title: {sv: "Kontakt", en: "Contact"}
        languages: [sv, en]
        pages:
          - id: contact
            title: {sv: "Kontaktuppgifter", en: "Contact details"}
            questions:
              - {name: contact_name, type: text, pii: true, label: {sv: "Ditt namn", en: "Your name"}}
              - {name: staff, type: integer, required: true, label: {sv: "Anställda", en: "Staff"}}
          - id: plans
            title: {sv: "Planer", en: "Plans"}
            questions:
              - {name: hires, type: integer, label: {sv: "Nyanställningar", en: "New hires"}}

        """

    /// A server's environment with `erasure-live`, an invitation-only round of ``survey`` collecting
    /// today, and the token of its one invitation.
    static func invited() throws -> (TestEnvironment, InvitationToken) {
        let environment = try TestEnvironment()
        let token = InvitationToken.random()
        let document = try #require(SurveyLoader.load(text: survey, path: "erasure-live.yaml").document)
        let today = CalendarDate.today()
        try environment.store.openRound(RoundRequest(
            name: "erasure-live", document: document, opens: CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 1),
            closes: CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 30), anonymous: false))
        _ = try environment.store.addInvitations([NewInvitation(token: token, label: "Greta")], round: "erasure-live", today: today)
        return (environment, token)
    }

    @Test func aPageShownBeforeAnErasureDoesNotWriteTheErasedValueBack() async throws {
        let (environment, token) = try Self.invited()
        @Sendable func stored(_ name: String) throws -> AnswerValue? { try environment.store.linkTarget(tokenHash: token.hash)?.response?.answers[name] }

        try await environment.withServer { client in
            let first = try await client.open("/t/\(token)")
            let csrf = try #require(Page.hidden("samla.csrf", in: first.body))
            #expect(Page.hidden("samla.shown", in: first.body) == nil, "nothing stored, nothing shown")
            let saved = try await client.postForm("/t/\(token)/1", [
                ("samla.csrf", csrf), ("samla.page", "contact"), ("samla.lang", "sv"), ("contact_name", "Greta Gran"), ("staff", "3"),
            ])
            #expect(saved.status == 303 && saved.header("Location") == "/t/\(token)/2")
            // The page opened again in another tab, with the name in its field, before the erasure.
            let stale = try await client.open("/t/\(token)/1")
            #expect(Page.inputValue("contact_name", in: stale.body) == "Greta Gran")
            let shown = try #require(Page.hidden("samla.shown", in: stale.body))
            #expect(!shown.contains("Greta"))
            func postStale(staff: String) async throws -> WebClient.Reply {
                try await client.postForm("/t/\(token)/1", [
                    ("samla.csrf", csrf), ("samla.page", "contact"), ("samla.lang", "sv"), ("samla.shown", shown),
                    ("contact_name", "Greta Gran"), ("staff", staff),
                ])
            }

            let erasure = try SQLiteStore(path: environment.databasePath).erase(.personalData(.invitation(tokenHash: token.hash)))
            #expect(erasure.personalAnswers == 1)
            #expect(try stored("contact_name") == nil)

            // Posted with a problem, the page comes back without the erased name, and nothing is saved.
            let refused = try await postStale(staff: "")
            #expect(refused.status == 422)
            #expect(!refused.body.contains("Greta Gran"))
            #expect(Page.inputValue("contact_name", in: refused.body) == "")
            #expect(Page.hidden("samla.shown", in: refused.body) == nil)
            // Posted as it was shown, the rest of the page is saved and the name is not.
            let posted = try await postStale(staff: "4")
            #expect(posted.status == 303 && posted.header("Location") == "/t/\(token)/2")
            #expect(try stored("contact_name") == nil, "the erased name came back")
            #expect(try stored("staff") == .integer(4))

            // The page now shows the field empty; a name typed anew is the respondent's to give.
            let fresh = try await client.open("/t/\(token)/1")
            #expect(Page.inputValue("contact_name", in: fresh.body) == "")
            #expect(Page.hidden("samla.shown", in: fresh.body) == nil)
            let retyped = try await client.postForm("/t/\(token)/1", [
                ("samla.csrf", csrf), ("samla.page", "contact"), ("samla.lang", "sv"), ("contact_name", "Greta Gran"), ("staff", "4"),
            ])
            #expect(retyped.status == 303)
            #expect(try stored("contact_name") == .text("Greta Gran"))
        }
    }

    @Test func aPersonalAnswerChangedOnAPageShownBeforeTheErasureIsTaken() async throws {
        let (environment, token) = try Self.invited()

        try await environment.withServer { client in
            let respondent = Respondent(client: client, path: "/t/\(token)")
            try await respondent.answer("Kontaktuppgifter", [("contact_name", "Greta Gran"), ("staff", "3")])
            let stale = try await client.open("/t/\(token)/1")
            let csrf = try #require(Page.hidden("samla.csrf", in: stale.body))
            let shown = try #require(Page.hidden("samla.shown", in: stale.body))
            _ = try SQLiteStore(path: environment.databasePath).erase(.personalData(.invitation(tokenHash: token.hash)))

            let posted = try await client.postForm("/t/\(token)/1", [
                ("samla.csrf", csrf), ("samla.page", "contact"), ("samla.lang", "sv"), ("samla.shown", shown),
                ("contact_name", "Greta Gran-Berg"), ("staff", "3"),
            ])
            #expect(posted.status == 303)
            #expect(try environment.store.linkTarget(tokenHash: token.hash)?.response?.answers["contact_name"] == .text("Greta Gran-Berg"))
        }
    }
}
