import Foundation
@testable import FormServer
import Store
import Testing

/// The start link of an anonymous round: its GET (a mail scanner's, a link preview's) shows a
/// start page and begins nothing; the page's form begins the response.
@Suite struct StartPageTests {
    static let titleSV = "Sociala företag i Sverige 2025"
    static let descriptionSV = "Den svenska delen av European Social Enterprise Monitor (ESEM)"
    static let descriptionEN = "The Swedish part of the European Social Enterprise Monitor (ESEM)"

    /// Responses begun in `round`, as the store counts them.
    static func started(_ environment: TestEnvironment, _ round: String = "esem-open") throws -> Int {
        try environment.store.roundSummaries().first { $0.round.name == round }?.started ?? -1
    }

    @Test func theStartLinkShowsAStartPageInTheRespondentsLanguageAndBeginsNothing() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let swedish = try await client.get("/s/esem-open", headers: ["Accept-Language": "sv-SE,sv;q=0.9,en;q=0.8"])
            #expect(swedish.status == 200)
            #expect(Page.language(swedish.body) == "sv")
            #expect(swedish.body.contains(#"<p class="site-title">\#(Self.titleSV)</p>"#))
            #expect(Page.title(swedish.body) == Self.titleSV)
            #expect(swedish.body.contains(#"<p class="lead">\#(Self.descriptionSV)"#))
            #expect(swedish.body.contains("Dina svar sparas på varje sida. Spara adressen till sidan du kommer till"))
            #expect(!swedish.body.contains("samma länk"), "the start link would begin a new response")
            #expect(swedish.body.contains(#"<form method="post" action="/s/esem-open">"#))
            #expect(swedish.body.contains(#"<button type="submit">Starta enkäten</button>"#))
            #expect(Page.hidden("samla.csrf", in: swedish.body)?.isEmpty == false)
            #expect(Page.hidden("samla.lang", in: swedish.body) == "sv")
            #expect(swedish.body.contains(#"<a href="/s/esem-open?lang=en" lang="en" hreflang="en">English</a>"#))
            #expect(!swedish.body.contains("<script") && !swedish.body.contains("style="))
            #expect(swedish.header("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
            #expect(swedish.header("Cache-Control") == "no-store")

            for english in [try await client.get("/s/esem-open?lang=en"), try await client.get("/s/esem-open", headers: ["Accept-Language": "en-GB"])] {
                #expect(english.status == 200)
                #expect(Page.language(english.body) == "en")
                #expect(Page.title(english.body) == "Social enterprises in Sweden 2025")
                #expect(english.body.contains(#"<p class="lead">\#(Self.descriptionEN)"#))
                #expect(english.body.contains("Your answers are saved on every page. To continue later, keep the address of the page you come to"))
                #expect(english.body.contains(#"<button type="submit">Start the survey</button>"#))
                #expect(Page.hidden("samla.lang", in: english.body) == "en")
            }

            let head = try await client.request(.head, "/s/esem-open")
            #expect(head.status == 200 && head.bytes.isEmpty)
            #expect(try Self.started(environment) == 0, "neither the GETs nor the HEAD began a response")
        }
    }

    @Test func theStartFormBeginsAResponseInThePagesLanguage() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let started = try await Respondent.startReply(client, round: "esem-open", headers: ["Accept-Language": "en"])
            #expect(started.status == 303)
            let path = try #require(started.location)
            #expect(path.hasPrefix("/t/") && path.count == 46)
            #expect(try Self.started(environment) == 1)
            let r = Respondent(client: client, path: path)
            let stored = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(stored.record.language == "en")
            let first = try await r.show()
            #expect(Page.title(first.body) == "Welcome")
            #expect(!first.body.contains(Self.descriptionEN), "the start page showed the description")
            // A personal link has no start page: its first page shows the description.
            let invited = try await client.open("/t/" + (try environment.invite(1)[0].text), headers: ["Accept-Language": "sv"])
            #expect(invited.body.contains(#"<p class="lead">\#(Self.descriptionSV)"#))
        }
    }

    @Test func aStartFormPostWithoutItsTokenIsRefusedAndBeginsNothing() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open")
            let linkToken = try #require(Page.hidden("samla.csrf", in: try await r.show().body))
            let startToken = try #require(Page.hidden("samla.csrf", in: try await client.get("/s/esem-open").body))
            for (path, fields) in [
                ("/s/esem-open", [("samla.lang", "sv")]), ("/s/esem-open", [("samla.csrf", "forged"), ("samla.lang", "sv")]),
                ("/s/esem-open", [("samla.csrf", linkToken), ("samla.lang", "sv")]),
                // A start token is bound to its round, and never passes as a link's token.
                ("/s/esem-closed", [("samla.csrf", startToken)]),
                (r.path, [("samla.csrf", startToken), ("samla.page", "welcome"), ("consent", "yes"), ("samla.action", "next")]),
            ] {
                let refused = try await client.postForm(path, fields, headers: ["Accept-Language": "en"])
                #expect(refused.status == 403, "\(path) \(fields)")
                #expect(Page.title(refused.body) == "The form could not be accepted", "\(path) \(fields)")
            }
            #expect(try Self.started(environment) == 1, "only the respondent's own start began a response")
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers["consent"] == nil)
        }
    }

    @Test func aRoundClosedBetweenTheStartPageAndItsPostGetsTheClosedPage() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let page = try await client.get("/s/esem-open", headers: ["Accept-Language": "sv"])
            let token = try #require(Page.hidden("samla.csrf", in: page.body))
            _ = try environment.store.closeRound(named: "esem-open")
            let closed = try await client.postForm("/s/esem-open", [("samla.csrf", token), ("samla.lang", "sv")], headers: ["Accept-Language": "sv"])
            #expect(closed.status == 403)
            #expect(Page.title(closed.body) == "Enkäten är stängd")
            #expect(try Self.started(environment) == 0)
        }
    }

    @Test func aStartFormPostToARoundThatTakesNoAnonymousResponseGetsTheSamePageAsItsLink() async throws {
        let environment = try TestEnvironment()
        let signer = RequestSigner(secret: try environment.store.secret(named: "request-signing", byteCount: 32))
        try await environment.withServer { client in
            for (round, status, title) in [
                ("esem-closed", 403, "The survey is closed"), ("esem-later", 403, "The survey has not opened yet"),
                ("esem-invited", 403, "This survey is by invitation only"), ("esem-nope", 404, "This link does not work"),
            ] {
                let shown = try await client.get("/s/" + round, headers: ["Accept-Language": "en"])
                let posted = try await client.postForm(
                    "/s/" + round, [("samla.csrf", signer.startToken(round: round)), ("samla.lang", "en")], headers: ["Accept-Language": "en"])
                for reply in [shown, posted] {
                    #expect(reply.status == status, "\(round)")
                    #expect(Page.title(reply.body) == title, "\(round)")
                }
            }
            #expect(try environment.store.roundSummaries().allSatisfy { $0.started == 0 })
        }
    }
}
