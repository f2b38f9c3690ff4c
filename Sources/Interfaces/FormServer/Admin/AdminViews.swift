import Expressions
import Foundation
import HTML
import Intake
import Responses
import Store
import SurveyDefinition

/// The admin pages, in English. Every value from the store (round names, answers) is text
/// escaped by the builder.
enum AdminViews {
    /// The admin a page is shown to: their session, and the token of its sign-out form.
    struct SignedIn {
        var session: AdminSessions.Session
        var csrf: String
    }

    static func shell(_ title: String, admin: SignedIn?) -> PageShell {
        var shell = PageShell(language: "en", title: title + " – Samla admin", heading: "Samla admin")
        shell.bodyClass = "admin"
        if let admin {
            shell.headerExtra = { html in
                html.element("form", .init("method", "post"), .init("action", "/admin/logout"), .init("class", "signed-in")) { html in
                    html.element("span", text: "Signed in as \(admin.session.admin)")
                    html.void("input", .init("type", "hidden"), .init("name", "csrf"), .init("value", admin.csrf))
                    html.element("button", .init("type", "submit"), .init("class", "secondary"), text: "Sign out")
                }
            }
        }
        return shell
    }

    /// Running text that names commands: the parts between backticks are written as `<code>`.
    static func prose(_ text: String, into html: inout HTMLBuilder) {
        for (index, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated() where !part.isEmpty {
            if index % 2 == 1 { html.element("code", text: String(part)) } else { html.text(String(part)) }
        }
    }

    static func off() -> String {
        shell("Admin pages are off", admin: nil).render { html in
            html.element("h1", text: "Admin pages are off")
            html.element("p") { html in
                prose("The server was started without an admin secret. Set the environment variable `SAMLA_ADMIN_SECRET`, "
                    + "or start `samla serve --admin-secret-file FILE`, to turn the admin pages on.", into: &html)
            }
        }
    }

    /// The sign-in form; `problem` (a wrong secret, a pause after many failures) in its error
    /// summary, `notice` (why the session ended) above it; `next` the page to go to after it.
    static func login(csrf: String, problem: String?, notice: String? = nil, next: String? = nil) -> String {
        shell(problem == nil ? "Sign in" : "Error: sign in", admin: nil).render { html in
            if let problem {
                html.element("div", .init("class", "error-summary"), .init("role", "alert"), .init("aria-labelledby", "error-summary-title")) { html in
                    html.element("h2", .init("id", "error-summary-title"), text: "Sign-in failed")
                    html.element("ul") { html in
                        html.element("li") { html in
                            html.element("a", .init("href", "#secret"), text: problem)
                        }
                    }
                }
            }
            html.element("h1", text: "Sign in")
            if let notice {
                html.element("p", .init("class", "notice"), .init("role", "status"), text: notice)
            }
            html.element("form", .init("method", "post"), .init("action", "/admin/login")) { html in
                html.void("input", .init("type", "hidden"), .init("name", "csrf"), .init("value", csrf))
                if let next {
                    html.void("input", .init("type", "hidden"), .init("name", "next"), .init("value", next))
                }
                html.element("div", .init("class", problem == nil ? "question" : "question has-error")) { html in
                    html.element("label", .init("class", "question-label"), .init("for", "secret"), text: "Admin secret")
                    if let problem {
                        html.element("p", .init("class", "error-message"), .init("id", "secret-error")) { html in
                            html.element("span", .init("class", "visually-hidden"), text: "Error: ")
                            html.text(problem)
                        }
                    }
                    html.void("input", .init("type", "password"), .init("id", "secret"), .init("name", "secret"), .init("autocomplete", "current-password"),
                              .flag("required", true), .optional("aria-describedby", problem == nil ? nil : "secret-error"),
                              .optional("aria-invalid", problem == nil ? nil : "true"))
                }
                html.element("div", .init("class", "actions")) { html in
                    html.element("button", .init("type", "submit"), text: "Sign in")
                }
            }
        }
    }

    static func overview(_ summaries: [RoundSummary], links: Links?, admin: SignedIn) -> String {
        shell("Rounds", admin: admin).render { html in
            html.element("h1", text: "Rounds")
            guard !summaries.isEmpty else {
                html.element("p") { html in
                    prose("There are no rounds yet. Open one with `samla round open SURVEY.yaml --name NAME --opens DATE --closes DATE`.", into: &html)
                }
                return
            }
            html.element("div", .init("class", "table-scroll")) { html in
                html.element("table", .init("class", "data")) { html in
                    html.element("caption", .init("class", "visually-hidden"), text: "Rounds and their progress")
                    html.element("thead") { html in
                        html.element("tr") { html in
                            for (heading, numeric) in [("Round", false), ("Survey", false), ("Dates", false), ("Status", false), ("Started", true),
                                                       ("Complete", true), ("Completion", true), ("Invitations used", true)] {
                                html.element("th", .init("scope", "col"), .optional("class", numeric ? "number" : nil), text: heading)
                            }
                        }
                    }
                    html.element("tbody") { html in
                        let today = CalendarDate.today()
                        for summary in summaries {
                            let round = summary.round
                            html.element("tr") { html in
                                html.element("th", .init("scope", "row")) { html in
                                    html.element("a", .init("href", "/admin/rounds/" + round.name), text: round.name)
                                }
                                html.element("td", text: "\(round.surveyID) \(summary.definitionVersion)")
                                html.element("td", text: "\(round.opens) – \(round.closes)")
                                html.element("td", text: phaseText(round.phase(on: today)) + (round.isAnonymous ? ", anonymous" : ", by invitation"))
                                html.element("td", .init("class", "number"), text: String(summary.started))
                                html.element("td", .init("class", "number"), text: String(summary.complete))
                                html.element("td", .init("class", "number"), text: rate(summary.complete, summary.started))
                                html.element("td", .init("class", "number"), text: round.isAnonymous ? "–" : "\(summary.invitationsUsed) of \(summary.invitations)")
                            }
                        }
                    }
                }
            }
            let anonymous = summaries.filter { $0.round.isAnonymous }
            if !anonymous.isEmpty {
                html.element("h2", text: "Start links of anonymous rounds")
                if links == nil {
                    html.element("p", text: "Paths on this server: start samla serve with --base-url (its public address) to see the whole links.")
                }
                html.element("ul") { html in
                    for summary in anonymous {
                        html.element("li") { html in
                            html.text(summary.round.name + ": ")
                            html.element("code", text: links?.anonymousStart(round: summary.round.name) ?? "/s/\(summary.round.name)")
                        }
                    }
                }
            }
        }
    }

    static func round(
        _ summary: RoundSummary, languages: [String], hasPartnerNames: Bool = true, days: [DailyActivity], recent: [ResponseRecord], cleanedBy framework: String? = nil,
        links: Links?, admin: SignedIn
    ) -> String {
        let round = summary.round
        return shell("Round \(round.name)", admin: admin).render { html in
            html.element("p") { html in html.element("a", .init("href", "/admin"), text: "All rounds") }
            html.element("h1", text: "Round \(round.name)")
            html.element("dl", .init("class", "summary")) { html in
                let entries: [(String, String)] = [
                    ("Survey", "\(round.surveyID) \(summary.definitionVersion)"),
                    ("Dates", "\(round.opens) – \(round.closes)"),
                    ("Status", phaseText(round.phase(on: CalendarDate.today())) + (round.isAnonymous ? ", anonymous" : ", by invitation")),
                    ("Started", String(summary.started)),
                    ("Complete", String(summary.complete)),
                    ("Completion rate", rate(summary.complete, summary.started)),
                ] + (round.isAnonymous ? [] : [("Invitations used", "\(summary.invitationsUsed) of \(summary.invitations)")])
                    + (round.isAnonymous ? [("Start link", links.map { $0.anonymousStart(round: round.name) } ?? "/s/\(round.name)")] : [])
                for (term, value) in entries {
                    html.element("dt", text: term)
                    html.element("dd", text: value)
                }
            }

            html.element("h2", text: "By language")
            html.element("table", .init("class", "data")) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", .init("scope", "col"), text: "Language")
                        html.element("th", .init("scope", "col"), .init("class", "number"), text: "Started")
                        html.element("th", .init("scope", "col"), .init("class", "number"), text: "Complete")
                        html.element("th", .init("scope", "col"), .init("class", "number"), text: "Completion")
                    }
                }
                html.element("tbody") { html in
                    for count in summary.byLanguage {
                        html.element("tr") { html in
                            html.element("th", .init("scope", "row"), text: PageShell.endonym(count.language) + " (\(count.language))")
                            html.element("td", .init("class", "number"), text: String(count.started))
                            html.element("td", .init("class", "number"), text: String(count.complete))
                            html.element("td", .init("class", "number"), text: rate(count.complete, count.started))
                        }
                    }
                }
            }

            html.element("h2", .init("id", "per-day"), text: "Responses per day")
            DailyChart(days: days).render(into: &html)

            downloads(round: round.name, languages: languages, hasPartnerNames: hasPartnerNames, cleanedBy: framework, into: &html)

            html.element("h2", text: "Latest responses")
            if recent.isEmpty {
                html.element("p", text: "No responses yet.")
            } else {
                html.element("div", .init("class", "table-scroll")) { html in
                    html.element("table", .init("class", "data")) { html in
                        html.element("thead") { html in
                            html.element("tr") { html in
                                for heading in ["Response", "Status", "Language", "Source", "Started", "Updated", "Page"] {
                                    html.element("th", .init("scope", "col"), text: heading)
                                }
                            }
                        }
                        html.element("tbody") { html in
                            for record in recent {
                                html.element("tr") { html in
                                    html.element("th", .init("scope", "row")) { html in
                                        html.element("a", .init("href", "/admin/responses/\(record.id)"), text: "#\(record.id)")
                                    }
                                    html.element("td", text: record.status.rawValue)
                                    html.element("td", text: record.language)
                                    html.element("td", text: sourceCell(record))
                                    html.element("td", text: shortTime(record.startedAt))
                                    html.element("td", text: shortTime(record.updatedAt))
                                    html.element("td", text: record.currentPage ?? "–")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// How a response came in, in a list: `api (client)` for an API response of a named partner
    /// system, else the source (`api` for the shared token's).
    static func sourceCell(_ record: ResponseRecord) -> String {
        guard record.source == .api, let client = record.apiClient, client != APIClientsFile.sharedName else { return record.source.rawValue }
        return "api (\(client))"
    }

    /// How a response came in, naming the partner system of an API response.
    static func sourceText(_ record: ResponseRecord) -> String {
        guard record.source == .api, let client = record.apiClient else { return record.source.rawValue }
        return "submitted through the API by \(client)"
    }

    static func response(_ response: StoredResponse, survey: Survey, round: Round?, admin: SignedIn) -> String {
        let record = response.record
        return shell("Response #\(record.id)", admin: admin).render { html in
            if let round {
                html.element("p") { html in html.element("a", .init("href", "/admin/rounds/" + round.name), text: "Round \(round.name)") }
            }
            html.element("h1", text: "Response #\(record.id)")
            html.element("dl", .init("class", "summary")) { html in
                let entries: [(String, String)] = [
                    ("Status", record.status.rawValue), ("Language", record.language), ("Source", sourceText(record)),
                    ("Started", exactTime(record.startedAt)), ("Updated", exactTime(record.updatedAt)),
                    ("Submitted", record.submittedAt.map { exactTime($0) } ?? "–"), ("Current page", record.currentPage ?? "–"),
                ]
                for (term, value) in entries {
                    html.element("dt", text: term)
                    html.element("dd", text: value)
                }
            }
            html.element("h2", text: "Answers")
            html.element("div", .init("class", "table-scroll")) { html in
                html.element("table", .init("class", "data")) { html in
                    html.element("thead") { html in
                        html.element("tr") { html in
                            for heading in ["Variable", "Question", "Answer"] { html.element("th", .init("scope", "col"), text: heading) }
                        }
                    }
                    html.element("tbody") { html in
                        for variable in survey.variables {
                            guard let value = response.answers[variable.name] else { continue }
                            html.element("tr") { html in
                                html.element("th", .init("scope", "row")) { html in
                                    html.element("code", text: variable.name)
                                    if variable.isPII { html.text(" (personal)") }
                                }
                                html.element("td", text: questionText(variable, survey))
                                html.element("td", .init("class", "answer-text"), text: answerText(value, variable, survey))
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Formatting

    static func phaseText(_ phase: RoundPhase) -> String {
        switch phase {
        case .scheduled: "opens later"
        case .collecting: "collecting"
        case .ended: "past its closing date"
        case .closed: "closed"
        }
    }

    /// A whole percentage that says 100 % only when every response is complete and 0 % only when
    /// none is: 399 of 400 is "99 %", not a rounded "100 %" that hides the one unfinished.
    static func rate(_ part: Int, _ whole: Int) -> String {
        guard whole > 0 else { return "–" }
        let percent = Int((Double(part) / Double(whole) * 100).rounded())
        let shown = part == whole ? percent : part == 0 ? 0 : min(max(percent, 1), 99)
        return "\(shown) %"
    }

    /// `YYYY-MM-DD HH:MM` in the machine's time zone (`TZ`), as the chart's days are.
    static func shortTime(_ timestamp: Timestamp, in timeZone: TimeZone = .current) -> String {
        let date = timestamp.date
        let day = CalendarDate.today(now: date, in: timeZone)
        let local = Int((date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))).rounded(.down))
        let seconds = local - day.daysSinceEpoch * 86_400
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(day) \(pad(seconds / 3600)):\(pad(seconds / 60 % 60))"
    }

    /// The local time as the round page shows it, then the stored UTC time to the millisecond:
    /// `2025-10-13 00:30 (2025-10-12T22:30:12.345Z)`.
    static func exactTime(_ timestamp: Timestamp, in timeZone: TimeZone = .current) -> String {
        "\(shortTime(timestamp, in: timeZone)) (\(timestamp.text))"
    }

    private static func questionText(_ variable: Variable, _ survey: Survey) -> String {
        guard let question = survey.question(named: variable.question) else { return "" }
        let label = question.label?.resolved("en", fallbacks: survey.languages) ?? ""
        switch variable.role {
        case .matrixRow(let row):
            return label + " – " + (question.rows.first { $0.name == row }?.label.resolved("en", fallbacks: survey.languages) ?? row)
        case .otherText:
            return label + " – other"
        case .calculated:
            return "(calculated)"
        case .answer:
            return label
        }
    }

    private static func answerText(_ value: AnswerValue, _ variable: Variable, _ survey: Survey) -> String {
        let choices = survey.question(named: variable.question).map { survey.choices(for: $0) } ?? []
        func label(_ code: String) -> String {
            guard let choice = choices.first(where: { $0.value == code }) else { return code }
            return "\(code) (\(choice.label.resolved("en", fallbacks: survey.languages)))"
        }
        switch value {
        case .choice(let code): return label(code)
        case .choices(let codes): return codes.map(label).joined(separator: "; ")
        default: return AnswerText.text(of: value)
        }
    }
}
