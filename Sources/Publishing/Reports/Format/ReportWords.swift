import Aggregation
import Frameworks
import SurveyDefinition

/// Every fixed text of a report, in Swedish or English.
struct ReportWords: Sendable {
    let language: String
    var sv: Bool { language == "sv" }

    func pick(_ swedish: String, _ english: String) -> String { sv ? swedish : english }
    private var numbers: NumberStyle { NumberStyle(language: language) }

    /// `text` closed as a sentence: a full stop added unless it ends in one or in `?` or `!`.
    func sentence(_ text: String) -> String {
        text.last.map { ".?!".contains($0) } == true ? text : text + "."
    }

    /// The form that fits `count`: `one` for 1, else `other` (`response`, `responses`).
    func plural(_ count: Int, _ one: String, _ other: String) -> String { count == 1 ? one : other }

    // MARK: Page

    func produced(date: String, version: String) -> String {
        pick("Framställd \(date) med Samla \(version).", "Produced on \(date) with Samla \(version).")
    }
    var contents: String { pick("Innehåll", "Contents") }
    var rounds: String { pick("Omgångar", "Rounds") }
    var framework: String { pick("Ramverk", "Framework") }

    func sectionTitle(_ section: ReportSection, roundLabel: String? = nil) -> String {
        switch section {
        case .summary: pick("Sammanfattning", "Summary")
        case .theoryOfChange: pick("Förändringsteori", "Theory of change")
        case .indicators: pick("Indikatorer", "Indicators")
        case .methods: pick("Metod", "Methods")
        case .topline: pick("Fråga för fråga", "Question by question") + (roundLabel.map { ": \($0)" } ?? "")
        }
    }

    // MARK: Status

    func status(_ status: TargetStatus?) -> String {
        switch status {
        case .met: pick("Uppnått", "Met")
        case .onTrack: pick("I fas", "On track")
        case .offTrack: pick("Inte i fas", "Off track")
        case .notMet: pick("Inte uppnått", "Not met")
        case nil: pick("Ingen status", "No status")
        }
    }

    var noTarget: String { pick("inget mål", "no target") }
    var assessedLater: String { pick("bedöms när målet ska vara nått", "assessed when the target is due") }
    var noData: String { pick("inga data ännu", "no data yet") }
    var notInReport: String { pick("mäts inte i rapportens omgångar", "not measured in the report's rounds") }
    /// Why an indicator with responses has no estimate (and so no status): `ingen skattning: REASON`.
    func noEstimate(_ reason: String) -> String { pick("ingen skattning: \(reason)", "no estimate: \(reason)") }
    var tooFew: String { pick("för få svar", "too few responses") }
    /// A figure withheld beside a small one, so that the small one cannot be worked out (see ``suppressionNote(threshold:)``).
    var withheld: String { pick("visas inte", "not shown") }
    /// Several groups of a breakdown withheld in every round for the same reason, on one line:
    /// `18 grupper var för sig` beside `– för få svar`.
    func groupsEach(_ count: Int) -> String { pick("\(count) grupper var för sig", "\(count) groups, each") }
    var everyRound: String { pick("Varje omgång", "Every round") }
    /// A figure withheld by the p % rule (see ``dominanceNote(p:)``).
    var dominated: String { pick("dominerad", "dominated") }
    /// Why a cell is withheld, beside its dash.
    func suppressionReason(_ reason: SuppressedCell.Reason) -> String {
        switch reason {
        case .belowThreshold: tooFew
        case .secondary: withheld
        case .dominated: dominated
        }
    }
    /// What the results may not be taken to speak for: the report's declared `population`
    /// (a phrase in the report's language), else everyone the survey was meant for.
    func representativeness(population: String?) -> String {
        if let population {
            return pick("De beskriver dem som svarade och behöver inte vara representativa för \(population).",
                        "They describe those who answered and need not be representative of \(population).")
        }
        return pick("De beskriver dem som svarade och behöver inte vara representativa för alla som enkäten riktade sig till.",
                    "They describe those who answered and need not be representative of everyone the survey was meant for.")
    }
    /// How the estimates of a post-stratified or raked round are weighted, and what that does not correct.
    func postStratified(roundLabel: String, variables: [String], source: String?) -> String {
        let from = source.map { " (\($0))" } ?? ""
        guard variables.count > 1 else {
            let variable = variables.first ?? ""
            return pick(
                "Skattningarna för \(roundLabel) är viktade till kända antal i populationen efter \(variable)\(from), så kallad efterstratifiering: varje svars vikt är skalad så att de viktade antalen i varje grupp blir lika med populationens. Antal och summor är därför skattningar för hela populationen. Viktningen rättar för gruppernas andelar av svaren, men inte för att de som svarade inom en grupp kan skilja sig från dem som inte svarade.",
                "The estimates for \(roundLabel) are weighted to known population counts by \(variable)\(from), known as post-stratification: each response's weight is scaled so that the weighted count of each group equals the population's. Counts and totals are therefore estimates for the whole population. The weighting corrects for the groups' shares of the responses, but not for differences within a group between those who answered and those who did not.")
        }
        let sv = ResultNote.list(variables, and: "och")
        let en = ResultNote.list(variables, and: "and")
        return pick(
            "Skattningarna för \(roundLabel) är viktade till kända antal i populationen efter \(sv)\(from), så kallad raking: vikterna skalas efter var och en av fördelningarna i tur och ordning, om och om igen, tills de inte längre ändras, så att de viktade antalen i varje grupp av varje variabel blir lika med populationens. Antal och summor är därför skattningar för hela populationen. Viktningen rättar för gruppernas andelar av svaren, men inte för kombinationerna av grupper (de är inte kända), och inte för att de som svarade inom en grupp kan skilja sig från dem som inte svarade.",
            "The estimates for \(roundLabel) are weighted to known population counts by \(en)\(from), known as raking: the weights are scaled to each of these distributions in turn, over and over, until they no longer change, so that the weighted count of each group of each variable equals the population's. Counts and totals are therefore estimates for the whole population. The weighting corrects for the groups' shares of the responses, but not for their combinations (which are not known), nor for differences within a group between those who answered and those who did not.")
    }

    /// How the estimates of a calibrated round are weighted (calibration by `method` within `bounds`
    /// to the population's size, the counts of `counts` and the totals of `totals`), and what that
    /// does not correct.
    func calibrated(
        roundLabel: String, counts: [String], totals: [String], source: String?,
        method: CalibrationMethodName = .linear, bounds: CalibrationRatioBounds? = nil
    ) -> String {
        let from = source.map { " (\($0))" } ?? ""
        let sv = ["populationens storlek"]
            + (counts.isEmpty ? [] : ["antalen efter " + ResultNote.list(counts, and: "och")])
            + (totals.isEmpty ? [] : ["summan av " + ResultNote.list(totals, and: "och")])
        let en = ["the population's size"]
            + (counts.isEmpty ? [] : ["the counts by " + ResultNote.list(counts, and: "and")])
            + (totals.isEmpty ? [] : ["the total of " + ResultNote.list(totals, and: "and")])
        let range = bounds?.written(swedish: self.sv)
        let (svMethod, enMethod): (String, String) = switch method {
        case .linear:
            range.map { ("med linjär kalibrering där varje vikt hålls mellan \($0.lower) och \($0.upper + numbers.wordSpace)gånger sin grundvikt",
                         "by linear calibration with each weight kept between \($0.lower) and \($0.upper) times its base weight") }
                ?? ("med linjär kalibrering (GREG-skattning)", "by linear calibration (the GREG estimator)")
        case .raking:
            ("genom raking (iterativ kalibrering mot flera marginaler), som håller varje vikt över 0" + (range.map { " och mellan \($0.lower) och \($0.upper + numbers.wordSpace)gånger sin grundvikt" } ?? ""),
             "by raking (iterative calibration to several margins), which keeps every weight above 0" + (range.map { " and between \($0.lower) and \($0.upper) times its base weight" } ?? ""))
        case .logit:
            ("med logitkalibrering, som håller varje vikt mellan \(range?.lower ?? "") och \((range?.upper ?? "") + numbers.wordSpace)gånger sin grundvikt",
             "by logit calibration, which keeps each weight between \(range?.lower ?? "") and \(range?.upper ?? "") times its base weight")
        }
        return pick(
            "Skattningarna för \(roundLabel) är kalibrerade till kända uppgifter om populationen, \(ResultNote.list(sv, and: "och"))\(from), \(svMethod): vikterna justeras så lite som möjligt så att de viktade svaren ger exakt dessa antal och summor. Antal och summor är därför skattningar för hela populationen, och skattningar av det som hänger samman med summorna blir säkrare. Kalibreringen rättar för hur svaren fördelar sig på dessa uppgifter, men inte för att de som svarade kan skilja sig på annat sätt från dem som inte svarade.",
            "The estimates for \(roundLabel) are calibrated to known population figures, \(ResultNote.list(en, and: "and"))\(from), \(enMethod): the weights are adjusted as little as possible so that the weighted responses give exactly these counts and totals. Counts and totals are therefore estimates for the whole population, and estimates of what goes with the totals become more precise. The calibration corrects for how the responses are spread over these figures, but not for other differences between those who answered and those who did not.")
    }

    /// The indicators of a weighted round that are not weighted (`poststratify: false`), by title; empty when none.
    func notWeightedToPopulation(_ titles: [String]) -> String {
        guard !titles.isEmpty else { return "" }
        let quoted = titles.map { "”\($0)”" }
        return " " + pick(
            "Undantag: \(ResultNote.list(quoted, and: "och")) är inte viktade, utan räknar eller beskriver dem som svarade.",
            "Not weighted: \(ResultNote.list(titles.map { "“\($0)”" }, and: "and")), which count or describe those who answered.")
    }

    /// The range of the design effects of a weighted round's totals, and what a design effect is
    /// (`low` and `high` written as numbers already; equal when there is one).
    func designEffects(roundLabel: String, low: String, high: String) -> String {
        let meaning = pick(
            "deras varians är så många gånger den som ett obundet slumpmässigt urval med lika många svar skulle ge.",
            "their variance is that many times what a simple random sample of as many responses would give.")
        if low == high {
            return pick("Designeffekten för de viktade skattningarna för \(roundLabel), över alla svar, är \(low): ",
                        "The design effect of the weighted estimates for \(roundLabel), over all responses, is \(low): ") + meaning
        }
        return pick("Designeffekterna för de viktade skattningarna för \(roundLabel), över alla svar, ligger mellan \(low) och \(high): ",
                    "The design effects of the weighted estimates for \(roundLabel), over all responses, range from \(low) to \(high): ") + meaning
    }

    /// The period a topline counts a date question's answers in, and whether its first or last
    /// period takes in a few answers far from the rest.
    func datesCounted(_ dates: DatePeriod.Counts) -> String {
        guard dates.foldsStrayAnswers else { return datesCounted(per: dates.period) }
        return datesCounted(per: dates.period) + " " + pick(
            "De få datum som ligger långt från de andra räknas i den första eller sista perioden, så att de inte drar ut tabellen.",
            "The few dates far from the rest are counted in the first or last period, so that they do not stretch the table.")
    }

    private func datesCounted(per period: DatePeriod) -> String {
        switch period {
        case .month: pick("Datumen räknas per månad.", "Dates are counted by month.")
        case .quarter: pick("Datumen räknas per kvartal, så att tabellen blir kort och antalen stora nog att visa.", "Dates are counted by quarter, to keep the table short and its counts large enough to show.")
        case .year: pick("Datumen räknas per år, så att tabellen blir kort och antalen stora nog att visa.", "Dates are counted by year, to keep the table short and its counts large enough to show.")
        case .decade: pick("Datumen räknas per decennium, så att tabellen blir kort och antalen stora nog att visa.", "Dates are counted by decade, to keep the table short and its counts large enough to show.")
        }
    }
    var statusExplanation: String {
        pick("Status jämför den senaste skattningen med målet: uppnått när skattningen når målet, i fas när den ligger på eller över en rak linje från utgångsvärdet till målet, annars inte i fas; i målets egen omgång är en skattning som inte når målet inte uppnådd. Intervallet visar hur säker skattningen är.",
             "Status compares the latest estimate with the target: met when the estimate reaches the target, on track when it is on or beyond a straight path from the baseline to the target, otherwise off track; in the target's own round, an estimate short of the target has not met it. The interval shows how certain the estimate is.")
    }

    // MARK: Tables

    var indicator: String { pick("Indikator", "Indicator") }
    var latest: String { pick("Senaste värde", "Latest value") }
    var round: String { pick("Omgång", "Round") }
    var target: String { pick("Mål", "Target") }
    var statusHeader: String { "Status" }
    var change: String { pick("Förändring", "Change") }
    var group: String { pick("Grupp", "Group") }
    var estimate: String { pick("Skattning", "Estimate") }
    var interval: String { numbers.percent(whole: 95) + pick(" konfidensintervall", " confidence interval") }
    var baseline: String { pick("Utgångsvärde", "Baseline") }
    /// A value and the round it belongs to: `70,0 % i ESEM 2027` (round labels may carry their own parentheses).
    func valueIn(_ value: String, _ round: String) -> String { pick("\(value) i \(round)", "\(value) in \(round)") }
    var total: String { pick("Totalt", "Total") }
    var count: String { pick("Antal", "Count") }
    var share: String { pick("Andel", "Share") }
    var notAnswered: String { pick("Inte besvarad", "Not answered") }
    var node: String { pick("Del av förändringsteorin", "Part of the theory of change") }
    var level: String { pick("Nivå", "Level") }
    var contributesTo: String { pick("Bidrar till", "Contributes to") }
    var indicators: String { pick("Indikatorer", "Indicators") }
    var none: String { pick("inga", "none") }
    var reportedValue: String { pick("rapporterat värde", "reported value") }
    var percentagePoints: String { pick("procentenheter", "percentage points") }
    /// The short form of ``percentagePoints``, shown after a change in a narrow column.
    var percentagePointsShort: String { pick("p.e.", "pp") }

    func changeSince(_ round: String) -> String { pick("sedan \(round)", "since \(round)") }

    func levelName(_ level: NodeLevel, plural: Bool = false) -> String {
        switch level {
        case .impact: pick("Effekt", "Impact")
        case .outcome: plural ? pick("Utfall", "Outcomes") : pick("Utfall", "Outcome")
        case .output: plural ? pick("Prestationer", "Outputs") : pick("Prestation", "Output")
        case .activity: plural ? pick("Aktiviteter", "Activities") : pick("Aktivitet", "Activity")
        }
    }

    // MARK: Suppression

    var suppressedMark: String { "–" }
    func suppressionNote(threshold: String) -> String {
        pick("– visas inte: för få svar (en bas under \(threshold)), eller undanhållen så att en liten grupp inte kan räknas fram ur totalen och de andra grupperna.",
             "– not shown: too few responses (a base under \(threshold)), or withheld so that a small group cannot be worked out from the total and the other groups.")
    }
    /// Under an indicator's table with a cell withheld by the p % rule; `p` with its percent sign.
    func dominanceNote(p: String) -> String {
        pick("– dominerad: ett enda svar står för nästan hela summan. Svaren utom de två största bidrar tillsammans med mindre än \(p) av det största, så siffran skulle nästan avslöja det största svarets värde. Celler bredvid visas inte heller, så att cellen inte kan räknas fram ur totalen.",
             "– dominated: a single response makes up nearly all of the sum. The responses other than the two largest together contribute less than \(p) of the largest, so the figure would all but give away the largest response's value. Cells beside it are not shown either, so that it cannot be worked out from the total.")
    }
    /// Under a topline whose numbers' means are withheld by the p % rule; `p` with its percent sign.
    func dominatedMeanNote(p: String) -> String {
        pick("– dominerad: ett enda svar står för nästan hela summan av svaren. Svaren utom de två största bidrar tillsammans med mindre än \(p) av det största, så medelvärdet (gånger antalet svar) skulle nästan avslöja det största svarets värde. Kvartilerna och medianen visas.",
             "– dominated: a single answer makes up nearly all of the answers' sum. The answers other than the two largest together contribute less than \(p) of the largest, so the mean (times the number of answers) would all but give away the largest answer's value. The quartiles and the median are shown.")
    }
    /// A cell of an indicator's table: `Totalt i Klubb 2025`, `Total in Club 2025`.
    func cellPlace(group: String, round: String) -> String { pick("\(group) i \(round)", "\(group) in \(round)") }
    /// Under an indicator's table, why cells show – without being withheld: the engine's reason,
    /// and, in a table of several rounds, that no change is shown from or to such a cell.
    func noEstimateNote(places: [String], reason: String, comparesRounds: Bool) -> String {
        let cells = list(places)
        return comparesRounds
            ? pick("– ingen skattning, och därför ingen förändring, för \(cells): \(reason).",
                   "– no estimate, and so no change, for \(cells): \(reason).")
            : pick("– ingen skattning för \(cells): \(reason).", "– no estimate for \(cells): \(reason).")
    }
    /// `a`, `a and b`, `a, b and c` (`och` in Swedish).
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + pick(" och ", " and ") + items.last!
    }
    /// The p of the p % rule as a reader reads it: `10 %`, `12,5 %`.
    func pPercent(_ p: Double) -> String { numbers.decimal(p, digits: p == p.rounded() ? 0 : 1) + numbers.percentSign }
    /// The methods' paragraph on the p % rule; `p` with its percent sign.
    func dominanceRule(p: String) -> String {
        pick("En summa, ett medelvärde eller en kvot visas inte heller när ett enda svar dominerar den (p %-regeln, för indikatorer som bygger på storheter som antal anställda): när svaren utom de två största tillsammans bidrar med mindre än \(p) av det största, skulle siffran nästan avslöja det största svarets värde. Då döljs också den minsta av de visade grupperna bredvid, tills de dolda tillsammans klarar regeln.",
             "A sum, mean or ratio is not shown either when a single response dominates it (the p % rule, for indicators built on magnitudes such as staff numbers): when the responses other than the two largest together contribute less than \(p) of the largest, the figure would all but give away the largest response's value. The smallest of the groups shown beside it is then withheld too, until the withheld groups pass the rule together.")
    }
    /// The methods' paragraph on the p % rule in a topline; `p` with its percent sign.
    func toplineDominanceRule(p: String) -> String {
        pick("Frågornas medelvärden visas inte när ett enda svar dominerar summan av svaren (p %-regeln): när svaren utom de två största tillsammans bidrar med mindre än \(p) av det största, skulle medelvärdet gånger antalet svar nästan avslöja det största svarets värde. Kvartilerna och medianen visas då ändå; lådagrammets axel räknas utan medelvärdet.",
             "A question's mean is not shown when a single answer dominates the answers' sum (the p % rule): when the answers other than the two largest together contribute less than \(p) of the largest, the mean times the number of answers would all but give away the largest answer's value. The quartiles and the median are still shown; the box chart's axis is drawn without the mean.")
    }
    func suppressionRule(minCell: Int, minBase: Int) -> String {
        pick("En siffra visas bara när minst \(numbers.count(minCell, "svar")) ligger bakom den, och en andel bara när basen är minst \(numbers.count(minBase, "svar")). Så länge en för liten grupp i en uppdelning, eller ett för litet antal i en fråga, kan räknas fram ur totalen och de visade siffrorna döljs också den minsta av de visade, så att ingen dold siffra kan räknas fram. Dolda celler visas som – och har aldrig någon siffra i rapporten.",
             "A figure is shown only when at least \(minCell) responses lie behind it, and a share only when its base is at least \(minBase) responses. As long as a group of a breakdown that is too small, or a count of a question's answers, could be worked out from the total and the figures shown, the smallest of those shown is withheld too, so that no withheld figure can be worked out. Withheld cells are shown as – and carry no figure anywhere in the report.")
    }

    // MARK: Units

    /// A unit label in the report language, as the form shows it (units are written in English in
    /// definitions); nil for `percent`, which is shown as `%`.
    func unit(_ unit: String?) -> String? {
        guard let unit, unit != "percent" else { return nil }
        return UnitWords.shown(unit, language: language)
    }
}
