import Foundation
import Store
import SurveyDefinition
import Testing

/// Each page of a response has its own address, `/t/TOKEN/N`, so that the browser's own Back
/// button shows the page before: a post answers with the next page's address, an earlier page's
/// address shows it with its answers and takes its post as "back" then "next" would, and an
/// address the respondent may not open leads to the page to answer.
@Suite struct PageAddressTests {
    private func stored(_ environment: TestEnvironment, _ r: Respondent) throws -> (record: ResponseRecord, answers: [String: AnswerValue]) {
        let response = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
        return (response.record, response.answers)
    }

    /// Posts the page `shown` with its hidden fields to the address it was shown at.
    private func post(_ client: WebClient, _ shown: WebClient.Reply, _ fields: [(String, String)], action: String = "next") async throws -> WebClient.Reply {
        try await client.postForm(shown.address, [
            ("samla.csrf", try #require(Page.hidden("samla.csrf", in: shown.body))), ("samla.page", try #require(Page.hidden("samla.page", in: shown.body))),
            ("samla.lang", try #require(Page.hidden("samla.lang", in: shown.body))),
        ] + fields + [("samla.action", action)])
    }

    private func forum(_ body: @escaping @Sendable (TestEnvironment, WebClient) async throws -> Void) async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in try await body(environment, client) }
    }

    @Test func nextLeadsToTheNextPagesAddressAndAnEarlierAddressShowsThatPageWithItsAnswers() async throws {
        try await forum { environment, client in
            let r = try await Respondent.start(client, round: "forum-open")
            let link = try await client.get(r.path)
            #expect(link.status == 303 && link.location == r.path + "/1", "the link leads to the page to answer")
            let event = try await r.show()
            #expect(event.address == r.path + "/1" && Page.title(event.body) == "Om träffen")
            #expect(event.body.contains(#"action="\#(r.path)/1""#), "the form posts to its page's address")
            #expect(event.header("Cache-Control") == "no-store", "never kept: Back fetches the page again")

            let first = try await post(client, event, [("node", "malmo"), ("event_type", "forum")])
            #expect(first.status == 303 && first.location == r.path + "/2")
            #expect(first.header("Cache-Control") == "no-store")
            let participant = try await client.get(r.path + "/2")
            #expect(Page.title(participant.body) == "Om dig" && Page.progress(participant.body) == "Sida 2 av 5")
            #expect(try await post(client, participant.with(address: r.path + "/2"), [("sector", "civil")]).location == r.path + "/3")

            // The browser's Back: the earlier pages, with their answers, from their addresses.
            let back = try await client.get(r.path + "/2")
            #expect(back.status == 200 && Page.title(back.body) == "Om dig")
            #expect(Page.isChecked("sector", value: "civil", in: back.body))
            #expect(back.body.contains(#"action="\#(r.path)/2""#))
            let eventAgain = try await client.get(r.path + "/1")
            #expect(Page.isChecked("node", value: "malmo", in: eventAgain.body) && Page.isChecked("event_type", value: "forum", in: eventAgain.body))
            #expect(try stored(environment, r).record.currentPage == "feedback", "opening a page saves nothing")
            #expect(Page.title(try await r.show().body) == "Vad fick du ut av träffen?", "the link still leads to the page reached")

            // That page posted again is taken as "back" then "next" would take it: saved, and on from it.
            let changed = try await post(client, eventAgain.with(address: r.path + "/1"), [("node", "umea"), ("event_type", "coalition"), ("coalition_meeting", "1")])
            #expect(changed.status == 303 && changed.location == r.path + "/2")
            #expect(try stored(environment, r).answers["node"] == .choice("umea"))
            #expect(try stored(environment, r).record.currentPage == "participant")
            let beyond = try await client.get(r.path + "/3")
            #expect(beyond.status == 303 && beyond.location == r.path + "/2", "the page after is to be reached with Next again")

            // The form's own Back goes to the previous page's address, the language switch stays on the page's.
            let participantNow = try await r.show()
            let formBack = try await post(client, participantNow, [("sector", "civil")], action: "back")
            #expect(formBack.status == 303 && formBack.location == r.path + "/1")
            let switched = try await post(client, try await client.open(r.path + "/1"), [("node", "umea"), ("event_type", "forum")], action: "lang-en")
            #expect(switched.status == 303 && switched.location == r.path + "/1")
            #expect(Page.title(try await client.get(r.path + "/1").body) == "About the meeting")
        }
    }

    /// The finance page opened again from its address: a revenue of zero skips the income page
    /// and clears its answers, and a revenue again brings it back, empty, to be answered.
    @Test func anEarlierPagePostedAgainFromItsAddressTakesSkipLogicBothWays() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "sv"])
            try await Self.answerUpToFinance(r)
            try await r.answer("Ekonomi", [("surplus_use", "reinvest"), ("revenue_band", "5m_20m"), ("result", "break_even")])
            let income = [("inc_consumers", "10"), ("inc_business", "20"), ("inc_public_contracts", "50"), ("inc_public_grants", "10"), ("inc_other", "10")]
            let incomeReply = try await r.answer("Intäkternas fördelning", income)
            #expect(incomeReply.location == r.path + "/8")

            let incomeAgain = try await client.get(r.path + "/7")
            #expect(Page.title(incomeAgain.body) == "Intäkternas fördelning" && Page.inputValue("inc_business", in: incomeAgain.body) == "20")
            let finance = try await client.open(r.path + "/6")
            #expect(Page.isChecked("revenue_band", value: "5m_20m", in: finance.body))
            let zero = try await post(client, finance, [("surplus_use", "reinvest"), ("revenue_band", "zero"), ("result", "break_even")])
            #expect(zero.status == 303 && zero.location == r.path + "/8", "the income page is skipped")
            var (record, answers) = try stored(environment, r)
            #expect(record.currentPage == "financing")
            #expect(answers["revenue_band"] == .choice("zero") && answers["inc_business"] == nil && answers["inc_other"] == nil)
            let skipped = try await client.get(r.path + "/7")
            #expect(skipped.status == 303 && skipped.location == r.path + "/8", "a page not shown now leads to the page to answer")

            let revenue = try await post(client, try await client.open(r.path + "/6"), [("surplus_use", "reinvest"), ("revenue_band", "5m_20m"), ("result", "break_even")])
            #expect(revenue.status == 303 && revenue.location == r.path + "/7", "the income page is asked again")
            let empty = try await client.get(r.path + "/7")
            #expect(empty.status == 200 && Page.inputValue("inc_business", in: empty.body) == "")
            let ahead = try await client.get(r.path + "/8")
            #expect(ahead.status == 303 && ahead.location == r.path + "/7", "the pages after it wait for its answers")
            let unanswered = try await post(client, empty.with(address: r.path + "/7"), [])
            #expect(unanswered.status == 422, "an earlier page posted again is checked as on the way forward")
            #expect(try await post(client, empty.with(address: r.path + "/7"), income).location == r.path + "/8")
            (record, answers) = try stored(environment, r)
            #expect(record.currentPage == "financing" && answers["inc_business"] == .integer(20))
        }
    }

    @Test func anAddressNotToBeOpenedLeadsToThePageToAnswer() async throws {
        try await forum { environment, client in
            let r = try await Respondent.start(client, round: "forum-open")
            try await r.answer("Om träffen", [("node", "malmo"), ("event_type", "forum")])
            let here = r.path + "/2"
            for page in ["3", "5", "6", "0", "01", "+2", "2.0", "-1", "abc", "99999999999999999999", "2%20"] {
                let reply = try await client.get(r.path + "/" + page)
                #expect(reply.status == 303 && reply.location == here, "/\(page)")
                #expect(reply.body.isEmpty, "/\(page)")
            }
            #expect(try await client.get(r.path + "/abc?lang=en").location == here + "?lang=en")
            #expect(try await client.get(r.path + "/9?lang=xx").location == here)
            #expect(Page.language(try await client.open(r.path + "/1?lang=en").body) == "en")
            // The link resumes there from another browser too; a deeper path is no page.
            let elsewhere = try await WebClient(port: client.port).open(r.path)
            #expect(elsewhere.address == here && Page.title(elsewhere.body) == "Om dig")
            #expect(try await client.get(here + "/x").status == 404)
            #expect(try await client.get("/t/" + InvitationToken.random().text + "/2").status == 404)
            #expect(try stored(environment, r).record.currentPage == "participant", "no address moved the respondent")

            // A personal link not yet begun: its first page, and only that.
            let token = try environment.invite(1)[0].text
            #expect(try await client.get("/t/\(token)").location == "/t/\(token)/1")
            #expect(try await client.get("/t/\(token)/2").location == "/t/\(token)/1")
            #expect(Page.title(try await client.get("/t/\(token)/1").body) == "Välkommen")
        }
    }

    @Test func aPostToAPageAddressIsCheckedAsAnyPost() async throws {
        try await forum { environment, client in
            let r = try await Respondent.start(client, round: "forum-open")
            try await r.answer("Om träffen", [("node", "malmo"), ("event_type", "forum")])
            let event = try await client.get(r.path + "/1")
            let forged = try await client.postForm(r.path + "/1", [("samla.csrf", "x"), ("samla.page", "event"), ("node", "lulea"), ("event_type", "forum")])
            #expect(forged.status == 403)
            // The address's number is not the page posted: the form's page is.
            let elsewhere = try await post(client, event.with(address: r.path + "/abc"), [("node", "lulea"), ("event_type", "forum")])
            #expect(elsewhere.status == 303 && elsewhere.location == r.path + "/2")
            #expect(try stored(environment, r).answers["node"] == .choice("lulea"))
        }
    }

    @Test func afterSubmissionEveryAddressShowsTheThankYouPageAndAClosedRoundItsPage() async throws {
        try await forum { environment, client in
            let r = try await Respondent.start(client, round: "forum-open")
            try await r.answer("Om träffen", [("node", "malmo"), ("event_type", "forum")])
            try await r.answer("Om dig", [("sector", "civil")])
            let pending = try await Respondent.start(client, round: "forum-open")
            try await r.answer("Vad fick du ut av träffen?", [("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "no")])
            let submitted = try await r.answer("Uppföljning", [("follow_up_ok", "no")])
            #expect(submitted.location == r.path)
            for path in [r.path, r.path + "/1", r.path + "/4", r.path + "/5", r.path + "/9", r.path + "/abc"] {
                let reply = try await client.get(path)
                #expect(reply.status == 200 && Page.title(reply.body) == "Tack för dina svar", "\(path)")
                #expect(!reply.body.contains("<form"), "\(path)")
            }
            #expect(Page.title(try await client.get(r.path + "/2?lang=en").body) == "Thank you for your answers")

            _ = try environment.store.closeRound(named: "forum-open")
            for path in [pending.path, pending.path + "/1", pending.path + "/3"] {
                let reply = try await client.get(path)
                #expect(reply.status == 403 && Page.title(reply.body) == "Enkäten är stängd", "\(path)")
            }
        }
    }

    /// A page's address is logged as `/t/[token]/N`, and a token with a page written on to it
    /// otherwise (`;2`, an encoded slash, a doubled slash before it) is masked as well.
    @Test func aPageAddressIsLoggedWithoutItsToken() async throws {
        let environment = try TestEnvironment()
        let visited = Visited()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open")
            visited.set(r.token)
            try await RawConnection.expectGets([
                ("\(r.path)/1", 200), ("\(r.path)/2", 303), ("/\(r.path)/1", 200), ("\(r.path);2", 404), ("/\(r.path);2", 404),
                ("\(r.path)%2F2", 404), ("/\(r.path)%2F2", 404), ("\(r.path)2", 404), ("/admin/x\(r.token)", 404),
            ], port: client.port)
        }
        let token = try #require(visited.value)
        let lines = environment.logs.lines.filter { $0.contains("\"message\":\"request\"") }
        #expect(lines.count == 11)
        #expect(!environment.logs.lines.joined().contains(token.prefix(20)), "\(environment.logs.lines)")
        for path in ["/t/[token]/1", "/t/[token]/2", "//t/[token]/1", "/t/[token]", "//t/[token]", "/admin/[token]"] {
            #expect(lines.contains { $0.contains(#""path":"\#(path)""#) }, "\(path)")
        }
    }
}

extension PageAddressTests {
    /// Answers the ESEM survey's first five pages, up to its finance page (the sixth).
    static func answerUpToFinance(_ r: Respondent) async throws {
        try await r.answer("Välkommen", [("consent", "yes")])
        try await r.answer("Om dig och organisationens prioriteringar", [("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "4"), ("prio_imp", "9")])
        try await r.answer("Om organisationen", [
            ("legal_form", "ekonomisk_forening"), ("year_founded", "2012"), ("stage", "established"), ("region", "M"),
            ("scope", "local"), ("sector", "Q"), ("sdg", "3"), ("novelty", "regional"), ("tech_role", "supporting"), ("customers", "public"),
        ])
        try await r.answer("Målgrupper och samhällsnytta", [("target_any", "yes"), ("target_groups", "migrants"), ("impact_model", "employment")])
        try await r.answer("Personal och ledning", [
            ("fte", "12,5"), ("fte_women", "7"), ("fte_target", "5"), ("volunteers", "3"), ("mgmt_n", "4"), ("mgmt_women", "2"),
            ("founder_gender", "woman"), ("voice_staff", "4"), ("voice_benef", "3"),
        ])
    }
}

extension WebClient.Reply {
    /// The reply as if it had answered `address`, for posting its form back there.
    func with(address: String) -> WebClient.Reply {
        var reply = self
        reply.address = address
        return reply
    }
}
