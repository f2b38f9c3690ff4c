import Aggregation
import Expressions
import Foundation
import Reports
import Store

/// The admin pages' own words, in Swedish and English, and their numbers as each language writes
/// them (``NumberStyle``, as the reports: `12 345` and `83 %` in Swedish). What comes from the
/// store or the survey (round names, answers) is not translated.
struct AdminText: Sendable {
    let language: String
    let numbers: NumberStyle

    init(_ language: String) {
        self.language = language
        numbers = NumberStyle(language: language)
    }

    private var sv: Bool { language == "sv" }
    func pick(_ swedish: String, _ english: String) -> String { sv ? swedish : english }

    // MARK: Numbers and dates

    func count(_ value: Int) -> String { numbers.integer(value) }

    /// A whole percentage as the response rates beside it are written: `83 %` (a no-break space) in
    /// Swedish, `83%` in English.
    func percent(_ value: Int) -> String { numbers.percent(whole: value) }

    func date(_ day: CalendarDate) -> String { numbers.date(day) }

    func countOf(_ part: Int, _ whole: Int) -> String { "\(count(part)) \(pick("av", "of")) \(count(whole))" }

    // MARK: The frame

    var siteHeading: String { pick("Samla administration", "Samla admin") }
    func title(_ page: String) -> String { page + " – " + siteHeading }
    func signedInAs(_ admin: String) -> String { pick("Inloggad som \(admin)", "Signed in as \(admin)") }
    var signOut: String { pick("Logga ut", "Sign out") }
    var allRounds: String { pick("Alla omgångar", "All rounds") }
    func round(_ name: String) -> String { pick("Omgång \(name)", "Round \(name)") }
    func responseNumber(_ id: Int64) -> String { pick("Svar nr \(id)", "Response #\(id)") }
    func responseWithdrawn(_ id: Int64) -> String { pick("Svar nr \(id) är borttaget", "Response #\(id) was removed") }
    /// What became of a response withdrawn with `samla erase --withdraw`, erasure `erasure` of the log.
    func responseWithdrawnBody(when: String, erasure: Int64) -> String {
        pick("Den svarande drog tillbaka sitt samtycke, och svaret togs bort med alla sina svar \(when) (`samla erase --withdraw`; "
                + "radering \(erasure) i `samla erase --log`). Exporter och rapporter som gjordes före det innehåller det fortfarande: gör dem på nytt.",
             "Its respondent withdrew consent, and the response was removed with every answer on \(when) (`samla erase --withdraw`; "
                + "erasure \(erasure) in `samla erase --log`). Exports and reports made before still hold it: make them again.")
    }
    /// A response's number in a list of responses: `nr 12` (Swedish writes no `#` for a number), `#12`.
    func number(_ id: Int64) -> String { pick("nr\u{00A0}\(id)", "#\(id)") }

    // MARK: Off, and signing in

    var offTitle: String { pick("Administrationssidorna är avstängda", "Admin pages are off") }
    var offBody: String {
        pick("Servern startades utan administratörsnyckel. Sätt miljövariabeln `SAMLA_ADMIN_SECRET`, "
                + "eller starta `samla serve --admin-secret-file FILE`, för att slå på administrationssidorna.",
             "The server was started without an admin secret. Set the environment variable `SAMLA_ADMIN_SECRET`, "
                + "or start `samla serve --admin-secret-file FILE`, to turn the admin pages on.")
    }
    var signIn: String { pick("Logga in", "Sign in") }
    var signInWithError: String { pick("Fel: logga in", "Error: sign in") }
    var signInFailed: String { pick("Inloggningen misslyckades", "Sign-in failed") }
    var secretLabel: String { pick("Administratörsnyckel", "Admin secret") }
    var errorPrefix: String { pick("Fel: ", "Error: ") }
    var wrongSecret: String { pick("Administratörsnyckeln stämmer inte", "The admin secret is wrong") }
    func signInPaused(seconds: Int) -> String {
        pick("För många misslyckade inloggningar: inloggningen är pausad i \(numbers.quantity(count(seconds), "sekunder")) till, och nyckeln kontrollerades inte. Försök igen då.",
             "Too many failed sign-ins: signing in is paused for \(numbers.quantity(count(seconds), "more seconds")), and the secret was not checked. Try again then.")
    }

    /// What the sign-in page says of a session that ended.
    func sessionEnded(_ ending: AdminSessions.Ending, idleLimit: TimeInterval) -> String {
        switch ending {
        case .idle:
            let minutes = Int(idleLimit / 60)
            return pick("Din session avslutades efter \(numbers.quantity(count(minutes), minutes == 1 ? "minut" : "minuter")) utan användning. Logga in igen för att fortsätta.",
                        "Your session ended after \(numbers.quantity(count(minutes), minutes == 1 ? "minute" : "minutes")) without use. Sign in again to continue.")
        case .lifetime:
            return pick("Din session avslutades: en session varar högst åtta timmar. Logga in igen för att fortsätta.",
                        "Your session ended: a session lasts at most eight hours. Sign in again to continue.")
        case .revoked:
            return pick("Din session gäller inte längre: administratörsfilen har ändrats, och ditt namn eller din nyckel finns inte längre i den. Logga in med den nyckel du har nu, eller fråga den som sköter filen.",
                        "Your session no longer holds: the admins file has changed, and your name or your secret is no longer in it. Sign in with the secret you have now, or ask whoever keeps the file.")
        }
    }

    // MARK: Rounds

    var rounds: String { pick("Omgångar", "Rounds") }
    var noRounds: String {
        pick("Det finns inga omgångar än. Öppna en med `samla round open SURVEY.yaml --name NAME --opens DATE --closes DATE`.",
             "There are no rounds yet. Open one with `samla round open SURVEY.yaml --name NAME --opens DATE --closes DATE`.")
    }
    var roundsCaption: String { pick("Omgångar och hur långt de har kommit", "Rounds and their progress") }
    var roundHeading: String { pick("Omgång", "Round") }
    var survey: String { pick("Enkät", "Survey") }
    var answeredUnder: String { pick("Besvarad med versionerna", "Answered under versions") }
    /// One definition the round's responses were answered under: its version and how many.
    func answeredUnder(version: String, responses: Int) -> String {
        "\(version) (\(count(responses)) \(responses == 1 ? pick("svar", "response") : pick("svar", "responses")))"
    }
    /// What the versions are, after them: the pages and exports show the round's current one.
    var answeredUnderMeaning: String {
        pick("definitionen ändrades medan omgången samlade in; varje svar gavs med sin versions frågor och regler",
             "the definition was changed while the round collected; each response was given with its own version's questions and rules")
    }
    var definitionVersion: String { pick("Besvarad med version", "Answered under version") }
    var dates: String { pick("Datum", "Dates") }
    var status: String { "Status" }
    var started: String { pick("Påbörjade", "Started") }
    var complete: String { pick("Slutförda", "Complete") }
    var completion: String { pick("Andel slutförda", "Completion") }
    var completionRate: String { pick("Andel slutförda", "Completion rate") }
    var invitationsUsed: String { pick("Använda inbjudningar", "Invitations used") }
    var invitationsWithdrawn: String { pick("Inbjudna som dragit sig ur", "Invitees who withdrew") }
    /// What a withdrawn invitation is to the response rate, after the command that withdrew it.
    var withdrawnMeaning: String {
        pick(": svaren raderade, räknas som vägran i svarsfrekvensen", ": answers erased, counted as refusals in the response rate")
    }
    var invitationsDeclined: String { pick("Inbjudna som avböjt i formuläret", "Invitees who declined in the form") }
    /// What an invitation whose response declined is to the response rate.
    var declinedMeaning: String {
        pick("svaren finns kvar, räknas som vägran i svarsfrekvensen", "answers kept, counted as refusals in the response rate")
    }
    var invitationDispositions: String { pick("Inbjudna utan svar, efter utfall", "Invitations without a response, by disposition") }
    /// What records the dispositions, after the command.
    var dispositionsRecordedBy: String { pick("registreras med", "recorded with") }
    var responseRates: ResponseRateWords { ResponseRateWords(language: language, onPage: true) }
    var startLink: String { pick("Startlänk", "Start link") }
    /// Below an anonymous round's counts: no one is known by name, so a respondent who starts again
    /// is started twice; `withoutAPage` of the started have sent no page.
    func anonymousStarts(withoutAPage: Int, of started: Int) -> String {
        pick("Påbörjade räknar tryck på startknappen, inte personer: den som börjar om (öppnar startlänken igen i en webbläsare som inte sparar kakor, eller på en annan enhet) räknas igen, så andelen slutförda kan vara lägre än andelen av dem som svarade. ",
             "Started counts presses of the start button, not people: someone who starts again (opens the start link again in a browser that keeps no cookies, or on another device) counts again, so the completion rate can be lower than the share of those who answered. ")
            + pick("\(countOf(withoutAPage, started)) påbörjade har inte skickat någon sida.", "\(countOf(withoutAPage, started)) started have sent no page.")
    }
    var startLinksHeading: String { pick("Startlänkar till anonyma omgångar", "Start links of anonymous rounds") }
    var startLinksArePaths: String {
        pick("Sökvägar på den här servern: starta `samla serve` med `--base-url` (serverns publika adress) för att se hela länkarna.",
             "Paths on this server: start `samla serve` with `--base-url` (its public address) to see the full links.")
    }

    func phase(_ phase: RoundPhase) -> String {
        switch phase {
        case .scheduled: pick("öppnar senare", "opens later")
        case .collecting: pick("tar emot svar", "collecting")
        case .ended: pick("efter sista svarsdagen", "past its closing date")
        case .closed: pick("stängd", "closed")
        }
    }

    func roundStatus(_ phase: RoundPhase, anonymous: Bool) -> String {
        self.phase(phase) + (anonymous ? pick(", anonym", ", anonymous") : pick(", med inbjudan", ", by invitation"))
    }

    // MARK: A round

    var byLanguage: String { pick("Per språk", "By language") }
    var languageHeading: String { pick("Språk", "Language") }
    var responsesPerDay: String { pick("Svar per dag", "Responses per day") }
    /// The table beside the chart, named apart from the chart's region, which the heading names.
    var responsesPerDayTable: String { pick("Svar per dag som tabell", "Responses per day as a table") }
    var noResponses: String { pick("Inga svar än.", "No responses yet.") }
    var latestResponses: String { pick("Senaste svaren", "Latest responses") }
    var responseHeading: String { pick("Svar", "Response") }
    var sourceHeading: String { pick("Källa", "Source") }
    var startedAt: String { pick("Påbörjat", "Started") }
    var updatedAt: String { pick("Uppdaterat", "Updated") }
    var submittedAt: String { pick("Inskickat", "Submitted") }
    var pageHeading: String { pick("Sida", "Page") }
    var currentPage: String { pick("Aktuell sida", "Current page") }

    func responseStatus(_ status: ResponseStatus) -> String {
        switch status {
        case .partial: pick("påbörjat", "partial")
        case .complete: pick("slutfört", "complete")
        }
    }

    /// How a response came in, in a list: `api (client)` for an API response of a named partner
    /// system, else the source (`api` for the shared token's).
    func sourceCell(_ record: ResponseRecord) -> String {
        guard record.source == .api, let client = record.apiClient, client != APIClientsFile.sharedName else { return source(record.source) }
        return "api (\(client))"
    }

    /// How a response came in, naming the partner system of an API response.
    func sourceText(_ record: ResponseRecord) -> String {
        if record.source == .import, record.invitationID != nil {
            return pick("import, svaret på en inbjudan (med dess token)", "import, the response of an invitation (by its token)")
        }
        guard record.source == .api, let client = record.apiClient else { return source(record.source) }
        return pick("inskickat via API:t av \(client)", "submitted through the API by \(client)")
    }

    private func source(_ source: ResponseSource) -> String {
        switch source {
        case .web: pick("webb", "web")
        case .import: "import"
        case .api: "api"
        }
    }

    // MARK: The chart

    var begun: String { pick("Påbörjade", "Started") }
    var completed: String { pick("Slutförda", "Completed") }
    var day: String { pick("Dag", "Day") }
    var weeklyBars: String {
        pick("Varje stapel är en vecka, måndag till söndag, märkt med sin måndag; tabellen nedan ger varje dag.",
             "Each bar is a week, Monday to Sunday, labelled by its Monday; the table below gives each day.")
    }

    /// The chart's text alternative; English keeps the days as `2025-10-01`, Swedish writes them in words.
    func chartDescription(weekly: Bool, from first: String, to last: String, begun: Int, completed: Int) -> String {
        if sv {
            let days = [first, last].map { CalendarDate(iso: $0).map(date) ?? $0 }
            return "Stapeldiagram över svar per \(weekly ? "vecka (måndag till söndag)" : "dag") från \(days[0]) till \(days[1]): "
                + "\(numbers.count(begun, "påbörjade")) och \(numbers.count(completed, "slutförda")) totalt; tabellen nedan ger varje dag."
        }
        return "Bar chart of responses per \(weekly ? "week (Monday to Sunday)" : "day") from \(first) to \(last): "
            + "\(count(begun)) started and \(count(completed)) completed in all; the table below gives each day."
    }

    // MARK: A response

    var answers: String { pick("Svaren", "Answers") }
    var variable: String { pick("Variabel", "Variable") }
    var question: String { pick("Fråga", "Question") }
    var answer: String { pick("Svar", "Answer") }
    var personal: String { pick(" (personuppgift)", " (personal data)") }
    /// A yes-or-no answer in words, after its stored `1` or `0`.
    func boolean(_ yes: Bool) -> String { yes ? pick("Ja", "Yes") : pick("Nej", "No") }
    /// A decimal answer as stored (`3.5`) with the language's decimal mark: `3,5` in Swedish.
    func decimal(_ stored: String) -> String { sv ? stored.replacingOccurrences(of: ".", with: ",") : stored }
    var calculated: String { pick("(beräknad)", "(calculated)") }
    var other: String { pick("annat", "other") }
}
