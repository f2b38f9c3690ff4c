import Expressions
import Foundation
import Responses
import Store
import SurveyDefinition
import Testing
@testable import FormServer

/// The form's script on the pages: loaded only by a page with a condition it can evaluate, the
/// condition in `data-relevant` on that question alone, the note and "(required)" it toggles, and
/// the Content-Security-Policy that lets the form (and nothing else) load it.
@Suite struct LiveConditionPageTests {
    static func condition(of question: String, in html: String) -> String? {
        Page.firstMatch(#"id="q-\#(question)" data-relevant="([^"]*)""#, in: html).map(Page.unescape)
    }

    static let script = #"<script src="\#(FormScript.path)" defer></script>"#

    @Test func aPageWithSamePageConditionsCarriesThemAndTheScript() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "sv"])
            let welcome = try await r.show()
            // A note that applies only when consent is "no": hidden, for the script to show.
            #expect(welcome.body.contains(Self.script))
            #expect(welcome.body.contains(#"<div class="note" id="q-no_consent_thanks" data-relevant="[&quot;=&quot;,[&quot;field&quot;,&quot;consent&quot;,&quot;choice&quot;],[&quot;str&quot;,&quot;no&quot;]]" hidden>"#))
            #expect(welcome.header("Content-Security-Policy")
                == "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
            try await r.answer("Välkommen", [("consent", "yes")])
            #expect(!(try await r.show()).body.contains("<script"), "a page without same-page conditions loads no script")
            try await r.answer("Om dig och organisationens prioriteringar",
                               [("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "4"), ("prio_imp", "9")])
            try await r.answer("Om organisationen", [
                ("legal_form", "ekonomisk_forening"), ("year_founded", "2012"), ("stage", "established"), ("region", "M"),
                ("scope", "local"), ("sector", "Q"), ("sdg", "3"), ("novelty", "regional"), ("tech_role", "supporting"), ("customers", "public"),
            ])
            try await r.answer("Målgrupper och samhällsnytta", [("target_any", "yes"), ("target_groups", "migrants")])
            let people = try await r.show().body
            #expect(people.contains(Self.script))
            #expect(Self.condition(of: "fte_women", in: people) == #"[">",["field","fte","decimal"],["num",0]]"#)
            // target_any is on an earlier page: its answer is in the condition.
            #expect(Self.condition(of: "fte_target", in: people)
                == #"["and",[">",["field","fte","decimal"],["num",0]],["=",["str","yes"],["str","yes"]]]"#)
            #expect(Self.condition(of: "mgmt_women", in: people) == #"[">",["field","mgmt_n","integer"],["num",0]]"#)
            for question in ["fte", "volunteers", "mgmt_n", "founder_gender", "voice"] {
                #expect(people.contains(#"id="q-\#(question)">"#), "\(question) has no condition")
            }
            // The note is a paragraph of its own, which the script hides while the question applies;
            // "(required)" is there, hidden, for the script to show then.
            #expect(people.contains(#"<p class="hint" id="n-mgmt_women" data-conditional-note>Svara bara om frågan gäller dig utifrån dina svar ovan.</p>"#))
            #expect(people.contains(#"aria-describedby="u-mgmt_women n-mgmt_women""#))
            #expect(people.contains(#"<span class="required" hidden data-required-when-shown>(obligatorisk)</span>"#))
            #expect(!people.contains(#"id="f-mgmt_women" name="mgmt_women" value="" inputmode="numeric" class="narrow" autocomplete="off" required"#))

            // A question the answers so far make relevant carries its condition too, without the note.
            let refused = try await r.post([("fte", "2"), ("mgmt_n", "3"), ("mgmt_women", "4")])
            #expect(refused.status == 422)
            #expect(Self.condition(of: "mgmt_women", in: refused.body) == #"[">",["field","mgmt_n","integer"],["num",0]]"#)
            #expect(!refused.body.contains("n-mgmt_women"))
            #expect(refused.body.contains(#"<div class="question has-error" id="q-mgmt_women" data-relevant="#))
        }
    }

    @Test func aConditionTheBrowserCannotEvaluateIsNotSent() throws {
        // follow_up_plan reads ${networked}, a calculation of its own page: the form keeps the note.
        let loaded = SurveyLoader.load(contentsOf: TestEnvironment.repository.appendingPathComponent("surveys/samverkansforum.yaml").path)
        let survey = try #require(loaded.document?.survey)
        let validator = try ResponseValidator(survey: survey)
        let page = try #require(survey.pages.firstIndex { $0.questions.contains { $0.name == "follow_up_plan" } })
        let html = FormPageView(
            validator: validator, sheet: validator.makeSheet(), page: page, values: [:], problems: [], language: "sv",
            action: "/t/x", csrfToken: "c", describesSurvey: false, maximumBodyBytes: 128 * 1024
        ).render()
        #expect(html.contains(#"<div class="question" id="q-follow_up_plan">"#))
        #expect(html.contains(#"id="h-follow_up_plan">Svara bara om frågan gäller dig utifrån dina svar ovan.</p>"#))
        #expect(!html.contains("data-relevant"))
        #expect(!html.contains("<script"))
    }

    @Test func onlyTheFormMayRunTheScriptAndItIsServedAsAFile() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let plain = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            for path in ["/s/esem-open", FormScript.path, "/admin/login", "/nowhere"] {
                #expect(try await client.get(path).header("Content-Security-Policy") == plain, "\(path)")
            }
            let unknown = try await client.get("/t/" + InvitationToken.random().text)
            #expect(unknown.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(unknown.header("Content-Security-Policy")?.contains("unsafe") == false)
            let script = try await client.get(FormScript.path)
            #expect(script.status == 200)
            #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
            #expect(script.header("Cache-Control") == "public, max-age=31536000, immutable")
            #expect(script.body == FormScript.javaScript)
            #expect(!script.body.contains("eval(") && !script.body.contains("Function("), "the policy allows neither")
        }
    }

    /// The stylesheet and the script are named by a hash of their content, so that a browser never
    /// runs a copy it kept of an older version: the script was `/assets/form-v1.js`, cached for a
    /// day whatever changed in it (it read `1,000` as 1 after the server began to ask about it), and
    /// the stylesheet `/assets/samla.css`, cached for an hour.
    @Test func theAssetsAreNamedByTheirContentAndKeptForAYear() async throws {
        #expect(Page.firstMatch(#"^(/assets/form-[0-9a-f]{10}\.js)$"#, in: FormScript.path) == FormScript.path)
        #expect(Page.firstMatch(#"^(/assets/samla-[0-9a-f]{10}\.css)$"#, in: Stylesheet.path) == Stylesheet.path)
        let changed = StaticAsset(stem: "form", extension: "js", contentType: "text/javascript", content: FormScript.javaScript + "\n")
        #expect(changed.path != FormScript.path, "another content, another name")
        #expect(StaticAsset(stem: "form", extension: "js", contentType: "text/javascript", content: FormScript.javaScript).path == FormScript.path)
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for (asset, type) in [(Stylesheet.asset, "text/css; charset=utf-8"), (FormScript.asset, "text/javascript; charset=utf-8")] {
                let served = try await client.get(asset.path)
                #expect(served.status == 200)
                #expect(served.header("Content-Type") == type)
                #expect(served.header("Cache-Control") == "public, max-age=31536000, immutable")
                #expect(served.body == asset.content)
            }
            for old in ["/assets/form-v1.js", "/assets/samla.css"] {
                #expect(try await client.get(old).status == 404, "\(old)")
            }
            let page = try await Respondent.start(client, round: "esem-open").show().body
            #expect(page.contains(#"<link rel="stylesheet" href="\#(Stylesheet.path)">"#))
            #expect(page.contains(Self.script))
        }
    }

    /// A page shown again with problems loads the script, even without a condition for it, and its
    /// error summary can take focus (tabindex="-1"), which the script gives it as the page loads, so
    /// that a screen reader reads the summary and the next Tab reaches its first link (focus began at
    /// the top of the page, two Tabs before it). Without JavaScript the page works as before.
    @Test func aPageWithProblemsHasItsErrorSummaryFocusedByTheScript() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "sv"])
            try await r.answer("Välkommen", [("consent", "yes")])
            let page = try await r.show().body
            #expect(!page.contains("<script") && !page.contains("error-summary"), "no condition, no problem: no script")
            let refused = try await r.post([("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "11"), ("prio_imp", "nio")])
            #expect(refused.status == 422)
            #expect(refused.body.contains(#"<div class="error-summary" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">"#))
            #expect(refused.body.contains(Self.script))
            #expect(refused.body.contains(##"<a href="#q-prio_fin">"##), "the links work without the script")
        }
        #expect(FormScript.javaScript.contains(#"var summary = document.getElementById("error-summary");"#))
        #expect(FormScript.javaScript.contains("summary.focus();"))
        #expect(FormScript.javaScript.contains(#"summary.addEventListener("click", followSummaryLink);"#))
    }
}
