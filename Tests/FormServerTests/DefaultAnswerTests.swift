import Expressions
import Foundation
@testable import FormServer
import Store
import Testing

/// A question's `default` on the web form, on the workshop follow-up (`hours`, default 3, on its
/// second page).
@Suite struct DefaultAnswerTests {
    /// The default fills the page when it is first shown; a respondent who empties it, goes on and
    /// comes back finds it empty, and going on again keeps it so. It was filled in again on every
    /// showing, so Back then Next stored the 3 the respondent had removed.
    @Test func aDefaultTheRespondentEmptiedStaysEmptyWhenTheyComeBack() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("workshop-open", survey: "msi-workshop.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "workshop-open", headers: ["Accept-Language": "sv"])
            try await r.answer("Om workshoppen", [("attended", "1"), ("ws_date", "2026-03-05"), ("format", "online"), ("city", "zoom")])
            #expect(Page.inputValue("hours", in: try await r.show().body) == "3")
            try await r.answer("Om dig", [("role", "yes"), ("hours", "")])
            let back = try await r.post([("grade_content", "4"), ("grade_leader", "3")], action: "back")
            #expect(back.status == 303)
            let again = try await r.show().body
            #expect(Page.title(again) == "Om dig")
            #expect(Page.inputValue("hours", in: again) == "")
            try await r.answer("Om dig", [("role", "yes"), ("hours", "")])
            let answers = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers)
            #expect(answers["role"] == .choice("yes"))
            #expect(answers["hours"] == nil)
        }
    }

    /// A date's constraint bounds the browser's date picker to its days (the workshop was held in
    /// 2026); the server still checks every date it is sent.
    @Test func aDateFieldOffersTheDaysItsConstraintAllows() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("workshop-open", survey: "msi-workshop.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "workshop-open", headers: ["Accept-Language": "en"])
            let page = try await r.show().body
            #expect(page.contains(#"<input type="date" id="f-ws_date" name="ws_date" value="" min="2026-01-01" max="2026-12-31" required"#), "\(page)")
            let refused = try await r.post([("attended", "1"), ("ws_date", "2025-12-31"), ("format", "online"), ("city", "zoom")])
            #expect(refused.status == 422)
            #expect(refused.body.contains("Enter a date in 2026."))
        }
    }

    /// `. <= today()` (the forum's meeting date) keeps the picker's days to the day the page is
    /// shown, which it had left open, offering next year's days on a phone; the server still refuses
    /// a later day typed in.
    @Test func aDateNotAfterTodayOffersNoLaterDay() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        let now = Date()
        let today = CalendarDate.today(now: now)
        try await environment.withServer(clock: { now }) { client in
            let r = try await Respondent.start(client, round: "forum-open", headers: ["Accept-Language": "en"])
            let page = try await r.show().body
            #expect(page.contains(#"<input type="date" id="f-event_date" name="event_date" value="" max="\#(today)""#), "\(page)")
            let tomorrow = CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 1)
            let refused = try await r.post([("node", "malmo"), ("event_type", "forum"), ("event_date", tomorrow.description)])
            #expect(refused.status == 422)
            #expect(refused.body.contains("Enter a date that is today or in the past."))
        }
    }
}
