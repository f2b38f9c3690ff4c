import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing

/// The form as browsers are used on it: a double click on "Nästa", the browser's own Back button,
/// one link open in two tabs, a round closed while a respondent is in it.
@Suite struct BrowserNavigationTests {
    /// The stored answers and record of link `respondent`.
    private func stored(_ environment: TestEnvironment, _ respondent: Respondent) throws -> (record: ResponseRecord, answers: [String: AnswerValue]) {
        let response = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(respondent.token))?.response)
        return (response.record, response.answers)
    }

    /// Posts the page `html` showed, with its hidden fields, `fields` and the button `action`.
    private func post(_ client: WebClient, _ path: String, page html: String, _ fields: [(String, String)], action: String = "next") async throws -> WebClient.Reply {
        try await client.postForm(path, [
            ("samla.csrf", Page.hidden("samla.csrf", in: html)!), ("samla.page", Page.hidden("samla.page", in: html)!),
            ("samla.lang", Page.hidden("samla.lang", in: html)!),
        ] + fields + [("samla.action", action)])
    }

    /// Runs `body` on a server with a respondent of the forum survey on its third page ("Vad fick du ut av träffen?").
    private func onFeedbackPage(_ body: @escaping @Sendable (TestEnvironment, WebClient, Respondent) async throws -> Void) async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "forum-open")
            try await r.answer("Om träffen", [("node", "malmo"), ("event_type", "forum")])
            try await r.answer("Om dig", [("sector", "civil")])
            try await body(environment, client, r)
        }
    }

    /// Two posts of one page, at once or one after the other, move the respondent one page on.
    @Test func aDoubleClickOnNextSavesThePageOnceAndMovesOnePage() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "forum-open")
            let event = try await r.show().body
            let fields = [("node", "malmo"), ("event_type", "forum")]
            async let first = post(client, r.path, page: event, fields)
            async let second = post(client, r.path, page: event, fields)
            #expect(try await [first.status, second.status] == [303, 303])
            #expect(try stored(environment, r).record.currentPage == "participant")
            #expect(Page.title(try await r.show().body) == "Om dig")

            let participant = try await r.show().body
            #expect(try await post(client, r.path, page: participant, [("sector", "civil")]).status == 303)
            #expect(try await post(client, r.path, page: participant, [("sector", "civil")]).status == 303)
            #expect(try stored(environment, r).record.currentPage == "feedback", "the second post is the same page's, not the next one's")
            #expect(try stored(environment, r).answers["sector"] == .choice("civil"))
        }
    }

    /// An old tab (or a page the browser kept) posts an earlier page after another tab went on:
    /// that page's post is taken, skip logic clears what it no longer asks, and the respondent
    /// goes on from that page; the later tab's next post is taken where it stands.
    @Test func anEarlierPageFromAnOldTabIsTakenAndTheLaterTabGoesOn() async throws {
        try await onFeedbackPage { environment, client, r in
            let tabA = try await r.show().body
            try await r.answer("Vad fick du ut av träffen?", [
                ("usefulness", "4"), ("new_contacts_n", "3"), ("new_contacts_sectors", "public"), ("intent_act", "yes"), ("intent_what", "Ett projekt"),
            ])
            let tabB = try await r.show().body
            #expect(Page.title(tabB) == "Uppföljning")

            // Tab A posts the feedback page again with no new contacts: the sectors of the
            // contacts are no longer asked and are cleared; the form goes on to the follow-up page.
            #expect(try await post(client, r.path, page: tabA, [("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "yes"), ("intent_what", "Ett projekt")]).status == 303)
            var answers = try stored(environment, r).answers
            #expect(answers["new_contacts_n"] == .integer(0))
            #expect(answers["new_contacts_sectors"] == nil)
            #expect(answers["intent_what"] == .text("Ett projekt"))
            #expect(try stored(environment, r).record.currentPage == "follow_up")

            // Tab B posts the follow-up page: taken, and the contact page follows.
            #expect(try await post(client, r.path, page: tabB, [("follow_up_ok", "yes")]).status == 303)
            answers = try stored(environment, r).answers
            #expect(answers["follow_up_ok"] == .choice("yes"))
            #expect(answers["node"] == .choice("malmo") && answers["sector"] == .choice("civil"))
            #expect(Page.title(try await r.show().body) == "Din e-postadress")
        }
    }

    /// A tab left on an earlier page after another tab submitted: its post saves nothing and it is
    /// sent to the thank-you page, in the language it asked for when it was a language switch.
    @Test func anOldTabsPostOfASubmittedResponseShowsTheThankYouPageInTheLanguageAsked() async throws {
        try await onFeedbackPage { environment, client, r in
            let old = try await r.show().body
            try await r.answer("Vad fick du ut av träffen?", [("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "no")])
            try await r.answer("Uppföljning", [("follow_up_ok", "no")])
            #expect(try stored(environment, r).record.status == .complete)

            let late = [("usefulness", "1"), ("new_contacts_n", "0"), ("intent_act", "no")]
            let next = try await post(client, r.path, page: old, late)
            #expect(next.status == 303 && next.location == r.path)
            let english = try await post(client, r.path, page: old, late, action: "lang-en")
            #expect(english.status == 303)
            #expect(english.location == r.path + "?lang=en")
            let thanks = try await client.get(try #require(english.location))
            #expect(Page.title(thanks.body) == "Thank you for your answers")
            #expect(try stored(environment, r).answers["usefulness"] == .choice("4"))
        }
    }

    /// `samla round close` run by another process while a respondent is on a page the server kept
    /// the response of: the post saves nothing and the link shows the closed page.
    @Test func aRoundClosedByAnotherProcessMidWayTakesNoMorePages() async throws {
        try await onFeedbackPage { environment, client, r in
            let feedback = try await r.show().body
            _ = try SQLiteStore(path: environment.databasePath).closeRound(named: "forum-open")

            let reply = try await post(client, r.path, page: feedback, [("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "no")])
            #expect(reply.status == 303)
            let (record, answers) = try stored(environment, r)
            #expect(answers["usefulness"] == nil)
            #expect(answers["sector"] == .choice("civil"), "the pages saved before are kept")
            #expect(record.currentPage == "feedback")
            let shown = try await r.show()
            #expect(shown.status == 403 && Page.title(shown.body) == "Enkäten är stängd")
        }
    }

    /// The browser's Back button from the form's first pages leads to the start page, whose button
    /// begins another, empty response; the start page links to the one this browser began while
    /// it is not submitted.
    @Test func theStartPageOffersTheResponseThisBrowserBeganUntilItIsSubmitted() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in
            let begun = try await Respondent.startReply(client, round: "forum-open")
            let cookie = try #require(begun.headers[values: .setCookie].first { $0.hasPrefix("samla_begun=") })
            #expect(cookie.contains("Path=/s/forum-open") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Max-Age") && !cookie.contains("Expires"), "kept until the browser closes")
            let r = Respondent(client: client, path: try #require(begun.location))
            try await r.answer("Om träffen", [("node", "malmo"), ("event_type", "forum")])

            let start = try await client.get("/s/forum-open").body
            #expect(start.contains(#"<p class="begun-note">Du har redan börjat svara i den här webbläsaren. Knappen nedan börjar om med en tom enkät. <a href="\#(r.path)">Fortsätt där du slutade</a></p>"#))
            #expect(try await client.get("/s/forum-open?lang=en").body.contains(#"Continue where you left off</a>"#))
            // Another browser, and another round, are offered nothing.
            #expect(!(try await WebClient(port: client.port).get("/s/forum-open").body.contains("begun-note")))
            #expect(!(try await client.get("/s/esem-open").body.contains("begun-note")))

            try await r.answer("Om dig", [("sector", "civil")])
            try await r.answer("Vad fick du ut av träffen?", [("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "no")])
            try await r.answer("Uppföljning", [("follow_up_ok", "no")])
            #expect(!(try await client.get("/s/forum-open").body.contains("begun-note")), "a submitted response is not offered")
        }
    }
}

extension BrowserNavigationTests {
    /// A double click on "Starta enkäten" posts the start form twice, at once or back to back: one
    /// response is begun, and both posts go to its link. The start page shown again begins a new one.
    @Test func aDoubleClickOnTheStartButtonBeginsOneResponse() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let before = try StartPageTests.started(environment)
            let page = try await client.get("/s/esem-open").body
            let fields = try [
                ("samla.csrf", #require(Page.hidden("samla.csrf", in: page))), ("samla.lang", "sv"),
                ("samla.start", #require(Page.hidden("samla.start", in: page))),
            ]
            async let first = client.postForm("/s/esem-open", fields)
            async let second = client.postForm("/s/esem-open", fields)
            let (one, two) = try await (first, second)
            let third = try await client.postForm("/s/esem-open", fields)
            #expect(one.status == 303 && two.status == 303 && third.status == 303)
            let link = try #require(one.location)
            #expect(two.location == link)
            #expect(third.location == link)
            #expect(try StartPageTests.started(environment) == before + 1)

            let again = try await Respondent.start(client, round: "esem-open")
            #expect(again.path != link)
            #expect(try StartPageTests.started(environment) == before + 2)
        }
    }
}
