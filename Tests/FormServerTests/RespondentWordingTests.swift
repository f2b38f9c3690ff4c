import Expressions
import Foundation
import Store
import Testing

/// What the form tells a respondent to do agrees with what the page offers: the button a declining
/// respondent is told to choose, and a date field's hint beside the browser's own date field.
@Suite struct RespondentWordingTests {
    /// A respondent who declines consent is told to choose the page's button, which then completes
    /// the response: told to close the page, they left a started response that was reminded.
    /// An "Other" text with a control character pasted in (a vertical tab, U+000B, is how Word
    /// writes a manual line break) is refused for it, on the form and through the API: it was
    /// refused as "Answer this question." beside the text typed, as if the box were empty.
    @Test func anOtherTextWithAControlCharacterIsRefusedForItNotAsMissing() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "en"])
            try await r.answer("Welcome", [("consent", "yes")])
            let refused = try await r.post([
                ("resp_role", "other"), ("resp_role_other", "Chair\u{0B}of the board"), ("registered", "no"), ("prio_fin", "2"), ("prio_imp", "10"),
            ])
            #expect(refused.status == 422)
            let errors = Respondent.errors(refused.body)
            #expect(errors.count == 1 && errors[0].hasPrefix("o-resp_role_other What is your main role in the organisation? – Other, please specify: The text has a control character"), "\(errors)")
            let api = try await client.request(.post, "/api/rounds/esem-open/responses", headers: [
                "Authorization": "Bearer " + TestEnvironment.apiToken, "Content-Type": "application/json", "Idempotency-Key": "control",
            ], body: #"{"consent": "yes", "resp_role": "other", "resp_role_other": "Chair\u000bof the board"}"#)
            #expect(api.status == 422)
            #expect(api.body.contains(#"{"code":"E417","field":"resp_role_other""#) && !api.body.contains(#""field":"resp_role_other","message":"an answer is required""#), "\(api.body)")
        }
    }

    @Test(arguments: [("sv", "Nästa", "Välj ”Nästa” för att avsluta"), ("en", "Next", "Choose “Next” to finish")])
    func aDecliningRespondentIsToldToChooseTheButtonThatFinishes(language: String, button: String, note: String) async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": language])
            let welcome = try await r.show().body
            #expect(welcome.contains(#"<button type="submit" name="samla.action" value="next">\#(button)</button>"#))
            #expect(welcome.contains(#"<div class="note" id="q-no_consent_thanks""#))
            #expect(welcome.contains(note), "the note names the button the page shows")
            #expect(!welcome.contains("close the page now") && !welcome.contains("stänga sidan nu"))

            let declined = try await r.post([("consent", "no")])
            #expect(declined.status == 303)
            let response = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(response.record.status == .complete, "the refusal is kept, and reminders skip a complete response")
            #expect(response.answers["consent"] == .choice("no"))
        }
    }

    /// The hint of a date field gives an example, not a format: the browser's field shows its own
    /// (`mm/dd/yyyy` in English), which "Write it as YYYY-MM-DD" contradicted.
    @Test(arguments: [("sv", "Till exempel den 14 mars 2025 (2025-03-14)."), ("en", "For example, 14 March 2025 (2025-03-14).")])
    func aDateFieldsHintIsAnExampleThatAgreesWithTheBrowsersField(language: String, hint: String) async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "samverkansforum.yaml")
        let now = Date()
        try await environment.withServer(clock: { now }) { client in
            let r = try await Respondent.start(client, round: "forum-open", headers: ["Accept-Language": language])
            let page = try await r.show().body
            #expect(page.contains(#"<p class="hint" id="h-event_date">\#(hint)</p>"#), "\(page)")
            // `. <= today()`: the picker offers no day after the page's.
            #expect(page.contains(#"<input type="date" id="f-event_date" name="event_date" value="" max="\#(CalendarDate.today(now: now))" required aria-describedby="h-event_date" aria-invalid="false">"#))
            #expect(!page.contains("YYYY-MM-DD") && !page.contains("ÅÅÅÅ-MM-DD"))
        }
    }
}
