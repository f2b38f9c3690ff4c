import Expressions
import Foundation
import Store
import Testing
@testable import FormServer

/// The admin pages in Swedish as well as English: MSI's analysts are Swedish, and the pages were
/// English only.
@Suite struct AdminLanguageTests {
    static let swedish = ["Accept-Language": "sv-SE,sv;q=0.9,en;q=0.8"]
    static let english = ["Accept-Language": "en-GB,en;q=0.9"]

    /// The language switch's link on `html` to `language`, as the browser follows it.
    static func switchLink(to language: String, in html: String) -> String? {
        Page.firstMatch(#"<a href="(/admin/language\?[^"]*)" lang="\#(language)" hreflang="\#(language)">"#, in: html).map(Page.unescape)
    }

    /// The sign-in form, its error and the notice of an ended session in Swedish; the switch on
    /// it leads back to the form with the page asked for.
    @Test func theSignInPageIsInSwedish() async throws {
        let environment = try TestEnvironment()
        let clock = MovableClock()
        try await environment.withServer(clock: clock.reading) { client in
            let form = try await client.get("/admin/login", headers: Self.swedish)
            #expect(Page.language(form.body) == "sv")
            #expect(form.body.contains("<title>Logga in – Samla administration</title>"), "\(form.body)")
            #expect(Page.title(form.body) == "Logga in")
            #expect(form.body.contains(#"<label class="question-label" for="secret">Administratörsnyckel</label>"#))
            #expect(form.body.contains(#"<button type="submit">Logga in</button>"#))
            #expect(form.body.contains(#"<nav class="language-links" aria-label="Språk">"#))
            #expect(Self.switchLink(to: "en", in: form.body) == "/admin/language?lang=en&back=/admin/login")

            let csrf = try #require(Page.hidden("csrf", in: form.body))
            let wrong = try await client.postForm("/admin/login", [("csrf", csrf), ("secret", "not the secret at all")], headers: Self.swedish)
            #expect(wrong.status == 401)
            #expect(wrong.body.contains("<title>Fel: logga in – Samla administration</title>"))
            #expect(wrong.body.contains(#"<h2 id="error-summary-title">Inloggningen misslyckades</h2>"#))
            #expect(wrong.body.contains(#"<span class="visually-hidden">Fel: </span>Administratörsnyckeln stämmer inte"#), "\(wrong.body)")

            try await signIn(client)
            clock.advance(minutes: 31)
            let ended = try await client.get("/admin/rounds/esem-open", headers: Self.swedish)
            let asked = try #require(ended.location)
            #expect(asked == "/admin/login?next=/admin/rounds/esem-open")
            let notice = try await client.get(asked, headers: Self.swedish)
            #expect(notice.body.contains("Din session avslutades efter 30\u{00A0}minuter utan användning. Logga in igen för att fortsätta."), "\(notice.body)")
            let toEnglish = try #require(Self.switchLink(to: "en", in: notice.body))
            #expect(toEnglish == "/admin/language?lang=en&back=/admin/login%3Fnext%3D/admin/rounds/esem-open")
            let switched = try await client.get(toEnglish)
            #expect(switched.status == 303 && switched.location == asked, "back to the sign-in form, with the page asked for")
            let inEnglish = try await client.get(asked, headers: Self.swedish)
            #expect(Page.language(inEnglish.body) == "en" && Page.title(inEnglish.body) == "Sign in", "the choice outweighs the browser's")
            #expect(Page.hidden("next", in: inEnglish.body) == "/admin/rounds/esem-open")
            try await signIn(client, form: asked, landing: "/admin/rounds/esem-open")
        }
    }

    /// Counts, the completion rate and the chart's text alternative written the Swedish way:
    /// `12 345` and `83 %` with no-break spaces, the days in words.
    @Test func theRoundPageIsInSwedishWithSwedishNumbers() async throws {
        let environment = try TestEnvironment()
        let submitted = try #require(Timestamp(iso: "2025-10-12T12:00:00Z"))
        try Self.insert(complete: 10_250, partial: 2_095, round: "esem-open", at: submitted, into: environment)
        try await environment.withServer { client in
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-open", headers: Self.swedish)
            #expect(page.status == 200)
            #expect(Page.language(page.body) == "sv")
            #expect(page.body.contains("<title>Omgång esem-open – Samla administration</title>"))
            #expect(page.body.contains(#"<p><a href="/admin">Alla omgångar</a></p><h1>Omgång esem-open</h1>"#), "\(page.body)")
            #expect(page.body.contains("<dt>Påbörjade</dt><dd>12\u{A0}345</dd><dt>Slutförda</dt><dd>10\u{A0}250</dd><dt>Andel slutförda</dt><dd>83\u{A0}%</dd>"))
            #expect(page.body.contains("<dt>Status</dt><dd>tar emot svar, anonym</dd>"))
            // Four columns do not fit a 320 px screen: the table scrolls in a region a keyboard can focus.
            #expect(page.body.contains(#"<h2 id="by-language">Per språk</h2><div class="table-scroll" role="region" tabindex="0" aria-labelledby="by-language"><table class="data">"#),
                    "\(page.body)")
            #expect(page.body.contains(#"<th scope="row">Svenska (sv)</th><td class="number">12\#u{A0}345</td><td class="number">10\#u{A0}250</td><td class="number">83\#u{A0}%</td>"#))
            let day = CalendarDate.today(now: submitted.date).inWords(language: "sv")
            #expect(page.body.contains(
                "<title id=\"chart-title\">Stapeldiagram över svar per dag från \(day) till \(day): 12\u{A0}345\u{A0}påbörjade och 10\u{A0}250\u{A0}slutförda totalt; tabellen nedan ger varje dag.</title>"),
                "the chart's text alternative")
            #expect(page.body.contains(#"<div class="table-scroll" role="region" tabindex="0" aria-labelledby="per-day-table"><table class="data"><caption id="per-day-table" class="visually-hidden">Svar per dag som tabell</caption>"#))
            #expect(page.body.contains(#"<th scope="col">Dag</th><th scope="col" class="number">Påbörjade</th><th scope="col" class="number">Slutförda</th>"#))
            #expect(page.body.contains(#"<h2 id="exports">Exporter</h2>"#) && page.body.contains(">för Excel (sv)</a>"))
            #expect(page.body.contains(#"hreflang="en" download="esem-open-responses-labels-en.csv"><span lang="en">English</span> (en)</a>"#),
                    "a language named in itself is marked as that language")

            let english = try await client.get("/admin/rounds/esem-open", headers: Self.english)
            #expect(english.body.contains("<dt>Started</dt><dd>12,345</dd><dt>Complete</dt><dd>10,250</dd><dt>Completion rate</dt><dd>83%</dd>"),
                    "a whole percentage written as the response rate beside it is, 39.6%: \(english.body)")
        }
    }

    /// A response's yes-or-no answer says yes or no in the admin's language beside its stored code,
    /// as a choice does, and a decimal has the language's decimal mark: the Swedish page showed a
    /// bare `1` for "Deltog du i workshoppen?" and `2.5` for the hours.
    @Test func aResponsesYesOrNoAndDecimalAnswersAreWrittenInTheAdminsLanguage() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("workshop-open", survey: "msi-workshop.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "workshop-open", headers: Self.swedish)
            try await r.answer("Om workshoppen", [("attended", "1"), ("ws_date", "2026-05-01"), ("format", "onsite"), ("city", "umea")])
            try await r.answer("Om dig", [("role", "yes"), ("hours", "2,5")])
            let id = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.record.id)
            try await signIn(client)
            let swedish = try await client.get("/admin/responses/\(id)", headers: Self.swedish).body
            #expect(swedish.contains(#"<td>Deltog du i workshoppen?</td><td class="answer-text">1 (Ja)</td>"#), "\(swedish)")
            #expect(swedish.contains(#"<td class="answer-text">2,5</td>"#), "\(swedish)")
            #expect(swedish.contains("<dt>Språk</dt><dd>Svenska (sv)</dd>"), "the respondent's language by its name, as the round page has it")
            let english = try await client.get("/admin/responses/\(id)", headers: Self.english).body
            #expect(english.contains(#"<td>Did you take part in the workshop?</td><td class="answer-text">1 (Yes)</td>"#), "\(english)")
            #expect(english.contains(#"<td class="answer-text">2.5</td>"#), "\(english)")
            #expect(english.contains(#"<dt>Language</dt><dd><span lang="sv">Svenska</span> (sv)</dd>"#), "\(english)")
        }
    }

    /// At 320 px the rounds table broke its dates at their hyphens ("2026-" above "11-29 –"), and
    /// so did the tables of days and of the latest responses: every day there is in an element of
    /// class `date`, which does not wrap, and a range may break only after its dash. Round names and
    /// survey ids broke at theirs too (`esem-` above `open`): they are of class `identifier`.
    @Test func theAdminTablesNeverBreakADayOrANameAtItsHyphens() async throws {
        let environment = try TestEnvironment()
        let submitted = try #require(Timestamp(iso: "2025-10-12T12:00:00Z"))
        try Self.insert(complete: 2, partial: 1, round: "esem-open", at: submitted, into: environment)
        #expect(Stylesheet.css.contains(".date { white-space: nowrap; }"))
        #expect(Stylesheet.css.contains(".identifier { white-space: nowrap; }"))
        try await environment.withServer { client in
            try await signIn(client)
            let rounds = try await client.get("/admin", headers: Self.swedish).body
            #expect(rounds.contains(#"<th scope="row"><a href="/admin/rounds/esem-open" class="identifier">esem-open</a></th>"#), "\(rounds)")
            #expect(rounds.contains(/<td><span class="identifier">[a-z0-9-]+<\/span> [^<]+<\/td>/), "the survey's id")
            let range = try #require(rounds.firstRange(of: /<td><span class="date">\d{4}-\d\d-\d\d<\/span> – <span class="date">\d{4}-\d\d-\d\d<\/span><\/td>/),
                                     "\(rounds)")
            #expect(!rounds[range].isEmpty)
            let round = try await client.get("/admin/rounds/esem-open", headers: Self.swedish).body
            let day = CalendarDate.today(now: submitted.date).description
            #expect(round.contains("<th scope=\"row\" class=\"date\">\(day)</th>"), "\(round)")
            #expect(round.contains(/<td class="date">\d{4}-\d\d-\d\d \d\d:\d\d<\/td>/), "the latest responses' times")
        }
    }

    /// The response rate of an invitation round, by AAPOR RR1 and RR2, with Swedish decimals: by
    /// hand, 163 / 412 = 39.56 % and (163 + 23) / 412 = 45.15 %. An anonymous round and one with no
    /// invitations say why they have none. No invitation withdrew, so there is no line of withdrawn ones.
    @Test func theRoundPageShowsTheResponseRateInBothLanguages() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            try await signIn(client)
            let before = try await client.get("/admin/rounds/esem-invited", headers: Self.swedish)
            #expect(before.body.contains("<dt>Svarsfrekvens</dt><dd>inga inbjudningar ännu: ingen svarsfrekvens</dd>"), "\(before.body)")
            let anonymous = try await client.get("/admin/rounds/esem-open", headers: Self.swedish)
            #expect(anonymous.body.contains("<dt>Svarsfrekvens</dt><dd>anonym omgång: ingen svarsfrekvens, eftersom ingen bjöds in</dd>"))
            let anonymousEnglish = try await client.get("/admin/rounds/esem-open", headers: Self.english)
            #expect(anonymousEnglish.body.contains("<dt>Response rate</dt><dd>anonymous round: no response rate, since nobody was invited</dd>"))
        }

        try Self.inviteAndRespond(environment)
        try await environment.withServer { client in
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-invited", headers: Self.swedish)
            #expect(page.body.contains(
                "<dt>Svarsfrekvens (AAPOR RR1)</dt><dd>39,6\u{A0}% (163 av 412\u{A0}inbjudna); med påbörjade svar (RR2): 45,1\u{A0}%</dd>"), "\(page.body)")
            #expect(page.body.contains("<dt>Använda inbjudningar</dt><dd>186 av 412</dd><dt>Svarsfrekvens (AAPOR RR1)</dt>"),
                    "no line of invitees who withdrew while none withdrew: \(page.body)")
            #expect(!page.body.contains("Inbjudna som dragit sig ur"))
            #expect(page.body.contains("<p>Svarsfrekvens enligt AAPOR:s Standard Definitions (10:e upplagan, 2023) med omgångens inbjudningar som urval: "))
            #expect(page.body.contains("En inbjuden utan svar räknas som behörig, om den inte har registrerats som ej behörig"))
            let english = try await client.get("/admin/rounds/esem-invited", headers: Self.english)
            #expect(english.body.contains(
                "<dt>Response rate (AAPOR RR1)</dt><dd>39.6% (163 of 412\u{A0}invited); with partial responses (RR2): 45.1%</dd>"), "\(english.body)")
            #expect(english.body.contains("An invitee without a response counts as eligible unless recorded as ineligible"))
            #expect(english.body.contains("<dt>Invitations used</dt><dd>186 of 412</dd><dt>Response rate (AAPOR RR1)</dt>"), "\(english.body)")
            #expect(!english.body.contains("Invitees who withdrew"))
        }
    }

    /// Invitations withdrawn by `samla erase --withdraw` (one with a complete response, one never
    /// used) are counted beside the invitations used, and the response rate says they count as
    /// refusals: 4 invitations, 1 partial left, so RR1 0 % and RR2 1 / 4 = 25 %.
    @Test func theRoundPageCountsWithdrawnInvitationsInBothLanguages() async throws {
        let environment = try TestEnvironment()
        let tokens = try environment.invite(4)
        let store = environment.store
        for (index, token) in tokens.prefix(2).enumerated() {
            let invitation = try #require(try store.invitation(tokenHash: token.hash))
            let response = try store.createResponse(NewResponse(round: "esem-invited", language: "sv", source: .web, invitationID: invitation.id), today: .today())
            if index == 0 { _ = try store.completeResponse(response.id) }
        }
        try store.erase(.withdrawal(.invitation(tokenHash: tokens[0].hash)))
        try store.erase(.withdrawal(.invitation(tokenHash: tokens[3].hash)))
        try await environment.withServer { client in
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-invited", headers: Self.swedish)
            #expect(page.body.contains("<dt>Använda inbjudningar</dt><dd>1 av 4</dd><dt>Inbjudna som dragit sig ur</dt>"
                + "<dd>2 av 4 (<code>samla erase <span class=\"option\">--withdraw</span></code>: svaren raderade, räknas som vägran i svarsfrekvensen)</dd>"), "\(page.body)")
            #expect(page.body.contains("<dd>0,0\u{A0}% (0 av 4\u{A0}inbjudna); med påbörjade svar (RR2): 25,0\u{A0}%; "
                + "2\u{A0}inbjudna drog sig ur (svaren raderade) och räknas som vägran</dd>"), "\(page.body)")
            let english = try await client.get("/admin/rounds/esem-invited", headers: Self.english)
            #expect(english.body.contains("<dt>Invitations used</dt><dd>1 of 4</dd><dt>Invitees who withdrew</dt>"
                + "<dd>2 of 4 (<code>samla erase <span class=\"option\">--withdraw</span></code>: answers erased, counted as refusals in the response rate)</dd>"), "\(english.body)")
            #expect(english.body.contains("<dd>0.0% (0 of 4\u{A0}invited); with partial responses (RR2): 25.0%; "
                + "2\u{A0}invitees withdrew (their answers erased) and count as refusals</dd>"), "\(english.body)")
        }
    }

    /// The dispositions recorded (`samla round dispositions`) are counted on a line of their own, and
    /// the rate adds RR3 to CON1: 4 invitations, 1 complete, 1 refused, 1 ineligible, 1 unknown, so
    /// RR1 = 1/3, e = 2/3, RR3 = 1/(2 + 2/3) = 37.5 %, COOP1 = 1/2, REF1 = 1/3, CON1 = 2/3. Before any
    /// is recorded there is no such line, and the rate stops at RR2.
    @Test func theRoundPageCountsDispositionsAndGivesTheirRatesInBothLanguages() async throws {
        let environment = try TestEnvironment()
        let tokens = try environment.invite(4)
        let store = environment.store
        let invitations = try tokens.map { try #require(try store.invitation(tokenHash: $0.hash)) }
        let response = try store.createResponse(NewResponse(round: "esem-invited", language: "sv", source: .web, invitationID: invitations[0].id), today: .today())
        _ = try store.completeResponse(response.id)
        try await environment.withServer { client in
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-invited", headers: Self.swedish)
            #expect(!page.body.contains("Inbjudna utan svar, efter utfall"), "\(page.body)")
            #expect(page.body.contains("<dd>25,0\u{A0}% (1 av 4\u{A0}inbjudna); med påbörjade svar (RR2): 25,0\u{A0}%</dd>"), "\(page.body)")
        }
        try store.setDispositions([
            DispositionChange(invitationID: invitations[1].id, disposition: .refused),
            DispositionChange(invitationID: invitations[2].id, disposition: .ineligible),
        ], round: "esem-invited")
        try await environment.withServer { client in
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-invited", headers: Self.swedish)
            #expect(page.body.contains("<dt>Inbjudna utan svar, efter utfall</dt><dd>1\u{A0}vägrade, 0\u{A0}ej nådda, 1\u{A0}ej behörig, 1\u{A0}med okänd behörighet "
                + "(registreras med <code>samla round dispositions</code>)</dd>"), "\(page.body)")
            #expect(page.body.contains("<dd>33,3\u{A0}% (1 av 3\u{A0}inbjudna; 1\u{A0}ej behörig av 4\u{A0}inbjudna räknas bort); med påbörjade svar (RR2): 33,3\u{A0}%; "
                + "RR3\u{A0}37,5\u{A0}%, RR4\u{A0}37,5\u{A0}% (e\u{A0}=\u{A0}0,667); "
                + "COOP1\u{A0}50,0\u{A0}%, REF1\u{A0}33,3\u{A0}%, CON1\u{A0}66,7\u{A0}%</dd>"), "\(page.body)")
            let english = try await client.get("/admin/rounds/esem-invited", headers: Self.english)
            #expect(english.body.contains("<dt>Invitations without a response, by disposition</dt><dd>1\u{A0}refused, 0\u{A0}not reached, 1\u{A0}ineligible, "
                + "1\u{A0}unknown eligibility (recorded with <code>samla round dispositions</code>)</dd>"), "\(english.body)")
            #expect(english.body.contains("<dd>33.3% (1 of 3\u{A0}invited; 1\u{A0}ineligible of 4\u{A0}invited left out); with partial responses (RR2): 33.3%; "
                + "RR3\u{A0}37.5%, RR4\u{A0}37.5% (e\u{A0}=\u{A0}0.667); "
                + "COOP1\u{A0}50.0%, REF1\u{A0}33.3%, CON1\u{A0}66.7%</dd>"), "\(english.body)")
            // The counts are given once, on their own line, not again in the rates.
            #expect(page.body.components(separatedBy: "1\u{A0}med okänd behörighet").count == 2, "\(page.body)")
            #expect(english.body.components(separatedBy: "1\u{A0}unknown eligibility").count == 2, "\(english.body)")
        }
    }

    /// 412 invitations to esem-invited, of which 163 complete responses and 23 partial ones.
    static func inviteAndRespond(_ environment: TestEnvironment) throws {
        let tokens = try environment.invite(412)
        let store = environment.store
        for token in tokens.prefix(163 + 23).enumerated() {
            let invitation = try #require(try store.invitation(tokenHash: token.element.hash))
            let response = try store.createResponse(NewResponse(round: "esem-invited", language: "sv", source: .web, invitationID: invitation.id), today: .today())
            if token.offset < 163 { _ = try store.completeResponse(response.id) }
        }
    }

    /// The cells of `round`'s row in the overview's table of rounds.
    static func overviewRow(_ round: String, in html: String) -> String? {
        Page.firstMatch(#"<a href="/admin/rounds/\#(round)" class="identifier">\#(round)</a></th>(.*?)</tr>"#, in: html)
    }

    /// The overview of all rounds gives each invitation round's RR1 in a column with its own
    /// header, and says in words why an anonymous round or one without invitations has none.
    @Test func theOverviewShowsEachRoundsResponseRateInBothLanguages() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            try await signIn(client)
            let before = try await client.get("/admin", headers: Self.swedish)
            #expect(Self.overviewRow("esem-invited", in: before.body)?.hasSuffix(#"<td class="number">inga inbjudningar</td>"#) == true, "\(before.body)")
            #expect(!before.body.contains("Svarsfrekvens enligt AAPOR"), "no rate, no basis")
        }
        try Self.inviteAndRespond(environment)
        try await environment.withServer { client in
            try await signIn(client)
            let swedish = try await client.get("/admin", headers: Self.swedish)
            #expect(swedish.body.contains(#"<th scope="col" class="number">Svarsfrekvens (AAPOR RR1)</th></tr></thead>"#), "\(swedish.body)")
            #expect(Self.overviewRow("esem-invited", in: swedish.body)?.hasSuffix("<td class=\"number\">39,6\u{A0}%</td>") == true, "\(swedish.body)")
            #expect(Self.overviewRow("esem-open", in: swedish.body)?.hasSuffix(#"<td class="number">anonym</td>"#) == true, "\(swedish.body)")
            #expect(swedish.body.contains("<p>Svarsfrekvens enligt AAPOR:s Standard Definitions"))
            let english = try await client.get("/admin", headers: Self.english)
            #expect(english.body.contains(#"<th scope="col" class="number">Response rate (AAPOR RR1)</th></tr></thead>"#), "\(english.body)")
            #expect(Self.overviewRow("esem-invited", in: english.body)?.hasSuffix(#"<td class="number">39.6%</td>"#) == true, "\(english.body)")
            #expect(Self.overviewRow("esem-open", in: english.body)?.hasSuffix(#"<td class="number">anonymous</td>"#) == true, "\(english.body)")
            #expect(english.body.contains("<p>Response rates by AAPOR"))
        }
    }

    /// The switch keeps the admin on the page, remembers the choice in a cookie of the admin pages
    /// only, and changes nothing but the language: it signs no one in and sets no other cookie.
    @Test func theSwitchKeepsThePageAndRemembersTheChoice() async throws {
        let environment = try TestEnvironment()
        for secure in [false, true] {
            try await environment.withServer(secureCookies: secure) { client in
                try await signIn(client)
                let page = try await client.get("/admin/rounds/esem-open?tab=1")
                #expect(Page.language(page.body) == "en")
                let link = try #require(Self.switchLink(to: "sv", in: page.body))
                #expect(link == "/admin/language?lang=sv&back=/admin/rounds/esem-open%3Ftab%3D1")
                let switched = try await client.get(link)
                #expect(switched.status == 303)
                #expect(switched.location == "/admin/rounds/esem-open?tab=1")
                let cookies = switched.headers[values: .setCookie]
                #expect(cookies.count == 1, "the language cookie only: \(cookies)")
                let cookie = try #require(cookies.first)
                #expect(cookie.hasPrefix("samla_admin_lang=sv;"))
                #expect(cookie.contains("Path=/admin") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=31536000"))
                #expect(cookie.contains("Secure") == secure, "Secure as the session cookie is: \(cookie)")
                let session = try await client.get("/admin")
                #expect(session.headers[values: .setCookie].first { $0.hasPrefix("samla_admin=") }?.contains("Secure") == secure)

                let swedish = try await client.get(try #require(switched.location), headers: Self.english)
                #expect(Page.language(swedish.body) == "sv" && Page.title(swedish.body) == "Omgång esem-open", "the choice outweighs the browser's")
                #expect(swedish.body.contains("<span>Inloggad som admin</span>") && swedish.body.contains(">Logga ut</button>"))
                #expect(Page.language(try await client.get("/admin/nowhere").body) == "sv", "error pages too")
                let back = try await client.get(try #require(Self.switchLink(to: "en", in: swedish.body)))
                #expect(back.location == "/admin/rounds/esem-open?tab=1")
                #expect(Page.language(try await client.get("/admin").body) == "en")

                let stranger = WebClient(port: client.port)
                let theirs = try await stranger.get(link)
                #expect(theirs.location == "/admin/rounds/esem-open?tab=1")
                #expect(stranger.cookie(AdminSessions.sessionCookie) == nil)
                #expect(try await stranger.get("/admin/rounds/esem-open?tab=1").location == "/admin/login?next=/admin/rounds/esem-open%3Ftab%3D1", "the switch signs no one in")
                #expect(try await stranger.postForm(link, []).status == 405, "a link, not a form's post")
            }
        }
    }

    /// Without a choice, the first of Swedish and English the browser ranks highest; else English.
    @Test func acceptLanguageChoosesWithoutAChoice() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let cases: [(String?, String)] = [
                ("sv", "sv"), ("sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7", "sv"), ("de-DE,de;q=0.9,sv;q=0.8,en;q=0.7", "sv"),
                ("en-US,en;q=0.9,sv;q=0.8", "en"), ("sv;q=0.5,en;q=0.8", "en"), ("en;q=0.2,sv;q=0.4", "sv"), ("fi,de", "en"), (nil, "en"),
            ]
            for (header, language) in cases {
                let page = try await client.get("/admin/login", headers: header.map { ["Accept-Language": $0] } ?? [:])
                #expect(Page.language(page.body) == language, "\(header ?? "no header")")
                #expect(Page.title(page.body) == (language == "sv" ? "Logga in" : "Sign in"))
            }
        }
    }

    /// The switch sends back only to a path of the admin pages, as the sign-in form's `next`
    /// does; anything else goes to the rounds. A language it does not have is refused.
    @Test func theSwitchRefusesAReturnPathOffTheAdminPages() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for back in ["//evil.example/admin", "https://evil.example/admin", "/admin//evil.example", "/admin/\\evil", "/s/esem-open",
                         "/adminx", "/admin/language?lang=en", "", "/admin/ x"] {
                let reply = try await client.get("/admin/language?lang=sv&back=" + AdminLanguage.queryValue(back))
                #expect(reply.status == 303, "\(back)")
                #expect(reply.location == "/admin", "\(back) refused")
            }
            #expect(try await client.get("/admin/language?lang=sv").location == "/admin")
            #expect(try await client.get("/admin/language?lang=sv&back=%2Fadmin%2Flogin%3Fnext%3D%2Fadmin").location == "/admin/login?next=/admin")
            let unknown = try await client.get("/admin/language?lang=de&back=%2Fadmin")
            #expect(unknown.status == 400 && unknown.headers[values: .setCookie].isEmpty)
        }
    }

    /// A partial response's current page is named by its title in the admin's language, with its
    /// id, not by the id alone (`respondent`), which is English on the Swedish pages.
    @Test func aPartialResponsesPageIsNamedByItsTitle() async throws {
        let (environment, id) = try Self.oneResponse(partial: true)
        try await environment.withServer { client in
            try await signIn(client)
            let swedish = try await client.get("/admin/responses/\(id)", headers: Self.swedish).body
            #expect(swedish.contains("<dd>Om dig och organisationens prioriteringar (respondent)</dd>"), "\(swedish)")
            let english = try await client.get("/admin/responses/\(id)", headers: Self.english).body
            #expect(english.contains("<dd>About you and your organisation&#39;s priorities (respondent)</dd>"), "\(english)")
        }
    }

    /// A response's number is written as Swedish writes a number, `nr 12` (no-break space), not
    /// with the English number sign `#12`: in the round's list of responses and on its own page.
    @Test func aResponseIsNumberedTheSwedishWay() async throws {
        let (environment, id) = try Self.oneResponse(partial: false)
        try await environment.withServer { client in
            try await signIn(client)
            let round = try await client.get("/admin/rounds/esem-open", headers: Self.swedish).body
            #expect(round.contains(#"<a href="/admin/responses/\#(id)">nr\#u{00A0}\#(id)</a>"#))
            let response = try await client.get("/admin/responses/\(id)", headers: Self.swedish).body
            #expect(Page.title(response) == "Svar nr \(id)" && !response.contains("#\(id)"))
            let english = try await client.get("/admin/responses/\(id)", headers: Self.english).body
            #expect(Page.title(english) == "Response #\(id)")
        }
    }

    /// Every text of a Swedish admin page, its `<title>`, captions, headers, labels and the
    /// chart's text alternative, is Swedish: what the English page says in the same words is
    /// only names, numbers and the words both languages share. Commands (`<code>`) and the words
    /// marked as another language (the switch's "English") are not counted.
    @Test func nothingOnASwedishAdminPageIsLeftInEnglish() async throws {
        let environment = try TestEnvironment()
        try Self.insert(complete: 3, partial: 2, round: "esem-open", at: try #require(Timestamp(iso: "2025-10-12T12:00:00Z")), into: environment)
        try await environment.withServer { client in
            let respondent = try await Respondent.start(client, round: "esem-open", headers: Self.swedish)
            #expect(try await respondent.post([("consent", "yes")]).status == 303)
            let id = try #require(try environment.store.recentResponses(round: "esem-open", limit: 1).first?.id)
            let signedOut = WebClient(port: client.port)
            try await signIn(client)
            let shared: Set<String> = [
                "Samla", "Status", "CSV", "ZIP", "Markdown", "Excel", "Euclid", "MSI", "AAPOR", "API", "api", "import", "sv", "en", "–", "#",
                "admin", "esem-open", "esem-invited", "esem-closed", "esem-later", "esem-se", "Svenska",
                // The response's page, its answer's code and a calculated value (the country, SE), as stored.
                "respondent", "welcome", "yes", "SE", "/s/esem-open",
                // Swedish words that English has too.
                "in", "per", "text", "export", "version", "%",
            ]
            let pages: [(WebClient, String)] = [
                (signedOut, "/admin/login"), (signedOut, "/admin/login?next=%2Fadmin%2Frounds%2Fesem-open"), (client, "/admin"),
                (client, "/admin/rounds/esem-open"), (client, "/admin/rounds/esem-invited"), (client, "/admin/responses/\(id)"),
                (client, "/admin/nowhere"), (client, "/admin/logout"),
            ]
            for (visitor, path) in pages {
                let sv = try await visitor.get(path, headers: Self.swedish).body
                let en = try await visitor.get(path, headers: Self.english).body
                #expect(Page.language(sv) == "sv" && Page.language(en) == "en", "\(path)")
                let left = Self.words(sv).intersection(Self.words(en)).subtracting(shared).filter { !$0.contains(where: \.isNumber) }
                #expect(left.isEmpty, "\(path) says in English: \(left.sorted())")
            }
        }
        try await environment.withServer(admin: false) { client in
            let sv = try await client.get("/admin", headers: Self.swedish)
            let en = try await client.get("/admin", headers: Self.english)
            #expect(sv.status == 503 && Page.title(sv.body) == "Administrationssidorna är avstängda")
            #expect(Self.words(sv.body).intersection(Self.words(en.body)).subtracting(["Samla", "–"]).isEmpty)
        }
    }

    /// The words a reader meets on `html`: its text and the accessible names in attributes,
    /// without `<code>` and without what is marked as another language than the page's.
    static func words(_ html: String) -> Set<String> {
        let page = Page.language(html) ?? ""
        var text = html
        for pattern in [#"<code>.*?</code>"#, #"<(a|span)[^>]* lang="(?!\#(page)")[^"]*"[^>]*>.*?</\1>"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let named = text.matches(of: /(?:aria-label|alt|placeholder|title)="([^"]*)"/).map { String($0.output.1) }
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        let punctuation = CharacterSet(charactersIn: ".,;:!?()“”\"'")
        return Set((named + [Page.unescape(text)]).flatMap { $0.split(whereSeparator: \.isWhitespace) }
            .map { $0.trimmingCharacters(in: punctuation) }.filter { !$0.isEmpty })
    }

    /// A server's environment with one Swedish response to `esem-open`, partial or complete, and its id.
    static func oneResponse(partial: Bool) throws -> (TestEnvironment, Int64) {
        let environment = try TestEnvironment()
        try insert(complete: partial ? 0 : 1, partial: partial ? 1 : 0, round: "esem-open", at: try #require(Timestamp(iso: "2025-10-12T12:00:00Z")), into: environment)
        return (environment, try #require(try environment.store.recentResponses(round: "esem-open", limit: 1).first?.id))
    }

    /// Stores `complete` complete and `partial` partial responses to `round`, submitted (or last
    /// saved) at `time`, in Swedish.
    static func insert(complete: Int, partial: Int, round: String, at time: Timestamp, into environment: TestEnvironment) throws {
        let variables = environment.document.survey.variables.count
        try environment.store.insertCompleteResponses(round: round, document: environment.document, source: .import) { inserter in
            for number in 0..<(complete + partial) {
                let info = number < complete
                    ? ImportedResponseInfo(language: "sv", submittedAt: time)
                    : ImportedResponseInfo(language: "sv", submittedAt: time, status: .partial, currentPage: "respondent")
                _ = try inserter.insert(Array(repeating: nil, count: variables), info: info)
            }
        }
    }
}
