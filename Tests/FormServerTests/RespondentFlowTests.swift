import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing

/// The respondent's path through the shipped ESEM survey on a real server over HTTP.
@Suite struct RespondentFlowTests {
    @Test func swedishResponseThroughEveryPageWithCorrections() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let started = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "sv-SE,sv;q=0.9,en;q=0.8"])
            let r = Respondent(client: client, path: started.path)

            let welcome = try await r.show()
            #expect(Page.language(welcome.body) == "sv")
            #expect(Page.title(welcome.body) == "Välkommen")
            #expect(Page.progress(welcome.body) == "Sida 1 av 14")
            try await r.answer("Välkommen", [("consent", "yes")])

            // Invalid answers are refused with the message next to the field and a summary linking to it.
            let refused = try await r.post([("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "11"), ("prio_imp", "nio")])
            #expect(refused.status == 422)
            #expect(Respondent.errors(refused.body) == [
                "q-prio_fin Hur viktig är ekonomisk avkastning när organisationen fattar strategiska beslut? Ange ett heltal från 0 till 10.",
                "q-prio_imp Hur viktig är social eller miljömässig nytta när organisationen fattar strategiska beslut? ”nio” är inte ett heltal: skriv det med siffror, t.ex. 7.",
            ])
            #expect(refused.body.contains(#"<p class="error-message" id="e-prio_fin"><span class="visually-hidden">Fel: </span>Ange ett heltal från 0 till 10.</p>"#))
            #expect(refused.body.contains(#"aria-describedby="h-prio_fin e-prio_fin" aria-invalid="true""#))
            #expect(Page.inputValue("prio_imp", in: refused.body) == "nio", "what was typed is shown again")
            #expect(Page.isChecked("resp_role", value: "ceo", in: refused.body))
            // Nothing of a refused page is saved.
            #expect(try Page.title(await r.show().body) == "Om dig och organisationens prioriteringar")
            try await r.answer("Om dig och organisationens prioriteringar",
                               [("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "4"), ("prio_imp", "9")])

            // registered = yes: the legal form is asked.
            let organisation = try await r.show()
            #expect(organisation.body.contains(#"id="q-legal_form""#))
            #expect(Page.progress(organisation.body) == "Sida 3 av 14")
            try await r.answer("Om organisationen", [
                ("legal_form", "ekonomisk_forening"), ("year_founded", "2012"), ("stage", "established"), ("region", "M"),
                ("scope", "local"), ("scope", "regional"), ("sector", "Q"), ("sdg", "3"), ("sdg", "8"), ("novelty", "regional"),
                ("tech_role", "supporting"), ("customers", "public"),
            ])
            try await r.answer("Målgrupper och samhällsnytta",
                               [("target_any", "yes"), ("target_groups", "migrants"), ("target_groups", "long_term_unemployed"), ("impact_model", "employment")])
            let people = try await r.show()
            #expect(people.body.contains(#"<th scope="col">I mycket stor grad</th>"#), "the matrix has column headers")
            #expect(people.body.contains(#"<th scope="row" id="r-voice_staff">Anställda</th>"#), "and row headers")
            try await r.answer("Personal och ledning", [
                ("fte", "12,5"), ("fte_women", "7"), ("fte_target", "5"), ("volunteers", "3"), ("mgmt_n", "4"), ("mgmt_women", "2"),
                ("founder_gender", "woman"), ("voice_staff", "4"), ("voice_benef", "3"),
            ])
            try await r.answer("Ekonomi", [("surplus_use", "reinvest"), ("revenue_band", "5m_20m"), ("result", "break_even")])
            // The income page is shown (revenue is not zero); shares that do not add up to 100 are refused.
            let badSum = try await r.post([("inc_consumers", "10"), ("inc_business", "20"), ("inc_public_contracts", "50"), ("inc_other", "30")])
            #expect(badSum.status == 422)
            #expect(Respondent.errors(badSum.body).first?.hasPrefix("q-inc_other Andra intäkter: Alla andelar på sidan ska tillsammans bli exakt 100.") == true)
            try await r.answer("Intäkternas fördelning", [
                ("inc_consumers", "10"), ("inc_business", "20"), ("inc_public_contracts", "50"), ("inc_public_grants", "10"), ("inc_other", "10"),
            ])
            // fin_sought = no: what finance was received is not asked, and an answer given anyway is not kept.
            try await r.answer("Finansiering", [("fin_sought", "no"), ("ext_fin", "bank"), ("fin_need", "growth")])
            try await r.answer("Att mäta samhällsnytta", [("imm_status", "yes"), ("sdg_report", "no")])
            try await r.answer("Hur organisationen mäter samhällsnytta", [("imm_purpose", "improve"), ("imm_method", "toc")])
            try await r.answer("Förutsättningar och stöd", [
                ("barriers", "finance_start"), ("barriers", "procurement"), ("pol_support", "2"), ("eco_score", "60"),
                ("policy_wish", "procurement"), ("support_used", "coompanion"), ("collab", "public"), ("collab", "academia"),
            ])
            try await r.answer("Framåt", [("staff_exp", "up"), ("growth_path", "partnerships"), ("msi_contact", "forum"), ("recontact", "yes")])
            try await r.answer("Kontaktuppgifter", [
                ("org_name", "Kooperativet <b>Framsteg</b>"), ("org_number", "802012-3456"), ("contact_name", "Anna"), ("contact_email", "anna@example.se"),
            ])
            let closing = try await r.show()
            #expect(closing.body.contains(">Skicka in</button>"))
            try await r.answer("Avslutning", [("comments", "<script>alert('x')</script> & tack")])

            let thanks = try await r.show()
            #expect(Page.title(thanks.body) == "Tack för dina svar")
            #expect(!thanks.body.contains("<form"))

            let record = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(record.record.status == .complete)
            #expect(record.record.language == "sv")
            #expect(record.answers["fte"] == .decimal(12.5))
            #expect(record.answers["sdg"] == .choices(["3", "8"]))
            #expect(record.answers["voice_staff"] == .choice("4"))
            #expect(record.answers["collab_k"] == .integer(2), "the calculation is stored")
            #expect(record.answers["size_class"] == .text("small"))
            #expect(record.answers["ext_fin"] == nil, "not relevant, so not stored")
            #expect(record.answers["comments"] == .text("<script>alert('x')</script> & tack"))

            // A submitted response takes no more posts.
            let late = try await client.postForm(r.path, [("samla.csrf", Page.hidden("samla.csrf", in: closing.body)!), ("samla.page", "closing"), ("comments", "x")])
            #expect(late.status == 303)
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers["comments"] == .text("<script>alert('x')</script> & tack"))
        }
    }

    @Test func englishResponseFromAPersonalLinkWithResume() async throws {
        let environment = try TestEnvironment()
        let token = try environment.invite(1)[0]
        try await environment.withServer { client in
            let r = Respondent(client: client, path: "/t/" + token.text, headers: ["Accept-Language": "en-GB,en;q=0.9"])
            let first = try await r.show()
            #expect(Page.language(first.body) == "en")
            #expect(try environment.store.invitations(round: "esem-invited")[0].responseID == nil, "opening the link begins nothing")
            try await r.answer("Welcome", [("consent", "yes")])
            #expect(try environment.store.invitations(round: "esem-invited")[0].responseID != nil, "the first page begins the response")
            try await r.answer("About you and your organisation's priorities", [
                ("resp_role", "other"), ("resp_role_other", "Volunteer coordinator"), ("registered", "no"), ("prio_fin", "2"), ("prio_imp", "10"),
            ])
            // registered = no: no legal form.
            let organisation = try await r.show()
            #expect(!organisation.body.contains(#"id="q-legal_form""#))
            try await r.answer("About the organisation", [
                ("year_founded", "2020"), ("stage", "startup"), ("region", "AC"), ("sector", "P"), ("sdg", "4"),
            ])
            try await r.answer("Target groups and social impact", [("target_any", "no")])
            try await r.answer("Staff and leadership", [("fte", "0"), ("volunteers", "12"), ("mgmt_n", "0")])

            // Resume: a new visit to the link continues on the next page, in English, with answers kept.
            let resumed = try await WebClient(port: client.port).open(r.path)
            #expect(Page.title(resumed.body) == "Finances")
            #expect(Page.language(resumed.body) == "en")
            let back = try await r.post([], action: "back")
            #expect(back.status == 303)
            let people = try await r.show()
            #expect(Page.title(people.body) == "Staff and leadership")
            #expect(Page.inputValue("volunteers", in: people.body) == "12")
            try await r.answer("Staff and leadership", [("fte", "0"), ("volunteers", "12"), ("mgmt_n", "0")])

            // revenue zero: the income page is skipped.
            try await r.answer("Finances", [("revenue_band", "zero")])
            let financing = try await r.show()
            #expect(Page.title(financing.body) == "Financing")
            let missing = try await r.post([("fin_sought", "yes")])
            #expect(missing.status == 422)
            #expect(Respondent.errors(missing.body) == [
                "q-ext_fin What external finance has your organisation received in the last 12 months? Answer this question.",
            ])
            try await r.answer("Financing", [("fin_sought", "yes"), ("ext_fin", "public"), ("ext_fin", "foundations"), ("fin_met", "50")])
            // imm_status = no: the page on how impact is measured is skipped.
            try await r.answer("Measuring impact", [("imm_status", "no")])
            try await r.answer("Conditions and support", [("pol_support", "3"), ("support_used", "none"), ("collab", "none")])
            // recontact = no: no contact page.
            try await r.answer("Looking ahead", [("recontact", "no")])
            try await r.answer("Final words", [])
            #expect(try Page.title(await r.show().body) == "Thank you for your answers")

            let response = try #require(try environment.store.linkTarget(tokenHash: token.hash)?.response)
            #expect(response.record.status == .complete)
            #expect(response.record.language == "en")
            #expect(response.record.invitationID != nil)
            #expect(response.answers["resp_role_other"] == .text("Volunteer coordinator"))
            #expect(response.answers["legal_form"] == nil)
            #expect(response.answers["ext_fin"] == .choices(["public", "foundations"]))
            #expect(response.answers["inc_consumers"] == nil)
            #expect(response.answers["contact_email"] == nil)
        }
    }

    @Test func languageSwitchMidWayKeepsTheAnswersAndBackClearsSkippedOnes() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open")
            try await r.answer("Välkommen", [("consent", "yes")])
            try await r.answer("Om dig och organisationens prioriteringar", [("resp_role", "founder"), ("registered", "yes"), ("prio_fin", "5"), ("prio_imp", "5")])
            try await r.answer("Om organisationen", [
                ("legal_form", "ab"), ("year_founded", "2019"), ("stage", "growth"), ("region", "AB"), ("sector", "J"), ("sdg", "9"),
            ])
            try await r.answer("Målgrupper och samhällsnytta", [("target_any", "yes"), ("target_groups", "disability")])
            // On the next page, some answers typed, then English chosen: the valid ones are kept, and
            // the page comes back in English with the one it could not keep still typed and its problem.
            let switched = try await r.post([("fte", "3,5"), ("volunteers", "many")], action: "lang-en")
            #expect(switched.status == 422)
            #expect(Page.language(switched.body) == "en")
            #expect(Page.title(switched.body) == "Staff and leadership")
            #expect(Page.inputValue("volunteers", in: switched.body) == "many")
            #expect(Respondent.errors(switched.body) == [
                "q-volunteers How many volunteers take part in your organisation's work regularly? “many” is not a whole number: write it in digits, e.g. 7.",
            ], "only the typed answer it could not keep, not the required questions not answered yet")
            let english = try await r.show()
            #expect(Page.language(english.body) == "en")
            #expect(Page.title(english.body) == "Staff and leadership")
            #expect(Page.inputValue("fte", in: english.body) == "3.5")
            #expect(try await r.post([("fte", "3.5")], action: "lang-sv").status == 303)
            #expect(Page.inputValue("fte", in: try await r.show().body) == "3,5", "a decimal as Swedish writes it")
            #expect(try await r.post([("fte", "3,5")], action: "lang-en").status == 303)
            #expect(Page.inputValue("volunteers", in: english.body) == "", "an answer that is not valid is not kept")
            #expect(english.body.contains(#"<button type="submit" name="samla.action" value="lang-sv" class="secondary" lang="sv">Svenska</button>"#))
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.record.language == "en")

            // "Back" with an answer the page refuses stays on the page and shows it again with its
            // problem and why the page is shown again; the valid answers are saved.
            let stayed = try await r.post([("fte", "4"), ("volunteers", "many")], action: "back")
            #expect(stayed.status == 422)
            #expect(Page.title(stayed.body) == "Staff and leadership")
            #expect(Page.inputValue("volunteers", in: stayed.body) == "many")
            #expect(Respondent.errors(stayed.body) == [
                "q-volunteers How many volunteers take part in your organisation's work regularly? “many” is not a whole number: write it in digits, e.g. 7.",
            ])
            #expect(stayed.body.contains("<p>This page is shown again because an answer on it could not be saved. Correct the answer or empty the field, then choose Back again.</p>"))
            let afterStay = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(afterStay.answers["fte"] == .decimal(4))
            #expect(afterStay.record.currentPage == "people")

            // Back to the previous page, where the target groups are withdrawn: the stored groups are cleared.
            #expect(try await r.post([("fte", "3.5")], action: "back").status == 303)
            try await r.answer("Target groups and social impact", [("target_any", "no"), ("target_groups", "disability")])
            let stored = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(stored.answers["target_any"] == .choice("no"))
            #expect(stored.answers["target_groups"] == nil)
            #expect(stored.answers["fte"] == .decimal(3.5))
            #expect(stored.record.currentPage == "people")

            // A whole page skipped on the way back: the income page's stored answers are cleared
            // in the database when the revenue that asked for it becomes zero.
            try await r.answer("Staff and leadership", [("fte", "3.5"), ("volunteers", "2"), ("mgmt_n", "0")])
            try await r.answer("Finances", [("revenue_band", "5m_20m")])
            let income = [("inc_consumers", "10"), ("inc_business", "20"), ("inc_public_contracts", "50"), ("inc_public_grants", "10"), ("inc_other", "10")]
            try await r.answer("Where your income comes from", income)
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers["inc_business"] == .integer(20))
            #expect(try await r.post([], action: "back").status == 303)
            #expect(try await r.post(income, action: "back").status == 303)
            try await r.answer("Finances", [("revenue_band", "zero")])
            let financing = try await r.show()
            #expect(Page.title(financing.body) == "Financing")
            #expect(Page.progress(financing.body) == "Page 7 of 13", "the income page is no longer counted")
            let skipped = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(skipped.answers["revenue_band"] == .choice("zero"))
            for (name, _) in income {
                #expect(skipped.answers[name] == nil, "\(name) is on a page no longer shown")
            }
            #expect(skipped.record.currentPage == "financing")
        }
    }

    @Test func aChoiceFilterOnAnAnswerOfTheSamePageOffersEveryChoiceAndChecksThePost() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("platform-open", survey: "platform-inventory.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "platform-open")
            try await r.answer("Om plattformen", [
                ("platform_name", "Mötesplats Malmö"), ("lan", "M"), ("level", "regional"), ("founding_year", "2015"), ("active", "yes"),
            ])
            // lead_sector offers the sectors ticked above it on the same page: before the post, all of them.
            let page = try await r.show().body
            #expect(Page.title(page) == "Vilka som deltar")
            for (i, sector) in ["public", "private", "civil", "academia"].enumerated() {
                #expect(page.contains(#"id="f-lead_sector-\#(i)" name="lead_sector" value="\#(sector)""#), "\(sector)")
            }
            // A lead sector that is not among those ticked is refused; one that is is saved.
            let refused = try await r.post([("sectors", "public"), ("sectors", "civil"), ("lead_sector", "private"), ("members_n", "12")])
            #expect(refused.status == 422)
            #expect(Respondent.errors(refused.body).map { $0.split(separator: " ")[0] } == ["q-lead_sector"])
            try await r.answer("Vilka som deltar", [("sectors", "public"), ("sectors", "civil"), ("lead_sector", "civil"), ("members_n", "12")])
            let stored = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(stored.answers["lead_sector"] == .choice("civil"))
        }
    }

    /// The Samverkansforum example as a respondent meets it: a city the region rules out reads
    /// without codes, and a text typed under "Annat" without choosing it comes back with its
    /// problem, kept in its field, on "next" and across a language switch (it was dropped unseen).
    @Test func samverkansforumRefusesWhatItCannotKeepAndSaysSoInWords() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("sf-open", survey: "samverkansforum.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "sf-open", headers: ["Accept-Language": "sv"])
            let city = try await r.post([("event_date", "2026-01-10"), ("region", "north"), ("venue", "malmo")])
            #expect(city.status == 422)
            #expect(Respondent.errors(city.body) == [
                "q-venue I vilken stad? Det här alternativet passar inte ihop med dina andra svar: välj ett annat, eller ändra de svaren.",
            ])
            try await r.answer("Om forumet", [("event_date", "2026-01-10"), ("region", "south"), ("venue", "malmo")])
            let other = [("org_type", "university"), ("reasons", "network"), ("reasons_other", "Fika")]
            let refused = try await r.post(other)
            #expect(refused.status == 422)
            #expect(Respondent.errors(refused.body) == [
                "o-reasons_other Varför deltog du? – Annat, nämligen: Du har skrivit något under ”Annat” men inte valt Annat: välj Annat, eller töm textfältet.",
            ])
            #expect(Page.inputValue("reasons_other", in: refused.body) == "Fika")
            let switched = try await r.post(other, action: "lang-en")
            #expect(switched.status == 422)
            #expect(Page.language(switched.body) == "en")
            #expect(Page.inputValue("reasons_other", in: switched.body) == "Fika")
            #expect(Respondent.errors(switched.body).first?.hasSuffix("You wrote something under “Other” but did not choose Other: choose Other, or empty the text field.") == true)
            try await r.answer("About you", [("org_type", "university"), ("reasons", "network"), ("reasons", "other"), ("reasons_other", "Fika")])
            let stored = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(stored.answers["reasons_other"] == .text("Fika"))
            #expect(Page.title(try await r.show().body) == "What did the forum give you?")
            #expect(try await r.show().body.contains(#"<span class="unit" id="u-hours">hours</span>"#))
        }
    }

    @Test func aPageNoLongerShownPostedFromAnotherTabSavesNothing() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "forum-open")
            try await r.answer("Om träffen", [("node", "malmo"), ("event_type", "forum"), ("event_date", "2025-03-14")])
            try await r.answer("Om dig", [("sector", "civil"), ("gender", "woman")])
            try await r.answer("Vad fick du ut av träffen?", [
                ("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "no"), ("improve", "Längre pauser"), ("used_research", "no"),
            ])
            try await r.answer("Uppföljning", [("follow_up_ok", "yes")])
            // One tab stays on the contact page; in another, follow-up is withdrawn and the
            // respondent goes back to the feedback page, so the contact page is no longer shown.
            let staleTab = try await r.show().body
            #expect(Page.title(staleTab) == "Din e-postadress")
            #expect(try await r.post([], action: "back").status == 303)
            #expect(try await r.post([("follow_up_ok", "no")], action: "back").status == 303)
            #expect(Page.title(try await r.show().body) == "Vad fick du ut av träffen?")

            // The old tab posts its page: it is not taken as the feedback page's post, which would
            // clear that page's answers; nothing is saved and the link shows the feedback page.
            for action in ["lang-en", "back", "next"] {
                let stale = try await client.postForm(r.path, [
                    ("samla.csrf", Page.hidden("samla.csrf", in: staleTab)!), ("samla.page", "contact"), ("samla.lang", "sv"),
                    ("email", "anna@example.se"), ("samla.action", action),
                ])
                #expect(stale.status == 303, "\(action)")
                let stored = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
                #expect(stored.answers["improve"] == .text("Längre pauser"), "\(action)")
                #expect(stored.answers["used_research"] == .choice("no"), "\(action)")
                #expect(stored.answers["email"] == nil, "\(action)")
                #expect(stored.record.currentPage == "feedback", "\(action)")
                #expect(stored.record.language == "sv", "\(action)")
            }
            #expect(Page.title(try await r.show().body) == "Vad fick du ut av träffen?")
        }
    }

    @Test func closedScheduledAndUnknownRoundsGetAClearPage() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let closed = try await client.get("/s/esem-closed", headers: ["Accept-Language": "sv"])
            #expect(closed.status == 403)
            #expect(Page.language(closed.body) == "sv")
            #expect(Page.title(closed.body) == "Enkäten är stängd")
            #expect(closed.body.contains(#"<a href="/s/esem-closed?lang=en" lang="en" hreflang="en">English</a>"#))
            let closedEnglish = try await client.get("/s/esem-closed?lang=en")
            #expect(Page.language(closedEnglish.body) == "en")
            #expect(Page.title(closedEnglish.body) == "The survey is closed")

            let later = try await client.get("/s/esem-later", headers: ["Accept-Language": "en"])
            #expect(later.status == 403)
            #expect(Page.title(later.body) == "The survey has not opened yet")
            // The day it opens is written as running text writes a date, not as 2026-12-31.
            let opens = try #require(try environment.store.round(named: "esem-later")).opens
            #expect(later.body.contains("The survey opens on \(opens.inWords(language: "en")). Please use the same link then."))
            let laterSwedish = try await client.get("/s/esem-later", headers: ["Accept-Language": "sv"])
            #expect(laterSwedish.body.contains("<p>Enkäten öppnar den \(opens.inWords(language: "sv")). Använd samma länk då.</p>"))

            let unknown = try await client.get("/s/esem-nope", headers: ["Accept-Language": "en"])
            #expect(unknown.status == 404)
            #expect(Page.title(unknown.body) == "This link does not work")
            let nowhere = try await client.get("/nowhere", headers: ["Accept-Language": "sv"])
            #expect(nowhere.status == 404 && Page.title(nowhere.body) == "Sidan finns inte")
            #expect(nowhere.body.contains("<p>Sidan finns inte. Om du ska svara på en enkät, använd länken du har fått.</p>"))
            #expect(try await client.get("/t/not-a-token").status == 404)
            #expect(try await client.get("/t/" + InvitationToken.random().text).status == 404)

            let invitationOnly = try await client.get("/s/esem-invited", headers: ["Accept-Language": "en"])
            #expect(invitationOnly.status == 403)
            #expect(Page.title(invitationOnly.body) == "This survey is by invitation only")

            // A round closed while a respondent is in it: the link shows the closed page, and posts save nothing.
            let r = try await Respondent.start(client, round: "esem-open")
            try await r.answer("Välkommen", [("consent", "yes")])
            let page = try await r.show().body
            _ = try environment.store.closeRound(named: "esem-open")
            #expect(try await r.show().status == 403)
            #expect(Page.title(try await r.show().body) == "Enkäten är stängd")
            let post = try await client.postForm(r.path, [
                ("samla.csrf", Page.hidden("samla.csrf", in: page)!), ("samla.page", "respondent"), ("prio_fin", "3"), ("samla.action", "next"),
            ])
            #expect(post.status == 303)
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers["prio_fin"] == nil)
        }
    }
}
