import Foundation
import Store
import Testing

/// Invitees of the ESEM round who answer no to the consent question on the web form: one who
/// chooses "Nästa" (the response is submitted) and one who stops on the page after its answer
/// was saved (the response stays partial). Both are kept as they are, and the rates count both as refusals.
@Suite struct DeclinedInFormTests {
    @Test func theRoundPageCountsInviteesWhoDeclinedInTheFormAsRefusals() async throws {
        let environment = try TestEnvironment()
        let tokens = try environment.invite(4)
        try await environment.withServer { client in
            let submitted = Respondent(client: client, path: "/t/\(tokens[0])", headers: ["Accept-Language": "sv"])
            #expect(try await submitted.post([("consent", "no")]).status == 303)
            let stopped = Respondent(client: client, path: "/t/\(tokens[1])", headers: ["Accept-Language": "sv"])
            // A switch to English keeps the page's answers without going on: the response stays partial.
            #expect(try await stopped.post([("consent", "no")], action: "lang-en").status == 303)
            let consented = Respondent(client: client, path: "/t/\(tokens[2])", headers: ["Accept-Language": "sv"])
            #expect(try await consented.post([("consent", "yes")]).status == 303)

            let summary = try #require(try environment.store.roundSummaries().first { $0.round.name == "esem-invited" })
            #expect(summary.complete == 1 && summary.started == 3, "the responses are kept as they were given")
            #expect(summary.invitationsDeclined == DeclinedInvitations(complete: 1, partial: 1))
            #expect(summary.responseRate == .invited(InvitationOutcomes(invitations: 4, complete: 0, partial: 1, declined: 2)))

            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-invited", headers: ["Accept-Language": "sv"])
            #expect(page.body.contains("<dt>Inbjudna som avböjt i formuläret</dt><dd>2 av 4 (svaren finns kvar, räknas som vägran i svarsfrekvensen)</dd>"),
                    "\(page.body)")
            #expect(page.body.contains("<dd>0,0\u{A0}% (0 av 4\u{A0}inbjudna); med påbörjade svar (RR2): 25,0\u{A0}%; "
                + "2\u{A0}inbjudna avböjde i formuläret och räknas som vägran</dd>"), "\(page.body)")
            let english = try await client.get("/admin/rounds/esem-invited", headers: ["Accept-Language": "en"])
            #expect(english.body.contains("<dt>Invitees who declined in the form</dt><dd>2 of 4 (answers kept, counted as refusals in the response rate)</dd>"),
                    "\(english.body)")
            #expect(english.body.contains("; 2\u{A0}invitees declined in the form and count as refusals</dd>"), "\(english.body)")
        }
    }
}
