import Expressions
import Foundation
import HTML
import Intake
import Responses
import Store
import SurveyDefinition

/// The admin pages, in Swedish or English (``AdminText``). Every value from the store (round
/// names, answers) is text escaped by the builder.
enum AdminViews {
    /// The admin a page is shown to: their session, and the token of its sign-out form.
    struct SignedIn {
        var session: AdminSessions.Session
        var csrf: String
    }

    /// The language a page is shown in, and the page its language switch comes back to.
    struct Frame {
        var words: AdminText
        var back: String

        init(language: String, back: String) {
            words = AdminText(language)
            self.back = back
        }
    }

    static func shell(_ title: String, admin: SignedIn?, frame: Frame) -> PageShell {
        let words = frame.words
        var shell = PageShell(language: words.language, title: words.title(title), heading: words.siteHeading,
                              languageLinks: AdminLanguage.links(from: words.language, back: frame.back))
        shell.bodyClass = "admin"
        if let admin {
            shell.headerExtra = { html in
                html.element("form", .init("method", "post"), .init("action", "/admin/logout"), .init("class", "signed-in")) { html in
                    html.element("span", text: words.signedInAs(admin.session.admin))
                    html.void("input", .init("type", "hidden"), .init("name", "csrf"), .init("value", admin.csrf))
                    html.element("button", .init("type", "submit"), .init("class", "secondary"), text: words.signOut)
                }
            }
        }
        return shell
    }

    /// From one day to another, `2026-11-29 – 2027-11-30`: each day kept whole (class `date`, which
    /// does not wrap), so that a narrow column breaks the line after the dash and never at a day's
    /// hyphens (`2026-` above `11-29`).
    static func dateRange(_ first: String, _ last: String, into html: inout HTMLBuilder) {
        html.element("span", .init("class", "date"), text: first)
        html.text(" – ")
        html.element("span", .init("class", "date"), text: last)
    }

    /// Running text that names commands: the parts between backticks are written as `<code>`.
    static func prose(_ text: String, into html: inout HTMLBuilder) {
        for (index, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated() where !part.isEmpty {
            if index % 2 == 1 { code(String(part), into: &html) } else { html.text(String(part)) }
        }
    }

    /// A command as `<code>`, each option in it (`--withdraw`) kept whole (class `option`, which
    /// does not wrap): at 320 px a line broke after an option's dashes, `--` above `withdraw`.
    static func code(_ command: String, into html: inout HTMLBuilder) {
        html.element("code") { html in
            for (index, word) in command.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { html.text(" ") }
                if word.hasPrefix("-") { html.element("span", .init("class", "option"), text: String(word)) } else { html.text(String(word)) }
            }
        }
    }

    /// A language's name in itself, marked with its language when it is not the page's.
    static func languageName(_ language: String, on page: AdminText, into html: inout HTMLBuilder) {
        if language == page.language || PageShell.endonym(language) == language {
            html.text(PageShell.endonym(language))
        } else {
            html.element("span", .init("lang", language), text: PageShell.endonym(language))
        }
        html.text(" (\(language))")
    }

    static func off(_ frame: Frame) -> String {
        let words = frame.words
        return shell(words.offTitle, admin: nil, frame: frame).render { html in
            html.element("h1", text: words.offTitle)
            html.element("p") { html in prose(words.offBody, into: &html) }
        }
    }

    /// The sign-in form; `problem` (a wrong secret, a pause after many failures) in its error
    /// summary, `notice` (why the session ended) above it; `next` the page to go to after it.
    static func login(csrf: String, problem: String?, notice: String? = nil, next: String? = nil, frame: Frame) -> String {
        let words = frame.words
        return shell(problem == nil ? words.signIn : words.signInWithError, admin: nil, frame: frame).render { html in
            if let problem {
                html.element("div", .init("class", "error-summary"), .init("role", "alert"), .init("aria-labelledby", "error-summary-title")) { html in
                    html.element("h2", .init("id", "error-summary-title"), text: words.signInFailed)
                    html.element("ul") { html in
                        html.element("li") { html in
                            html.element("a", .init("href", "#secret"), text: problem)
                        }
                    }
                }
            }
            html.element("h1", text: words.signIn)
            if let notice {
                html.element("p", .init("class", "notice"), .init("role", "status"), text: notice)
            }
            html.element("form", .init("method", "post"), .init("action", "/admin/login")) { html in
                html.void("input", .init("type", "hidden"), .init("name", "csrf"), .init("value", csrf))
                if let next {
                    html.void("input", .init("type", "hidden"), .init("name", "next"), .init("value", next))
                }
                html.element("div", .init("class", problem == nil ? "question" : "question has-error")) { html in
                    html.element("label", .init("class", "question-label"), .init("for", "secret"), text: words.secretLabel)
                    if let problem {
                        html.element("p", .init("class", "error-message"), .init("id", "secret-error")) { html in
                            html.element("span", .init("class", "visually-hidden"), text: words.errorPrefix)
                            html.text(problem)
                        }
                    }
                    html.void("input", .init("type", "password"), .init("id", "secret"), .init("name", "secret"), .init("autocomplete", "current-password"),
                              .flag("required", true), .optional("aria-describedby", problem == nil ? nil : "secret-error"),
                              .optional("aria-invalid", problem == nil ? nil : "true"))
                }
                html.element("div", .init("class", "actions")) { html in
                    html.element("button", .init("type", "submit"), text: words.signIn)
                }
            }
        }
    }

    static func overview(_ summaries: [RoundSummary], links: Links?, admin: SignedIn, frame: Frame) -> String {
        let words = frame.words
        return shell(words.rounds, admin: admin, frame: frame).render { html in
            html.element("h1", text: words.rounds)
            guard !summaries.isEmpty else {
                html.element("p") { html in prose(words.noRounds, into: &html) }
                return
            }
            html.element("div", .init("class", "table-scroll")) { html in
                html.element("table", .init("class", "data")) { html in
                    html.element("caption", .init("class", "visually-hidden"), text: words.roundsCaption)
                    html.element("thead") { html in
                        html.element("tr") { html in
                            for (heading, numeric) in [(words.roundHeading, false), (words.survey, false), (words.dates, false), (words.status, false),
                                                       (words.started, true), (words.complete, true), (words.completion, true), (words.invitationsUsed, true),
                                                       (words.responseRates.rr1Heading, true)] {
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
                                    html.element("a", .init("href", "/admin/rounds/" + round.name), .init("class", "identifier"), text: round.name)
                                }
                                html.element("td") { html in
                                    html.element("span", .init("class", "identifier"), text: round.surveyID)
                                    html.text(" \(summary.definitionVersion)")
                                }
                                html.element("td") { html in dateRange(round.opens.description, round.closes.description, into: &html) }
                                html.element("td", text: words.roundStatus(round.phase(on: today), anonymous: round.isAnonymous))
                                html.element("td", .init("class", "number"), text: words.count(summary.started))
                                html.element("td", .init("class", "number"), text: words.count(summary.complete))
                                html.element("td", .init("class", "number"), text: rate(summary.complete, summary.started, words))
                                html.element("td", .init("class", "number"), text: round.isAnonymous ? "–" : words.countOf(summary.invitationsUsed, summary.invitations))
                                html.element("td", .init("class", "number"), text: words.responseRates.rr1(summary.responseRate))
                            }
                        }
                    }
                }
            }
            if summaries.contains(where: { if case .invited = $0.responseRate { true } else { false } }) {
                html.element("p", text: words.responseRates.basis)
            }
            let anonymous = summaries.filter { $0.round.isAnonymous }
            if !anonymous.isEmpty {
                html.element("h2", text: words.startLinksHeading)
                if links == nil {
                    html.element("p") { html in prose(words.startLinksArePaths, into: &html) }
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
        _ summary: RoundSummary, languages: [String], hasPartnerNames: Bool = true, answeredUnder: [DefinitionUse] = [], days: [DailyActivity],
        recent: [ResponseRecord], cleanedBy framework: String? = nil, links: Links?, admin: SignedIn, frame: Frame
    ) -> String {
        let round = summary.round
        let words = frame.words
        return shell(words.round(round.name), admin: admin, frame: frame).render { html in
            html.element("p") { html in html.element("a", .init("href", "/admin"), text: words.allRounds) }
            html.element("h1", text: words.round(round.name))
            html.element("dl", .init("class", "summary")) { html in
                let progress: [(String, String)] = [
                    (words.survey, "\(round.surveyID) \(summary.definitionVersion)"),
                    (words.dates, "\(round.opens) – \(round.closes)"),
                    (words.status, words.roundStatus(round.phase(on: CalendarDate.today()), anonymous: round.isAnonymous)),
                    (words.started, words.count(summary.started)),
                    (words.complete, words.count(summary.complete)),
                    (words.completionRate, rate(summary.complete, summary.started, words)),
                ] + (round.isAnonymous ? [] : [(words.invitationsUsed, words.countOf(summary.invitationsUsed, summary.invitations))])
                // The counts of the dispositions have their own line, above the rates.
                let rates: [(String, String)] = [(words.responseRates.term(summary.responseRate),
                                                  words.responseRates.value(summary.responseRate, dispositionCounts: false))]
                    + (round.isAnonymous ? [(words.startLink, links.map { $0.anonymousStart(round: round.name) } ?? "/s/\(round.name)")] : [])
                for (term, value) in progress {
                    html.element("dt", text: term)
                    html.element("dd", text: value)
                }
                // Once the round's responses were answered under more than its current definition.
                if answeredUnder.contains(where: { $0.hash != round.definitionHash }) {
                    html.element("dt", text: words.answeredUnder)
                    html.element("dd", text: answeredUnder.map { words.answeredUnder(version: $0.version, responses: $0.responses) }.joined(separator: ", ")
                        + " (" + words.answeredUnderMeaning + ")")
                }
                if !round.isAnonymous, summary.invitationsWithdrawn > 0 {
                    html.element("dt", text: words.invitationsWithdrawn)
                    html.element("dd") { html in
                        html.text(words.countOf(summary.invitationsWithdrawn, summary.invitations) + " (")
                        code("samla erase --withdraw", into: &html)
                        html.text(words.withdrawnMeaning + ")")
                    }
                }
                if !round.isAnonymous, summary.invitationsDeclined.total > 0 {
                    html.element("dt", text: words.invitationsDeclined)
                    html.element("dd", text: words.countOf(summary.invitationsDeclined.total, summary.invitations) + " (" + words.declinedMeaning + ")")
                }
                // Once a disposition is recorded, as the withdrawn line once one withdrew.
                if !round.isAnonymous, summary.dispositions.recorded > 0 {
                    html.element("dt", text: words.invitationDispositions)
                    html.element("dd") { html in
                        html.text(words.responseRates.counts(summary.dispositions, unknown: summary.invitationsOfUnknownEligibility)
                            + " (" + words.dispositionsRecordedBy + " ")
                        code("samla round dispositions", into: &html)
                        html.text(")")
                    }
                }
                for (term, value) in rates {
                    html.element("dt", text: term)
                    html.element("dd", text: value)
                }
            }
            if case .invited = summary.responseRate { html.element("p", text: words.responseRates.basis) }
            if round.isAnonymous, summary.started > 0 {
                html.element("p", text: words.anonymousStarts(withoutAPage: summary.startedWithoutAPage, of: summary.started))
            }

            html.element("h2", .init("id", "by-language"), text: words.byLanguage)
            // Four columns are wider than a 320 px screen: the table scrolls within itself, and
            // holding no link, its region takes the focus so that a keyboard can scroll it.
            html.element("div", .init("class", "table-scroll"), .init("role", "region"), .init("tabindex", "0"), .init("aria-labelledby", "by-language")) { html in
                html.element("table", .init("class", "data")) { html in
                    html.element("thead") { html in
                        html.element("tr") { html in
                            html.element("th", .init("scope", "col"), text: words.languageHeading)
                            html.element("th", .init("scope", "col"), .init("class", "number"), text: words.started)
                            html.element("th", .init("scope", "col"), .init("class", "number"), text: words.complete)
                            html.element("th", .init("scope", "col"), .init("class", "number"), text: words.completion)
                        }
                    }
                    html.element("tbody") { html in
                        for count in summary.byLanguage {
                            html.element("tr") { html in
                                html.element("th", .init("scope", "row")) { html in languageName(count.language, on: words, into: &html) }
                                html.element("td", .init("class", "number"), text: words.count(count.started))
                                html.element("td", .init("class", "number"), text: words.count(count.complete))
                                html.element("td", .init("class", "number"), text: rate(count.complete, count.started, words))
                            }
                        }
                    }
                }
            }

            html.element("h2", .init("id", "per-day"), text: words.responsesPerDay)
            DailyChart(days: days, words: words).render(into: &html)

            downloads(round: round.name, languages: languages, hasPartnerNames: hasPartnerNames, cleanedBy: framework, words: words, into: &html)

            html.element("h2", text: words.latestResponses)
            if recent.isEmpty {
                html.element("p", text: words.noResponses)
            } else {
                html.element("div", .init("class", "table-scroll")) { html in
                    html.element("table", .init("class", "data")) { html in
                        html.element("thead") { html in
                            html.element("tr") { html in
                                for heading in [words.responseHeading, words.status, words.languageHeading, words.sourceHeading,
                                                words.startedAt, words.updatedAt, words.pageHeading] {
                                    html.element("th", .init("scope", "col"), text: heading)
                                }
                            }
                        }
                        html.element("tbody") { html in
                            for record in recent {
                                html.element("tr") { html in
                                    html.element("th", .init("scope", "row")) { html in
                                        html.element("a", .init("href", "/admin/responses/\(record.id)"), text: words.number(record.id))
                                    }
                                    html.element("td", text: words.responseStatus(record.status))
                                    html.element("td", text: record.language)
                                    html.element("td", text: words.sourceCell(record))
                                    html.element("td", .init("class", "date"), text: shortTime(record.startedAt))
                                    html.element("td", .init("class", "date"), text: shortTime(record.updatedAt))
                                    html.element("td", text: record.currentPage ?? "–")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The page of a response withdrawn since (`samla erase --withdraw`), found in the erasures log:
    /// what became of it, instead of "no such page" to an admin who follows an old export or link.
    static func withdrawnResponse(_ erasure: Erasure, admin: SignedIn, frame: Frame) -> String {
        let words = frame.words
        let id = erasure.responseID ?? 0
        return shell(words.responseWithdrawn(id), admin: admin, frame: frame).render { html in
            html.element("p") { html in html.element("a", .init("href", "/admin/rounds/" + erasure.round), text: words.round(erasure.round)) }
            html.element("h1", text: words.responseWithdrawn(id))
            html.element("p") { html in
                prose(words.responseWithdrawnBody(when: erasure.erasedAt.map { shortTime($0) } ?? "–", erasure: erasure.id ?? 0), into: &html)
            }
        }
    }

    static func response(_ response: StoredResponse, survey: Survey, round: Round?, admin: SignedIn, frame: Frame) -> String {
        let record = response.record
        let words = frame.words
        return shell(words.responseNumber(record.id), admin: admin, frame: frame).render { html in
            if let round {
                html.element("p") { html in html.element("a", .init("href", "/admin/rounds/" + round.name), text: words.round(round.name)) }
            }
            html.element("h1", text: words.responseNumber(record.id))
            html.element("dl", .init("class", "summary")) { html in
                html.element("dt", text: words.status)
                html.element("dd", text: words.responseStatus(record.status))
                // Named as the round page's table of languages names it: "Svenska (sv)", not "sv".
                html.element("dt", text: words.languageHeading)
                html.element("dd") { html in languageName(record.language, on: words, into: &html) }
                for (term, value) in [(words.sourceHeading, words.sourceText(record)), (words.definitionVersion, "\(survey.id) \(survey.version)")] {
                    html.element("dt", text: term)
                    html.element("dd", text: value)
                }
                for (term, time) in [(words.startedAt, record.startedAt), (words.updatedAt, record.updatedAt), (words.submittedAt, record.submittedAt)] {
                    html.element("dt", text: term)
                    html.element("dd") { html in
                        if let time { exactTime(time, into: &html) } else { html.text("–") }
                    }
                }
                html.element("dt", text: words.currentPage)
                html.element("dd", text: record.currentPage.map { pageText($0, survey, words) } ?? "–")
            }
            html.element("h2", .init("id", "answers"), text: words.answers)
            // The answers keep a readable width on a narrow screen (they were cut to a few letters a
            // line), so the table scrolls within its region, which a keyboard can focus.
            html.element("div", .init("class", "table-scroll"), .init("role", "region"), .init("tabindex", "0"), .init("aria-labelledby", "answers")) { html in
                html.element("table", .init("class", "data")) { html in
                    html.element("thead") { html in
                        html.element("tr") { html in
                            for heading in [words.variable, words.question, words.answer] { html.element("th", .init("scope", "col"), text: heading) }
                        }
                    }
                    html.element("tbody") { html in
                        for variable in survey.variables {
                            guard let value = response.answers[variable.name] else { continue }
                            html.element("tr") { html in
                                html.element("th", .init("scope", "row")) { html in
                                    html.element("code", text: variable.name)
                                    if variable.isPII { html.text(words.personal) }
                                }
                                html.element("td", text: questionText(variable, survey, words))
                                // Free text is in the respondent's language, which a screen reader
                                // reads it in; every other answer is given in the admin's.
                                let textLanguage: String? = if case .text = value, record.language != words.language { record.language } else { nil }
                                html.element("td", .init("class", "answer-text"), .optional("lang", textLanguage), text: answerText(value, variable, survey, words))
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Formatting

    /// A whole percentage that says 100 % only when every response is complete and 0 % only when
    /// none is: 399 of 400 is "99 %", not a rounded "100 %" that hides the one unfinished.
    static func rate(_ part: Int, _ whole: Int, _ words: AdminText = AdminText("en")) -> String {
        guard whole > 0 else { return "–" }
        let percent = Int((Double(part) / Double(whole) * 100).rounded())
        return words.percent(part == whole ? percent : part == 0 ? 0 : min(max(percent, 1), 99))
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
    /// `2025-10-13 00:30 (2025-10-12T22:30:12.345Z)`, no day broken (class `date`): at 320 px the
    /// stored time broke at its hyphens, `(2025-` above `10-12T22:30:12.345Z)`; it may break after
    /// its `T`, being wider than a 320 px screen's line.
    static func exactTime(_ timestamp: Timestamp, in timeZone: TimeZone = .current, into html: inout HTMLBuilder) {
        html.element("span", .init("class", "date"), text: shortTime(timestamp, in: timeZone))
        html.text(" ")
        let stored = timestamp.text, time = stored.firstIndex(of: "T").map { stored.index(after: $0) } ?? stored.endIndex
        html.element("span", .init("class", "date"), text: "(" + stored[..<time])
        html.void("wbr")
        html.element("span", .init("class", "date"), text: stored[time...] + ")")
    }

    /// A page by its title in the admin's language and its id (`Om organisationen (organisation)`);
    /// the id alone for a page without a title or one the definition no longer has.
    static func pageText(_ id: String, _ survey: Survey, _ words: AdminText) -> String {
        guard let title = survey.pages.first(where: { $0.id == id })?.title?.resolved(words.language, fallbacks: survey.languages),
              !title.isEmpty else { return id }
        return "\(title) (\(id))"
    }

    /// The question in the page's language, else the survey's first.
    private static func questionText(_ variable: Variable, _ survey: Survey, _ words: AdminText) -> String {
        guard let question = survey.question(named: variable.question) else { return "" }
        let label = question.label?.resolved(words.language, fallbacks: survey.languages) ?? ""
        switch variable.role {
        case .matrixRow(let row):
            return label + " – " + (question.rows.first { $0.name == row }?.label.resolved(words.language, fallbacks: survey.languages) ?? row)
        case .otherText:
            return label + " – " + words.other
        case .calculated:
            return words.calculated
        case .answer:
            return label
        }
    }

    /// An answer in the admin's language: a choice and a yes or no as `code (label)`, as the form
    /// offered it; a decimal with the language's decimal mark (`3,5` in Swedish).
    private static func answerText(_ value: AnswerValue, _ variable: Variable, _ survey: Survey, _ words: AdminText) -> String {
        let choices = survey.question(named: variable.question).map { survey.choices(for: $0) } ?? []
        func label(_ code: String) -> String {
            guard let choice = choices.first(where: { $0.value == code }) else { return code }
            return "\(code) (\(choice.label.resolved(words.language, fallbacks: survey.languages)))"
        }
        switch value {
        case .choice(let code): return label(code)
        case .choices(let codes): return codes.map(label).joined(separator: "; ")
        case .boolean(let yes): return "\(AnswerText.text(of: value)) (\(words.boolean(yes)))"
        case .decimal: return words.decimal(AnswerText.text(of: value))
        default: return AnswerText.text(of: value)
        }
    }
}
