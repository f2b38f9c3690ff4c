import Foundation
import HTTPTypes
import Testing
@testable import FormServer

/// What MSI staff meet on the admin pages besides their figures: forms left open too long,
/// signing out twice, completion rates.
@Suite struct AdminPagesTests {
    /// A sign-in form left open past its hour has lost its login cookie; its post is refused (the
    /// CSRF check), and the page leads back to the sign-in form. It told the admin to "open your
    /// link again", a respondent's words, with no link.
    @Test func aSignInFormLeftOpenTooLongLeadsBackToSignIn() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let login = try await client.get("/admin/login")
            let csrf = try #require(Page.hidden("csrf", in: login.body))
            let later = WebClient(port: client.port)  // the login cookie has expired
            let refused = try await later.postForm("/admin/login", [("csrf", csrf), ("secret", TestEnvironment.adminSecret)])
            #expect(refused.status == 403)
            #expect(refused.body.contains(#"<html lang="en""#))
            #expect(refused.body.contains(#"<a href="/admin/login">Sign in</a>"#), "\(refused.body)")
            #expect(!refused.body.contains("your link"))
            let missing = try await later.get("/admin/responses/999999")
            #expect(missing.location == "/admin/login?next=/admin/responses/999999", "without a session: to the sign-in form, and back")
            try await signIn(later)
            let unknown = try await later.get("/admin/responses/999999")
            #expect(unknown.status == 404)
            #expect(unknown.body.contains(#"<a href="/admin">All rounds</a>"#) && !unknown.body.contains("the link you were sent"))
        }
    }

    /// Signing out when the session has ended already (a second tab, eight hours later) is the
    /// sign-in form, not a refused form.
    @Test func signingOutWithoutASessionGoesToSignIn() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let reply = try await client.postForm("/admin/logout", [("csrf", "from-an-old-page")])
            #expect(reply.status == 303)
            #expect(reply.location == "/admin/login")
            try await signIn(client)
            #expect(try await client.postForm("/admin/logout", [("csrf", "forged")]).status == 403, "a session's sign-out needs its token")
            #expect(try await client.get("/admin").status == 200)
        }
    }

    /// The sign-out address opened as a link (from the history, a bookmark, a typed address) is
    /// not a missing page: it says that signing out is the button's, with 405 and `Allow: POST`,
    /// and leads to the admin pages. It said "Page not found".
    @Test func openingTheSignOutAddressPointsToTheButton() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for signedIn in [false, true] {
                if signedIn { try await signIn(client) }
                let reply = try await client.get("/admin/logout")
                #expect(reply.status == 405)
                #expect(reply.header("Allow") == "POST")
                #expect(reply.body.contains(#"<html lang="en""#))
                #expect(reply.body.contains("Sign out with the button on the admin pages"), "\(reply.body)")
                #expect(reply.body.contains(#"<a href="/admin">All rounds</a>"#))
                #expect(!reply.body.contains("Page not found") && !reply.body.contains("There is no such"))
            }
            #expect(try await client.get("/admin").status == 200, "opening the address signed no one out")
            let other = try await client.request(.patch, "/admin/login", headers: [:])
            #expect(other.status == 405 && other.body.contains("does not take a PATCH request; it takes GET, HEAD, POST."), "\(other.body)")
        }
    }

    /// Signing out ends the session on the server: a copy of its cookie (another browser, a
    /// shared machine's profile, a proxy's log) no longer opens the admin pages, even though it is
    /// signed and not yet expired. It used to work for the rest of its eight hours.
    @Test func aSignedOutSessionsCookieNoLongerSignsAnyoneIn() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            try await signIn(client)
            let copied = try #require(client.cookie(AdminSessions.sessionCookie))
            let elsewhere = WebClient(port: client.port)
            elsewhere.setCookie(AdminSessions.sessionCookie, copied)
            #expect(try await elsewhere.get("/admin").status == 200, "the copy works while the session lasts")

            let overview = try await client.get("/admin")
            let csrf = try #require(Page.hidden("csrf", in: overview.body))
            #expect(try await client.postForm("/admin/logout", [("csrf", csrf)]).location == "/admin/login")
            #expect(try await elsewhere.get("/admin").location == "/admin/login?next=/admin")
            #expect(try await elsewhere.get("/admin/rounds/esem-open").location == "/admin/login?next=/admin/rounds/esem-open")
            #expect(try await elsewhere.get("/admin/rounds/esem-open/exports/responses.csv").location == "/admin/login?next=/admin/rounds/esem-open")
            #expect(try await elsewhere.postForm("/admin/logout", [("csrf", csrf)]).location == "/admin/login")

            try await signIn(client)
            #expect(try await client.get("/admin").status == 200, "a new sign-in is a new session")
        }
    }

    /// Without --base-url the rounds page still gives each anonymous round's start link, as its
    /// path, and says how to get the whole address; it left the links out, so a newcomer trying
    /// the server locally had no start link anywhere on the list.
    @Test func theRoundsPageGivesStartLinksWithoutABaseURL() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            try await signIn(client)
            let page = try await client.get("/admin")
            #expect(page.status == 200)
            #expect(page.body.contains("<h2>Start links of anonymous rounds</h2>"), "\(page.body)")
            #expect(page.body.contains("<li>esem-open: <code>/s/esem-open</code></li>"))
            #expect(page.body.contains("start <code>samla serve</code> with <code><span class=\"option\">--base-url</span></code> (its public address) to see the full links"))
            #expect(!page.body.contains("<code>/s/esem-invited</code>"), "an invitation-only round has no start link")
        }
    }

    /// An anonymous round knows no one by name: its page says that started counts the start
    /// button's presses, so one who starts again counts twice, and how many started sent no page
    /// (a QR code scanned twice at a conference in a browser without cookies: two started, one answered).
    @Test func anAnonymousRoundsPageSaysStartedCountsPressesAndHowManySentNoPage() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in
            try await signIn(client)
            let anonymousPage = "/admin/rounds/forum-open"
            #expect(!(try await client.get(anonymousPage).body.contains("Started counts")), "nothing to say before a start")
            for _ in 0..<2 { _ = try await Respondent.start(WebClient(port: client.port), round: "forum-open") }
            let answering = try await Respondent.start(WebClient(port: client.port), round: "forum-open")
            try await answering.answer("Om träffen", [("node", "malmo"), ("event_type", "forum")])
            let page = try await client.get(anonymousPage, headers: ["Accept-Language": "en"]).body
            #expect(page.contains("<dt>Started</dt><dd>3</dd>"), "\(page)")
            #expect(page.contains("<p>Started counts presses of the start button, not people: someone who starts again (opens the start link again in a browser that keeps no cookies, or on another device) counts again, so the completion rate can be lower than the share of those who answered. 2 of 3 started have sent no page.</p>"))
            let swedish = try await client.get(anonymousPage, headers: ["Accept-Language": "sv"]).body
            #expect(swedish.contains("2 av 3 påbörjade har inte skickat någon sida.</p>"), "\(swedish)")
            #expect(!(try await client.get("/admin/rounds/esem-invited").body.contains("Started counts")), "an invitation round counts invitees")
        }
    }

    /// A response's answers keep a readable width on a narrow screen: the table scrolls within a
    /// region a keyboard can focus, rather than cutting each answer to a few letters a line beside
    /// the variable's name and the question (at 375 px, "founder" was "four / r or / four").
    @Test func aResponsesAnswersScrollWithinARegionOfTheirOwn() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let created = try await client.request(.post, "/api/rounds/esem-open/responses", headers: [
                "Authorization": "Bearer " + TestEnvironment.apiToken, "Content-Type": "application/json", "Idempotency-Key": "narrow-1",
            ], body: #"{"consent": "no"}"#)
            let id = try #require(Page.firstMatch(#""id":(\d+)"#, in: created.body))
            try await signIn(client)
            let page = try await client.get("/admin/responses/\(id)")
            #expect(page.body.contains(
                #"<h2 id="answers">Answers</h2><div class="table-scroll" role="region" tabindex="0" aria-labelledby="answers"><table class="data">"#),
                "\(page.body)")
            #expect(page.body.contains(#"<td class="answer-text">no ("#))
            #expect(Stylesheet.css.contains(".answer-text { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 10rem; }"))
        }
    }

    /// A free-text answer is marked with the respondent's language, so that a screen reader reads
    /// a Swedish comment on an English admin page with Swedish pronunciation; a choice, given in
    /// the admin's language, is not.
    @Test func aFreeTextAnswerIsMarkedWithTheRespondentsLanguage() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let created = try await client.request(.post, "/api/rounds/esem-open/responses", headers: [
                "Authorization": "Bearer " + TestEnvironment.apiToken, "Content-Type": "application/json", "Idempotency-Key": "lang-1",
                "Content-Language": "sv",
            ], body: APITests.completeResponse.replacingOccurrences(of: #"{"consent": "yes","#, with: #"{"consent": "yes", "comments": "Bra träff, tack!","#))
            let id = try #require(Page.firstMatch(#""id":(\d+)"#, in: created.body), "\(created.body)")
            try await signIn(client)
            let page = try await client.get("/admin/responses/\(id)")
            #expect(page.body.contains(#"<td class="answer-text" lang="sv">Bra träff, tack!</td>"#), "\(page.body)")
            #expect(page.body.contains(#"<td class="answer-text">board ("#))
        }
    }

    /// 100 % only when every response is complete, 0 % only when none is.
    @Test func completionRatesDoNotRoundToAllOrNone() {
        #expect(AdminViews.rate(399, 400) == "99%")
        #expect(AdminViews.rate(199, 200) == "99%")
        #expect(AdminViews.rate(400, 400) == "100%")
        #expect(AdminViews.rate(1, 300) == "1%")
        #expect(AdminViews.rate(0, 300) == "0%")
        #expect(AdminViews.rate(288, 320) == "90%")
        #expect(AdminViews.rate(1, 8) == "13%")
        #expect(AdminViews.rate(0, 0) == "–")
    }
}
