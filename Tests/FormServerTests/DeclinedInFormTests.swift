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

    /// The web path of a decline through the real server: "Nej" and "Nästa" on the welcome page end
    /// on the thank-you page, the link shows it again instead of the form, and the admin round page counts the refusal.
    @Test func aDeclineOnTheWebEndsOnTheThankYouPageAndTheRoundPageCountsIt() async throws {
        let environment = try TestEnvironment()
        let tokens = try environment.invite(2)
        try await environment.withServer { client in
            let declined = Respondent(client: client, path: "/t/\(tokens[0])", headers: ["Accept-Language": "sv"])
            let welcome = try await declined.show()
            #expect(Page.title(welcome.body) == "Välkommen" && welcome.body.contains("du får inga påminnelser"), "\(welcome.body)")
            let next = try await declined.post([("consent", "no")])
            #expect(next.status == 303 && declined.isOwn(next.location), "\(next.status) \(next.location ?? "")")
            let thanks = try await client.open(try #require(next.location), headers: declined.headers)
            #expect(thanks.status == 200 && Page.title(thanks.body) == "Tack för dina svar" && !thanks.body.contains("samla.page"), "\(thanks.body)")
            let again = try await declined.show()
            #expect(Page.title(again.body) == "Tack för dina svar", "the link shows the thank-you page, not the form: \(again.body)")

            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-invited", headers: ["Accept-Language": "en"])
            #expect(page.body.contains("<dt>Complete</dt><dd>1</dd>"), "the response stays complete: \(page.body)")
            #expect(page.body.contains("<dt>Invitees who declined in the form</dt><dd>1 of 2 (answers kept, counted as refusals in the response rate)</dd>"),
                    "\(page.body)")
            #expect(page.body.contains("<dd>0.0% (0 of 2\u{A0}invited); with partial responses (RR2): 0.0%; "
                + "1\u{A0}invitee declined in the form and counts as a refusal</dd>"), "\(page.body)")
        }
    }
}
