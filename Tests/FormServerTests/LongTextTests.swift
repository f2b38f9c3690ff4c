import Foundation
@testable import FormServer
import Store
import Testing

/// The long texts of the web form over HTTP, on the feedback page of the MSI forum survey, which has
/// two (`intent_what`, shown when `intent_act` is yes, and `improve`).
@Suite struct LongTextTests {
    /// A respondent of an anonymous round of the MSI forum survey, on its feedback page.
    private func onFeedbackPage(_ client: WebClient) async throws -> Respondent {
        let r = try await Respondent.start(client, round: "forum-open", headers: ["Accept-Language": "sv"])
        for fields in [[("node", "umea"), ("event_type", "forum")], [("sector", "public")]] {
            let moved = try await r.post(fields)
            guard moved.status == 303 else { throw TestFailure("\(fields) gave \(moved.status): \(Respondent.errors(moved.body))") }
        }
        return r
    }

    /// A browser posts a text area's line breaks as CR LF; they are stored as LF, as the import and
    /// the API store the same answer (they were stored as CR LF).
    @Test func aTextAreasLineBreaksAreStoredAsLineFeeds() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in
            let r = try await onFeedbackPage(client)
            let moved = try await r.post([
                ("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "yes"), ("intent_what", "Ringa kommunen\r\n\r\noch regionen"),
                ("improve", "Fler pauser\r\noch mer fika\r\n"),
            ])
            #expect(moved.status == 303)
            let answers = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers)
            #expect(answers["intent_what"] == .text("Ringa kommunen\n\noch regionen"))
            #expect(answers["improve"] == .text("Fler pauser\noch mer fika"))
        }
    }

    /// Each free-text field takes at most its share of the body limit (`maxlength`), so that a page
    /// filled to the brim with the characters a post writes longest (`€`, 9 bytes as `%E2%82%AC`)
    /// is still taken: a post over the limit was refused with 413 and everything typed on the page lost.
    @Test func aPageFilledToItsTextLimitsStaysWithinTheBodyLimit() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        let limit = 8 * 1024
        try await environment.withServer(maximumBodyBytes: limit) { client in
            let r = try await onFeedbackPage(client)
            let page = try await r.show().body
            // (8192 - 1024) / 9 = 796 characters for the page's two texts: 398 each.
            #expect(TextFieldLimit.perField(bodyLimit: limit, fields: 2) == 398)
            for name in ["intent_what", "improve"] {
                #expect(page.contains(#"<textarea id="f-\#(name)" name="\#(name)" rows="6" maxlength="398""#), "\(name)")
            }
            let full = String(repeating: "€", count: 398)
            let fields = [("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "yes"), ("intent_what", full), ("improve", full)]
            let moved = try await r.post(fields)
            #expect(moved.status == 303, "taken, within \(limit) bytes")
            let answers = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers)
            #expect(answers["improve"] == .text(full))
        }
        // With the default limit, a page of one text field takes 12,743 characters in it.
        #expect(TextFieldLimit.perField(bodyLimit: 128 * 1024, fields: 1) == 12_743)
        #expect(TextFieldLimit.perField(bodyLimit: 128 * 1024, fields: 2) == 6_371)
    }

    /// The single-line texts (a text question, an e-mail address, an "other" box) share the limit too.
    @Test func everyFreeTextFieldOfAPageHasItsLimit() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "sv"])
            try await r.answer("Välkommen", [("consent", "yes")])
            try await r.answer("Om dig och organisationens prioriteringar",
                               [("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "4"), ("prio_imp", "9")])
            let organisation = try await r.show().body
            // legal_form's "other" box is the page's one free-text field.
            #expect(organisation.contains(#"id="f-legal_form_other" name="legal_form_other" value="" maxlength="12743""#))
        }
    }
}
