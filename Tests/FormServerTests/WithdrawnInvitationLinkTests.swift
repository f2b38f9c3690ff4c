import Foundation
import Store
import Testing

/// The personal link of an invitation whose respondent withdrew (`samla erase --withdraw`, here
/// through a second store on the file while the server runs, as the command would): a clear page
/// saying so, never a form, and a post through it begins no response.
@Suite struct WithdrawnInvitationLinkTests {
    @Test func theLinkOfAWithdrawnInvitationShowsAClearPageAndTakesNoAnswers() async throws {
        let environment = try TestEnvironment()
        let (answered, untouched) = (InvitationToken.random(), InvitationToken.random())
        try ImportedInvitationLinkTests.openInvitedRound(environment, tokens: [answered, untouched])

        try await environment.withServer { client in
            let form = try await client.open("/t/\(answered)")
            let csrf = try #require(Page.hidden("samla.csrf", in: form.body))
            let submitted = try await client.postForm("/t/\(answered)", [("samla.csrf", csrf), ("samla.page", "p"), ("useful", "5")])
            #expect(submitted.status == 303)
            #expect(Page.title(try await client.get("/t/\(answered)").body) == "Tack för dina svar")
            let untouchedForm = try await client.open("/t/\(untouched)")
            let untouchedCSRF = try #require(Page.hidden("samla.csrf", in: untouchedForm.body))

            let command = try SQLiteStore(path: environment.databasePath)
            try command.erase(.withdrawal(.invitation(tokenHash: answered.hash)))
            try command.erase(.withdrawal(.invitation(tokenHash: untouched.hash)))

            for token in [answered, untouched] {
                let page = try await client.get("/t/\(token)")
                #expect(page.status == 410)
                #expect(Page.title(page.body) == "Du har dragit dig ur enkäten")
                #expect(page.body.contains("Länken tar inte emot svar längre."))
                #expect(!page.body.contains("<form"))
                let english = try await client.get("/t/\(token)?lang=en")
                #expect(Page.title(english.body) == "You have withdrawn from this survey")
            }
            // A form opened before the withdrawal, posted after it: nothing is saved, and the link shows the page again.
            let late = try await client.postForm("/t/\(untouched)", [("samla.csrf", untouchedCSRF), ("samla.page", "p"), ("useful", "2")])
            #expect(late.status == 303)
            #expect(late.header("Location") == "/t/\(untouched)")
            let summary = try #require(try environment.store.roundSummaries().first { $0.round.name == "paper-invited" })
            #expect(summary.started == 0 && summary.invitationsUsed == 0 && summary.invitations == 2)
        }
        #expect(environment.logs.lines.contains { $0.contains("\"code\":\"E706\"") })
    }

    /// The admin page of a response withdrawn while the server runs says what became of it (410),
    /// in the admin's language, instead of "no such page"; an id no response ever had stays 404.
    @Test func theAdminPageOfAWithdrawnResponseSaysWhatBecameOfIt() async throws {
        let environment = try TestEnvironment()
        let token = InvitationToken.random()
        try ImportedInvitationLinkTests.openInvitedRound(environment, tokens: [token])

        try await environment.withServer { client in
            let form = try await client.open("/t/\(token)")
            let csrf = try #require(Page.hidden("samla.csrf", in: form.body))
            #expect(try await client.postForm("/t/\(token)", [("samla.csrf", csrf), ("samla.page", "p"), ("useful", "5")]).status == 303)
            let id = try #require(try environment.store.linkTarget(tokenHash: token.hash)?.response?.record.id)
            try await signIn(client)
            #expect(try await client.get("/admin/responses/\(id)").status == 200)

            let erasure = try SQLiteStore(path: environment.databasePath).erase(.withdrawal(.invitation(tokenHash: token.hash)))
            let page = try await client.get("/admin/responses/\(id)")
            #expect(page.status == 410)
            #expect(Page.title(page.body) == "Response #\(id) was removed")
            #expect(page.body.contains("erasure \(erasure.id ?? 0) in <code>samla erase <span class=\"option\">--log</span></code>"), "\(page.body)")
            #expect(page.body.contains(#"<a href="/admin/rounds/paper-invited">Round paper-invited</a>"#))
            let swedish = try await client.get("/admin/responses/\(id)", headers: ["Accept-Language": "sv"])
            #expect(Page.title(swedish.body) == "Svar nr \(id) är borttaget")
            #expect(try await client.get("/admin/responses/\(id + 1)").status == 404)
        }
    }
}
