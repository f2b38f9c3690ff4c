import Aggregation
import Diagnostics
import Estimators
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition
import Testing
@testable import Reports

/// A whole report over the club fixture: order of sections, escaping, suppression, cleaning,
/// personal data, language, and that the file needs nothing from outside.
struct ReportRenderingTests {
    @Test func theSummaryComesFirstAndEverySectionFollowsInOrder() throws {
        let html = try ClubFixture().render()
        let headings = ["<h2 id=\"s1-summary\">Sammanfattning</h2>", "<h2 id=\"s2-theory-of-change\">Förändringsteori</h2>",
                        "<h2 id=\"s3-indicators\">Indikatorer</h2>", "<h2 id=\"s4-methods\">Metod</h2>",
                        "<h2 id=\"s5-topline\">Fråga för fråga: Klubb 2025</h2>"]
        let positions = headings.map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(headings.filter { !html.contains($0) })")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
    }

    /// The methods section must not say something false about whom the results are about: it names
    /// the population the report declares, else speaks of whom the survey was meant for.
    @Test(arguments: [("sv", "alla som enkäten riktade sig till"), ("en", "everyone the survey was meant for")])
    func theMethodsSectionSpeaksOfThePopulationTheReportDeclares(language: String, generic: String) throws {
        let fixture = try ClubFixture()
        var definition = try fixture.definition()
        definition.language = language
        let undeclared = try ReportGenerator(definition: definition, framework: fixture.framework, store: fixture.store,
                                             today: ClubFixture.today, samlaVersion: "test").render().html
        #expect(undeclared.contains(generic))
        definition.population = ["sv": "alla klubbens medlemmar", "en": "all members of the club"]
        let declared = try ReportGenerator(definition: definition, framework: fixture.framework, store: fixture.store,
                                           today: ClubFixture.today, samlaVersion: "test").render().html
        #expect(declared.contains(language == "sv" ? "representativa för alla klubbens medlemmar." : "representative of all members of the club."))
        for html in [undeclared, declared] {
            #expect(!html.contains("sociala företag") && !html.contains("social enterprises"))
        }
    }

    /// The club fixture's report in `language` with its framework edited by `edit`, and that framework.
    static func report(language: String, framework edit: (String) -> String) throws -> (framework: Framework, html: String, fixture: ClubFixture) {
        let fixture = try ClubFixture()
        var definition = try fixture.definition()
        definition.language = language
        let text = edit(try String(contentsOfFile: ClubFixture.path("club-toc.yaml"), encoding: .utf8))
        let loaded = FrameworkLoader.load(text: text, path: "club-toc.yaml", surveys: SurveyCatalogue([fixture.document.survey]))
        let framework = try #require(loaded.framework, "\(loaded.diagnostics)")
        let html = try ReportGenerator(definition: definition, framework: framework, store: fixture.store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        return (framework, html, fixture)
    }

    /// `text` with round club-2024 weighted to population counts: `poststratify` as written, from the federation's register.
    static func weighting2024(_ poststratify: String) -> (String) -> String {
        { text in
            text.replacingOccurrences(
                of: "  - {name: club-2024, survey: club, label: {sv: \"Klubb 2024\", en: \"Club 2024\"}}",
                with: "  - {name: club-2024, survey: club, label: {sv: \"Klubb 2024\", en: \"Club 2024\"}, poststratify: {\(poststratify), "
                    + "source: {sv: \"Förbundets register\", en: \"The federation register\"}}}")
        }
    }

    /// A round weighted to population counts says so in the methods section, with the source.
    @Test(arguments: [("sv", "Skattningarna för Klubb 2024 är viktade till kända antal i populationen efter size (Förbundets register)"),
                      ("en", "The estimates for Club 2024 are weighted to known population counts by size (The federation register)")])
    func theMethodsSectionSaysWhichRoundsArePostStratified(language: String, sentence: String) throws {
        // Every response of club-2024 is of a small club.
        let (framework, html, fixture) = try Self.report(language: language, framework: Self.weighting2024("variable: size, counts: {small: 120}"))
        #expect(framework.round("club-2024")?.poststratify != nil)
        #expect(html.contains(sentence))
        #expect(html.contains(language == "sv" ? "eller omgången är viktad till populationen" : "or the round is weighted to the population"))
        #expect(!html.contains(language == "sv" ? "Skattningarna för Klubb 2025" : "The estimates for Club 2025"))
        let plain = try fixture.render(language: language)
        #expect(!plain.contains(language == "sv" ? "efterstratifiering" : "post-stratification"))
    }

    /// An indicator kept out of a round's weighting (`poststratify: false`) is named by its title after the round's paragraph.
    @Test(arguments: [("sv", "(Förbundets register), så kallad efterstratifiering", "Undantag: ”Medelbetyg” är inte viktade, utan räknar eller beskriver dem som svarade."),
                      ("en", "(The federation register), known as post-stratification", "Not weighted: “Mean score”, which count or describe those who answered.")])
    func theMethodsSectionNamesIndicatorsLeftUnweighted(language: String, weighted: String, exception: String) throws {
        let (framework, html, _) = try Self.report(language: language) { text in
            Self.weighting2024("variable: size, counts: {small: 120}")(text)
                .replacingOccurrences(of: "    value: \"${score}\"\n    unit: points\n", with: "    value: \"${score}\"\n    unit: points\n    poststratify: false\n")
        }
        #expect(framework.indicators.first { $0.id == "mean_score" }?.followsRoundWeighting == false)
        #expect(html.contains(weighted))
        #expect(html.contains(exception))
    }

    /// A raked round names every margin in the methods section, and says what raking does not correct.
    @Test(arguments: [("sv", "Skattningarna för Klubb 2024 är viktade till kända antal i populationen efter member och size (Förbundets register), så kallad raking", "men inte för kombinationerna av grupper"),
                      ("en", "The estimates for Club 2024 are weighted to known population counts by member and size (The federation register), known as raking", "but not for their combinations")])
    func theMethodsSectionNamesEveryMarginOfARakedRound(language: String, sentence: String, limit: String) throws {
        // Every response of club-2024 is of a small club whose respondent is a member.
        let (framework, html, _) = try Self.report(
            language: language,
            framework: Self.weighting2024("margins: [{variable: member, counts: {\"yes\": 120}}, {variable: size, counts: {small: 120}}]"))
        #expect(framework.round("club-2024")?.poststratify?.isRaking == true)
        #expect(html.contains(sentence))
        #expect(html.contains(limit))
        #expect(!html.contains(language == "sv" ? "efterstratifiering" : "post-stratification"))
    }

    /// A calibrated round names the population's size, counts and totals it is calibrated to in
    /// the methods section, and says what calibration does not correct.
    @Test(arguments: [("sv", "Skattningarna för Klubb 2024 är kalibrerade till kända uppgifter om populationen, populationens storlek, antalen efter size och summan av score (Förbundets register), med linjär kalibrering (GREG-skattning)", "men inte för att de som svarade kan skilja sig på annat sätt"),
                      ("en", "The estimates for Club 2024 are calibrated to known population figures, the population&#39;s size, the counts by size and the total of score (The federation register), by linear calibration (the GREG estimator)", "but not for other differences")])
    func theMethodsSectionSaysWhatARoundIsCalibratedTo(language: String, sentence: String, limit: String) throws {
        // 30 members of small clubs, 15 scoring 5 and 15 scoring 2: a total of 480 for 120 clubs is a mean of 4.
        let (framework, html, fixture) = try Self.report(language: language) { text in
            text.replacingOccurrences(
                of: "  - {name: club-2024, survey: club, label: {sv: \"Klubb 2024\", en: \"Club 2024\"}}",
                with: "  - {name: club-2024, survey: club, label: {sv: \"Klubb 2024\", en: \"Club 2024\"}, calibrate: {counts: {size: {small: 120}}, "
                    + "totals: {score: 480}, source: {sv: \"Förbundets register\", en: \"The federation register\"}}}")
        }
        #expect(framework.round("club-2024")?.poststratify?.calibration != nil)
        #expect(html.contains(sentence))
        #expect(html.contains(limit))
        #expect(html.contains(language == "sv" ? "eller omgången är viktad till populationen" : "or the round is weighted to the population"))
        #expect(!html.contains(language == "sv" ? "efterstratifiering" : "post-stratification"))
        let results = try Aggregator(framework: framework, store: fixture.store, language: language).compute()
        let mean = try #require(results.rows.first { $0.indicator == "mean_score" && $0.round == "club-2024" && $0.group.isTotal }?.outcome.published)
        #expect(abs(mean.value - 4) < 1e-9)
    }

    /// A round calibrated by raking or logit says so in the methods section, with its bounds, not
    /// that it is linear calibration.
    @Test(arguments: [("sv", "method: raking", "summan av score, genom raking (iterativ kalibrering mot flera marginaler), som håller varje vikt över 0: vikterna justeras"),
                      ("en", "method: raking", "the total of score, by raking (iterative calibration to several margins), which keeps every weight above 0: the weights are adjusted"),
                      ("sv", "method: raking, bounds: [0.5, 3]", "genom raking (iterativ kalibrering mot flera marginaler), som håller varje vikt över 0 och mellan 0,5 och 3\u{A0}gånger sin grundvikt:"),
                      ("sv", "method: logit, bounds: [0.5, 3]", "med logitkalibrering, som håller varje vikt mellan 0,5 och 3\u{A0}gånger sin grundvikt:"),
                      ("en", "method: logit, bounds: [0.5, 3]", "by logit calibration, which keeps each weight between 0.5 and 3 times its base weight:"),
                      ("en", "bounds: [0.5, 3]", "by linear calibration with each weight kept between 0.5 and 3 times its base weight:")])
    func theMethodsSectionNamesTheCalibrationMethod(language: String, method: String, phrase: String) throws {
        // 30 members of small clubs, 15 scoring 5 and 15 scoring 2, weighted to 45 clubs scoring 165 in all.
        let (framework, html, _) = try Self.report(language: language) { text in
            text.replacingOccurrences(
                of: "  - {name: club-2024, survey: club, label: {sv: \"Klubb 2024\", en: \"Club 2024\"}}",
                with: "  - {name: club-2024, survey: club, label: {sv: \"Klubb 2024\", en: \"Club 2024\"}, calibrate: {counts: {size: {small: 45}}, "
                    + "totals: {score: 165}, \(method)}}")
        }
        #expect(framework.round("club-2024")?.poststratify?.calibration?.method.rawValue == (method.contains("logit") ? "logit" : method.contains("raking") ? "raking" : "linear"))
        #expect(html.contains(phrase), "\(phrase)")
        #expect(!html.contains(language == "sv" ? "GREG-skattning" : "the GREG estimator"))
    }

    /// A weighted round gives the range of its totals' design effects in the methods section; an
    /// unweighted one says nothing of design effects. Both indicators are weighted by the score here.
    @Test(arguments: [("sv", "Designeffekterna för de viktade skattningarna för Klubb 2025, över alla svar, ligger mellan ", " och ",
                       ": deras varians är så många gånger den som ett obundet slumpmässigt urval med lika många svar skulle ge."),
                      ("en", "The design effects of the weighted estimates for Club 2025, over all responses, range from ", " to ",
                       ": their variance is that many times what a simple random sample of as many responses would give.")])
    func theMethodsSectionGivesTheRangeOfAWeightedRoundsDesignEffects(language: String, opening: String, between: String, closing: String) throws {
        let (framework, html, fixture) = try Self.report(language: language) { text in
            text.replacingOccurrences(of: "    numerator: \"${score} >= 4\"\n", with: "    numerator: \"${score} >= 4\"\n    weight: score\n")
                .replacingOccurrences(of: "    value: \"${score}\"\n", with: "    value: \"${score}\"\n    weight: score\n")
        }
        let results = try Aggregator(framework: framework, store: fixture.store, language: language).compute()
        let effects = results.rows.filter { $0.round == "club-2025" && $0.group.isTotal }.compactMap { $0.outcome.published?.estimate?.designEffect }
        #expect(effects.count == 2)
        let numbers = NumberStyle(language: language)
        let sentence = opening + numbers.decimal(effects.min()!, digits: 2) + between + numbers.decimal(effects.max()!, digits: 2) + closing
        #expect(effects.min()! < effects.max()! && html.contains(sentence), "\(sentence)")
        let plain = try fixture.render(language: language)
        #expect(!plain.contains(language == "sv" ? "Designeffekt" : "design effect"))
    }

    @Test func everyTextFromDefinitionsAndAnswersIsEscaped() throws {
        let html = try ClubFixture().render()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>&"))
        #expect(html.contains("Liten &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Klubbens rapport &lt;i&gt;2025&lt;/i&gt;"))
        // The hostile remark was given by 6 respondents, so it is listed, escaped.
        #expect(html.contains("<q dir=\"auto\">&lt;img src=x onerror=alert(1)&gt; bra &amp; &quot;fint&quot;</q> (6)"))
    }

    /// An open answer in a right-to-left script must not take the count after it into its direction
    /// (the bidirectional algorithm would show "(6)" before the Hebrew words): each answer is isolated.
    @Test func openAnswersAreIsolatedFromTheCountAfterThem() throws {
        let html = try ClubFixture().render()
        let list = try #require(html.range(of: "<ul class=\"open-answers\">").map { String(html[$0.upperBound...]) })
        let items = list.prefix(upTo: try #require(list.range(of: "</ul>")).lowerBound).components(separatedBy: "<li>").dropFirst()
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0.hasPrefix("<q dir=\"auto\">") }, "\(items)")
    }

    @Test func theFileIsSelfContained() throws {
        let html = try ClubFixture().render()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url(http"))
        let addresses = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(addresses.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") }, "\(addresses)")
    }

    @Test func aSmallGroupShowsADashAndNeverItsFigures() throws {
        let html = try ClubFixture().render()
        // Tiny: 3 responses, all happy. Its row says "< 10" (a no-break space in Swedish, so that a
        // narrow cell does not break the sign from its number) and shows no estimate.
        let tinyRow = try #require(Self.row(in: html, startingWith: "<tr><th scope=\"row\">Pytteliten</th><td class=\"round\">Klubb 2025</td>"))
        #expect(tinyRow.contains("<td class=\"num\">&lt;\u{00A0}10</td><td class=\"num\">– för få svar</td><td class=\"num\">–</td>"))
        #expect(!html.contains("100,0\u{00A0}%"))
        #expect(html.contains("– visas inte: för få svar (en bas under 10)"))
        // The total of 2025: 26 happy of 40 kept (the test response removed).
        let total = try #require(Self.row(in: html, startingWith: "<tr class=\"total\"><th scope=\"row\">Totalt</th><td class=\"round\">Klubb 2025</td>"))
        #expect(total.contains("<td class=\"num\">40</td><td class=\"num\">65,0\u{00A0}%</td>"))
        // The change since the round before, with the interval of the difference.
        #expect(total.contains("<td class=\"num\">+15,0 (\u{2212}7,9 till 36,2)</td>"))
    }

    @Test func baselinesAndTargetsNameTheirRoundAndCountsHaveNoEmptyIntervalColumn() throws {
        let html = try ClubFixture().render()
        #expect(html.contains("<li>Utgångsvärde: 50,0\u{00A0}% i Klubb 2024</li><li>Mål: 60,0\u{00A0}% i Klubb 2025</li>"))
        #expect(html.contains("<li>Mål: 10 i År 2025</li>"))
        // meetings is a reported value: no n, no interval, and a caption that promises none.
        let meetings = try #require(html.range(of: "<article class=\"indicator\" id=\"ind-meetings\"").map { String(html[$0.lowerBound...]) })
        let article = String(meetings.prefix(upTo: try #require(meetings.range(of: "</article>")).upperBound))
        #expect(article.contains("<figcaption id=\"chart-meetings-caption\">Värde per omgång och grupp</figcaption>"))
        #expect(!article.contains("konfidensintervall"))
        // One round only: no change to show, and no column standing empty for it.
        #expect(article.contains("<th scope=\"col\" class=\"num\">Skattning</th></tr>"))
    }

    @Test func statusesReadAsWordsBesideTheirShapes() throws {
        let html = try ClubFixture().render()
        // happy: 65 % against a target of 60 % in 2025: met. meetings: 12 against 10: met.
        #expect(html.contains("<span class=\"count\">2</span><svg class=\"status-icon\""))
        #expect(html.contains("Uppnått"))
        // mean_score has no target.
        #expect(html.contains("<span class=\"note\">inget mål</span>"))
    }

    /// A target whose round has come and gone unreached is "not met", not "off track" (which says
    /// there is still time), and its node takes the worst status.
    @Test func aTargetMissedInItsOwnRoundIsNotMet() throws {
        let fixture = try ClubFixture()
        let framework = try fixture.framework { $0.replacingOccurrences(of: "targets: {club-2025: 0.6}", with: "targets: {club-2025: 0.7}") }
        let html = try fixture.render(framework: framework)
        // happy: 65 % against 70 % in club-2025, its target's own round. meetings: 12 against 10: met.
        #expect(html.contains("<li class=\"tile met\"><span class=\"count\">1</span>"))
        #expect(html.contains("<li class=\"tile off-track\"><span class=\"count\">0</span>"))
        #expect(html.contains("<li class=\"tile not-met\"><span class=\"count\">1</span>"))
        #expect(html.contains("<li>Status: <span class=\"status not-met\">"), "the indicator's own facts")
        // Its shape beside the word is a cross, as the others have a circle, diamond, triangle and square.
        #expect(html.contains("<span class=\"status not-met\"><svg class=\"status-icon\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M2 2L12 12M12 2L2 12\" fill=\"none\" stroke=\"#7a1c12\""))
        // The node happy_members (happy and mean_score, which has no target) is drawn as not met.
        let nodes = html.components(separatedBy: "<span class=\"status not-met\">").count - 1
        #expect(nodes == 4, "the facts, the summary row, the legend and the node in the table: \(nodes)")
        let english = try fixture.render(language: "en", framework: framework)
        #expect(english.contains("Not met") && !english.contains("Off track</span></td>"))
    }

    @Test func theToplineCountsTheCleanedResponsesAndHidesPersonalData() throws {
        let html = try ClubFixture().render()
        #expect(html.contains("40\u{A0}svar kvar efter rensning (41\u{A0}lästa, 1\u{A0}borttaget enligt rensningsreglerna)"))
        let small = try #require(Self.row(in: html, startingWith: "<tr><th scope=\"row\">Liten &lt;script&gt;alert(1)&lt;/script&gt;</th><td class=\"num\">"))
        #expect(small.contains(">20<"))
        #expect(!html.contains("secret"))
        #expect(html.contains("Personuppgift: svaren visas inte (20\u{A0}besvarade frågan)."))
        // Tiny (3) is withheld in the topline too, and so is the next smallest (large, 17).
        let tiny = try #require(Self.row(in: html, startingWith: "<tr><th scope=\"row\">Pytteliten</th><td class=\"num\">"))
        #expect(tiny.contains("<td class=\"num\">–</td>"))
    }

    @Test func aToplineDateAnsweredByTooFewShowsNoMonth() throws {
        // Two members gave the day they joined, both in June 2025: the month alone would tell it.
        let html = try ClubFixture().render()
        #expect(html.contains("När gick du med?"))
        #expect(!html.contains("2025-06"))
        #expect(html.contains("(joined)</span></h4><p class=\"note\">– för få svar (n &lt; 5)</p>"))
    }

    @Test func theCountOfOtherTextsDoesNotGiveAwayAWithheldOther() throws {
        // Two chose other, withheld in the table (and friend with it); their two texts must not tell it.
        let html = try ClubFixture().render()
        let other = try #require(Self.row(in: html, startingWith: "<tr><th scope=\"row\">Annat</th><td class=\"num\">"))
        #expect(other.contains("<td class=\"num\">–</td>"))
        #expect(html.contains("Svar under ”Annat”:</p><p>– svarade med fritext (för få svar).</p>"))
        #expect(!html.contains("2 svarade med fritext"))
    }

    @Test func theCountOfOtherTextsDoesNotGiveAwayAnOtherWithheldBesideASmallChoice() throws {
        // Friend 30, web 3 (withheld), other 7: other is withheld too, as the next smallest, so that
        // web cannot be worked out from the base. Seven other texts (six of them "Radio") would tell it.
        let fixture = try ClubFixture()
        try fixture.store.insertCompleteResponses(round: "club-2025", document: fixture.document, source: .import) { inserter in
            for heard in ["web", "web", "web", "other", "other", "other", "other", "other"] {
                let values: [AnswerValue?] = [.choice("yes"), .choice("large"), .integer(4), nil, nil, nil, .choice(heard),
                                              heard == "other" ? .text("Radio") : nil]
                try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
            }
        }
        let html = try fixture.render()
        let web = try #require(Self.row(in: html, startingWith: "<tr><th scope=\"row\">På webben</th><td class=\"num\">"))
        let other = try #require(Self.row(in: html, startingWith: "<tr><th scope=\"row\">Annat</th><td class=\"num\">"))
        #expect(web.contains("<td class=\"num\">–</td>") && other.contains("<td class=\"num\">–</td>"))
        #expect(!html.contains("7 svarade med fritext"))
        #expect(!html.contains("Radio</q>"), "the count of the most frequent other text would give the other count away too")
        #expect(html.contains("Svar under ”Annat”:</p><p>– svarade med fritext (undanhållet"))
    }

    @Test func aPeriodWithheldBesideOthersCannotBeWorkedOutFromTheBase() throws {
        // Joined: 10 in the 2020s (2 in the fixture), 3 in the 1990s, too far apart for months,
        // quarters or years. The 1990s are withheld; so must the 2020s be, or 1990s = base 13 − 10.
        let fixture = try ClubFixture()
        let days = Array(repeating: CalendarDate(year: 2025, month: 6, day: 2)!, count: 8) + Array(repeating: CalendarDate(year: 1995, month: 7, day: 9)!, count: 3)
        try fixture.store.insertCompleteResponses(round: "club-2025", document: fixture.document, source: .import) { inserter in
            for day in days {
                let values: [AnswerValue?] = [.choice("yes"), .choice("large"), .integer(4), nil, nil, .date(day), nil, nil]
                try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
            }
        }
        let html = try fixture.render()
        #expect(html.contains("Bas: 13 som besvarade frågan"))
        #expect(html.contains("Datumen räknas per decennium"))
        let recent = try #require(Self.row(in: html, startingWith: "<tr><th scope=\"row\">2020-talet</th><td class=\"num\">"))
        let early = try #require(Self.row(in: html, startingWith: "<tr><th scope=\"row\">1990-talet</th><td class=\"num\">"))
        #expect(early.contains("<td class=\"num\">–</td>"))
        #expect(recent.contains("<td class=\"num\">–</td>"), "\(recent)")
        // The decades between them had no answers: a count of 0 tells nothing about anyone.
        #expect(html.contains("<tr><th scope=\"row\">2000-talet</th><td class=\"num\">0</td>"))
    }

    @Test func englishReportsUseEnglishWordsAndNumbers() throws {
        let html = try ClubFixture().render(language: "en")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<h2 id=\"s1-summary\">Summary</h2>"))
        #expect(html.contains("<td class=\"num\">65.0%</td>"))
        #expect(html.contains("Produced on 2 March 2026 with Samla test."))
    }

    /// Swedish writes a percentage with a no-break space before `%` (U+00A0) everywhere in a
    /// report, so that a narrow screen never breaks the sign from its number: the topline's note
    /// ("mer än 100 %") had a plain space. English writes `100%`.
    @Test(arguments: [("sv", "bli mer än 100\u{A0}%.", "95\u{A0}% konfidensintervall"), ("en", "more than 100%.", "95% confidence interval")])
    func everyPercentageKeepsItsSignWithItsNumber(language: String, note: String, interval: String) throws {
        let html = try ClubFixture().render(language: language)
        #expect(html.contains(note))
        #expect(html.contains(interval))
        var broken: [String] = []
        for match in html.ranges(of: /[0-9] %/) {
            let start = html.index(match.lowerBound, offsetBy: -40, limitedBy: html.startIndex) ?? html.startIndex
            broken.append(String(html[start..<match.upperBound]))
        }
        #expect(broken.isEmpty, "a percentage with a plain space: \(broken)")
        if language == "en" { #expect(!html.contains("\u{A0}%")) }
    }

    /// The summary's change column mixes shares and counts, so a share's change names its unit: shown
    /// short, and said in full to a screen reader, which does not read an abbreviation's title.
    @Test(arguments: [("sv", "p.e.", "procentenheter", "+15,0"), ("en", "pp", "percentage points", "+15.0")])
    func theSummaryGivesAShareItsChangeInPercentagePoints(language: String, short: String, long: String, change: String) throws {
        let html = try ClubFixture().render(language: language)
        let summary = try #require(html.range(of: "id=\"s1-summary\"").map { String(html[$0.upperBound...]) })
        let table = String(summary.prefix(upTo: try #require(summary.range(of: "</table>")).lowerBound))
        let rows = table.components(separatedBy: "<tr>").dropFirst()
        let happy = try #require(rows.first { $0.contains("#ind-happy") })
        #expect(happy.contains("\(change)\u{A0}<abbr title=\"\(long)\" aria-hidden=\"true\">\(short)</abbr><span class=\"visually-hidden\">\(long)</span><br>"), "\(happy)")
        #expect(rows.filter { !$0.contains("#ind-happy") }.allSatisfy { !$0.contains("<abbr") })
    }

    /// In the Swedish report a count keeps the word it counts on its line, as `45,2 %` keeps its
    /// sign: the summary's lead, the suppression rule, the open answers and the cleaning table.
    @Test func swedishCountsAreJoinedToTheirWordsByANoBreakSpace() throws {
        let html = try ClubFixture().render()
        for text in ["Läget för ramverkets 3\u{A0}indikatorer i den senaste omgången",
                     "En siffra visas bara när minst 5\u{A0}svar ligger bakom den, och en andel bara när basen är minst 10\u{A0}svar.",
                     "6\u{A0}svarade med fritext (1\u{A0}olika svar).",
                     "De vanligaste svaren som minst 5\u{A0}har gett:"] {
            #expect(html.contains(text), "\(text)")
        }
        let english = try ClubFixture().render(language: "en")
        #expect(english.contains("A figure is shown only when at least 5 responses lie behind it"))
    }

    @Test func aCountOfOneTakesTheSingular() throws {
        // The club's framework has one activity and one output; six gave the same remark.
        let fixture = try ClubFixture()
        let swedish = try fixture.render()
        #expect(swedish.contains("Diagram över förändringsteorin: 1\u{A0}aktivitet leder till 1\u{A0}prestation, som bidrar till 2\u{A0}utfall"))
        let english = try fixture.render(language: "en")
        #expect(english.contains("Diagram of the theory of change: 1 activity leads to 1 output, which contribute to 2 outcomes"))
        #expect(english.contains("6 answered in their own words (1 different answer)."))
        #expect(english.contains("40 responses kept after cleaning"))
    }

    /// The speed rule's line in the cleaning log: its description in the report's language, the
    /// imported responses it could not time (not the imported test response, removed before it),
    /// and the fast web response it removed.
    @Test func theCleaningLogShowsTheSpeedRule() throws {
        let fixture = try ClubFixture()
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        func store(at minutes: Double) throws -> SQLiteStore {
            try SQLiteStore(path: fixture.store.path, clock: { start.addingTimeInterval(minutes * 60) })
        }
        for minutes in [1.0, 5.0] {
            let begun = try store(at: 0).createResponse(NewResponse(round: "club-2025", language: "sv", source: .web),
                                                        today: CalendarDate(year: 2025, month: 6, day: 15)!)
            try store(at: minutes).saveAnswers(["member": .choice("yes"), "size": .choice("small"), "score": .integer(4)], response: begun.id, currentPage: nil)
            _ = try store(at: minutes).completeResponse(begun.id)
        }
        let text = try String(contentsOfFile: ClubFixture.path("club-toc.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    test: \"${remark} = 'TEST'\"\n", with: "    test: \"${remark} = 'TEST'\"\n    min_minutes: 2.5\n")
        let framework = try #require(FrameworkLoader.load(text: text, path: "club-toc.yaml", surveys: SurveyCatalogue([fixture.document.survey])).framework)
        for (language, rule) in [
            ("sv", "För snabba: besvarade på under 2,5\u{00A0}minuter; 40\u{00A0}inte tidtagna: insamlade genom import eller API</td><td class=\"num\">1</td>"),
            ("en", "Too fast: completed in under 2.5\u{00A0}minutes; 40 not timed: collected by import or the API</td><td class=\"num\">1</td>"),
        ] {
            var definition = try fixture.definition()
            definition.language = language
            let html = try ReportGenerator(definition: definition, framework: framework, store: fixture.store, today: ClubFixture.today, samlaVersion: "test").render().html
            #expect(html.contains(rule), "\(html)")
        }
    }

    @Test func theTheoryOfChangePutsAnOutcomeNextToTheOutcomeItFeeds() throws {
        let fixture = try ClubFixture()
        let diagram = TheoryOfChangeDiagram(framework: fixture.framework, states: [:], words: ReportWords(language: "en"), id: "t", description: "")
        let columns = diagram.ordered().map { $0.map(\.id) }
        #expect(columns == [["hold_meetings"], ["good_meetings"], ["happy_members", "loyal_members"], ["lively_town"]])
    }

    @Test func withheldCountsProtectSmallCategoriesButShowZeros() {
        let withheld = ReportRenderer.withheld(counts: [20, 17, 3, 0], answered: 40, minCell: 5, partition: true)
        #expect(withheld.map { $0 != nil } == [false, true, true, false])
        #expect(ReportRenderer.withheld(counts: [254, 0], answered: 254, minCell: 5, partition: true).allSatisfy { $0 == nil })
        #expect(ReportRenderer.withheld(counts: [2, 1], answered: 3, minCell: 5, partition: false).allSatisfy { $0 != nil })
        #expect(ReportRenderer.withheld(counts: [30, 3], answered: 30, minCell: 5, partition: false).map { $0 != nil } == [false, true])
    }

    /// Two withheld counts of 1 to 4 that sum to 2 are each 1: ESEM's sector question in the demo
    /// withheld five such counts summing to 5 and so showed them.
    @Test func withheldCountsThatWouldAddUpToThemselvesTakeTheNextSmallestWithThem() {
        let ones = ReportRenderer.withheld(counts: [1, 1, 30, 40], answered: 72, minCell: 5, partition: true)
        #expect(ones == [.belowThreshold, .belowThreshold, .secondary, nil])
        // Choices of a multiple-choice question do not add up to the answered: shown counts that
        // cover them leave the withheld ones anywhere from 1 to 4.
        let multiple = ReportRenderer.withheld(counts: [1, 1, 30, 40], answered: 60, minCell: 5, partition: false)
        #expect(multiple == [.belowThreshold, .belowThreshold, nil, nil])
    }

    /// Each of the 30 who answered a multiple-choice question chose one choice at least: with 26
    /// shown, the other choice was chosen by at least 4 and, withheld as 1 to 4, by exactly 4.
    @Test func aMultipleChoiceCountIsNotLeftToBeWorkedOutFromThoseWhoAnswered() {
        let withheld = ReportRenderer.withheld(counts: [26, 4, 0], answered: 30, minCell: 5, partition: false)
        #expect(withheld == [.secondary, .belowThreshold, nil])
        // When the 26 alone cover those who answered, the 4 may be anything from 1 to 4.
        let covered = ReportRenderer.withheld(counts: [26, 4, 0], answered: 26, minCell: 5, partition: false)
        #expect(covered == [nil, .belowThreshold, nil])
    }

    /// A round opened but not answered yet has no data: it is not "too few responses" in every table.
    @Test func aRoundWithoutResponsesYetIsSaidToHaveNoData() throws {
        let fixture = try ClubFixture(answered2024: false)
        var definition = try fixture.definition()
        definition.sections = [.summary, .indicators(only: ["mean_score"], breakdowns: true), .methods]
        let rendered = try ReportGenerator(definition: definition, framework: fixture.framework, store: fixture.store,
                                           today: ClubFixture.today, samlaVersion: "test").render()
        let html = rendered.html
        #expect(html.contains("Omgångar utan data i databasen ännu: Klubb 2024."))
        #expect(rendered.warnings.map(\.code.id) == ["W520"], "\(rendered.warnings)")
        #expect(Self.row(in: html, startingWith: "<tr class=\"total\"><th scope=\"row\">Totalt</th><td class=\"round\">Klubb 2024</td>") == nil)
        #expect(Self.row(in: html, startingWith: "<tr class=\"total\"><th scope=\"row\">Totalt</th><td class=\"round\">Klubb 2025</td>") != nil)
        #expect(!html.contains("Klubb 2024 för få svar"), "the chart's description does not call an empty round too small")
    }

    /// The methods give each round's response rate in the report's language: by hand, 12 of 40
    /// invitations complete is 30 %, with the 3 partial 15 of 40 is 37.5 %; the 30 imported
    /// responses have no invitation. The anonymous round says why it has none.
    @Test func theMethodsGiveEachRoundsResponseRate() throws {
        let fixture = try ClubFixture(invited2024: true)
        _ = try Self.invite40(fixture)
        let swedish = try fixture.render()
        #expect(swedish.contains("<h3>Svarsfrekvens</h3><ul><li>Klubb 2024: svarsfrekvensen (AAPOR RR1) är 30,0\u{A0}% (12 av 40\u{A0}inbjudna); "
            + "med påbörjade svar (RR2): 37,5\u{A0}%; 30\u{A0}svar utan inbjudan (importerade utan token eller via API) räknas inte.</li>"
            + "<li>Klubb 2025 är en anonym omgång och har ingen svarsfrekvens, eftersom ingen bjöds in.</li></ul>"
            + "<p>Svarsfrekvens enligt AAPOR:s Standard Definitions (10:e upplagan, 2023)"), "\(swedish)")
        let english = try fixture.render(language: "en")
        #expect(english.contains("<h3>Response rates</h3><ul><li>Club 2024: the response rate (AAPOR RR1) is 30.0% (12 of 40\u{A0}invited); "
            + "with partial responses (RR2): 37.5%; 30\u{A0}responses without an invitation (imported without a token, or from the API) are not counted.</li>"
            + "<li>Club 2025 is an anonymous round, with no response rate since nobody was invited.</li></ul>"
            + "<p>Response rates by AAPOR&#39;s Standard Definitions (10th edition, 2023)"))
        #expect(english.contains("Where none are recorded, Samla cannot tell who declined without answering, who was not reached or who is outside the population"))
        // Several anonymous rounds share one line, and no basis is said for rates there are none of.
        let anonymous = try ClubFixture().render()
        #expect(anonymous.contains("<h3>Svarsfrekvens</h3><ul><li>Klubb 2024 och Klubb 2025 är anonyma omgångar och har ingen svarsfrekvens, eftersom ingen bjöds in.</li></ul>"))
        #expect(!anonymous.contains("Svarsfrekvens enligt AAPOR"))
    }

    /// 40 invitations to club-2024, of which 12 with a complete response and 3 with a partial one.
    static func invite40(_ fixture: ClubFixture) throws -> [Invitation] {
        let day = CalendarDate(year: 2025, month: 6, day: 1)!
        let invitations = try fixture.store.addInvitations((0..<40).map { _ in NewInvitation(token: .random()) }, round: "club-2024", today: day)
        for (index, invitation) in invitations.prefix(15).enumerated() {
            let response = try fixture.store.createResponse(NewResponse(round: "club-2024", language: "sv", source: .web, invitationID: invitation.id), today: day)
            if index < 12 { _ = try fixture.store.completeResponse(response.id) }
        }
        return invitations
    }

    /// With dispositions recorded for club-2024's 25 invitations without a response (3 refused, 2
    /// non-contact, 4 ineligible, 16 unknown), the methods give their counts and RR3 to CON1, by
    /// hand: RR1 = 12/36, RR2 = 15/36, e = 20/24, RR3 = 12/(20 + 16 · 5/6) = 12/33.33 = 36.0 %,
    /// RR4 = 15/33.33 = 45.0 %, COOP1 = 12/18, REF1 = 3/36, CON1 = 18/36.
    @Test func theMethodsGiveTheDispositionsAndTheirRates() throws {
        let fixture = try ClubFixture(invited2024: true)
        let invitations = try Self.invite40(fixture)
        let recorded: [InvitationDisposition] = [.refused, .refused, .refused, .nonContact, .nonContact, .ineligible, .ineligible, .ineligible, .ineligible]
        try fixture.store.setDispositions(
            zip(invitations[15...], recorded).map { DispositionChange(invitationID: $0.id, disposition: $1) }, round: "club-2024")
        let swedish = try fixture.render()
        #expect(swedish.contains("<li>Klubb 2024: svarsfrekvensen (AAPOR RR1) är 33,3\u{A0}% (12 av 36\u{A0}inbjudna; 4\u{A0}ej behöriga av 40\u{A0}inbjudna räknas bort); "
            + "med påbörjade svar (RR2): 41,7\u{A0}%; utan svar: 3\u{A0}vägrade, 2\u{A0}ej nådda, 4\u{A0}ej behöriga, 16\u{A0}med okänd behörighet; "
            + "RR3\u{A0}36,0\u{A0}%, RR4\u{A0}45,0\u{A0}% (e\u{A0}=\u{A0}0,833); COOP1\u{A0}66,7\u{A0}%, REF1\u{A0}8,3\u{A0}%, CON1\u{A0}50,0\u{A0}%; "
            + "30\u{A0}svar utan inbjudan (importerade utan token eller via API) räknas inte.</li>"), "\(swedish)")
        #expect(swedish.contains("Där utfall har registrerats räknar RR3 och RR4 de inbjudna med okänd behörighet med e"))
        let english = try fixture.render(language: "en")
        #expect(english.contains("<li>Club 2024: the response rate (AAPOR RR1) is 33.3% (12 of 36\u{A0}invited; 4\u{A0}ineligible of 40\u{A0}invited left out); "
            + "with partial responses (RR2): 41.7%; without a response: 3\u{A0}refused, 2\u{A0}not reached, 4\u{A0}ineligible, 16\u{A0}unknown eligibility; "
            + "RR3\u{A0}36.0%, RR4\u{A0}45.0% (e\u{A0}=\u{A0}0.833); COOP1\u{A0}66.7%, REF1\u{A0}8.3%, CON1\u{A0}50.0%; "
            + "30\u{A0}responses without an invitation (imported without a token, or from the API) are not counted.</li>"), "\(english)")
    }

    /// A ratio whose denominator sums to 0 in every round, in a framework of the club.
    private func frameworkWithARatioOverNothing(_ fixture: ClubFixture) throws -> Framework {
        try frameworkWithARatio(fixture, id: "score_per_nothing", title: "{sv: \"Betyg per ingenting\", en: \"Score per nothing\"}",
                                denominator: "${score} - ${score}")
    }

    /// The club's framework with one more ratio, of `${score}` over `denominator`.
    private func frameworkWithARatio(_ fixture: ClubFixture, id: String, title: String, denominator: String) throws -> Framework {
        let text = try String(contentsOfFile: ClubFixture.path("club-toc.yaml"), encoding: .utf8) + """
              - id: \(id)
                node: happy_members
                kind: ratio
                survey: club
                title: \(title)
                value: "${score}"
                denominator: "\(denominator)"

            """
        let loaded = FrameworkLoader.load(text: text, path: ClubFixture.path("club-toc.yaml"), surveys: SurveyCatalogue([fixture.document.survey]))
        return try #require(loaded.framework, "\(loaded.diagnostics)")
    }

    /// The score over itself is a share of a whole of 1 in every round: its cells have no interval,
    /// nor has the change between them, and notes under the table say why, in the report's language.
    @Test(arguments: [
        ("sv", "<p class=\"note\">Inget intervall för Totalt i Klubb 2024 och Totalt i Klubb 2025: varje täljare är lika med sin nämnare, så andelen är 1 (100\u{00A0}%) och dess standardfel 0 säger inget om osäkerheten.</p>",
         "<p class=\"note\">Inget intervall för förändringen av Totalt i Klubb 2025: varje täljare är lika med sin nämnare, så andelen är 1 (100\u{00A0}%) och dess standardfel 0 säger inget om osäkerheten.</p>"),
        ("en", "<p class=\"note\">No interval for Total in Club 2024 and Total in Club 2025: every numerator equals its denominator, so the share is 1 (100%) and its standard error of 0 says nothing of its uncertainty.</p>",
         "<p class=\"note\">No interval for the change of Total in Club 2025: every numerator equals its denominator, so the share is 1 (100%) and its standard error of 0 says nothing of its uncertainty.</p>"),
    ])
    func aShareOfOneSaysWhyItHasNoInterval(language: String, note: String, changeNote: String) throws {
        let html = try renderRatioOfScore(over: "${score}", language: language, sections: [])
        #expect(html.contains(note), "\(html)")
        #expect(html.contains(changeNote), "\(html)")
    }

    /// The club's report in `language` of one more ratio, of the score over `denominator`: its table
    /// without breakdowns, then `sections`.
    private func renderRatioOfScore(over denominator: String, language: String, sections: [ReportSection]) throws -> String {
        let fixture = try ClubFixture()
        var definition = try fixture.definition()
        definition.language = language
        definition.sections = [.indicators(only: ["score_ratio"], breakdowns: false)] + sections
        let framework = try frameworkWithARatio(fixture, id: "score_ratio", title: "{sv: \"Betygskvot\", en: \"Score ratio\"}",
                                                denominator: denominator)
        return try ReportGenerator(definition: definition, framework: framework, store: fixture.store,
                                   today: ClubFixture.today, samlaVersion: "test").render().html
    }

    /// A board member reads the interval methods in words: the club's proportions lead with
    /// "Wilsons intervall", and every method the section shows leads with its name in the report's
    /// language, its identifier in parentheses after it, never alone as it was (`wilson: …`).
    @Test(arguments: [("sv", "<dt>Wilsons intervall för en andel (<span class=\"code\">wilson</span>)</dt><dd>Wilsons intervall utan kontinuitetskorrektion"),
                      ("en", "<dt>Wilson&#39;s interval for a proportion (<span class=\"code\">wilson</span>)</dt><dd>Wilson score interval without continuity correction")])
    func theMethodsSectionNamesEveryMethodInWords(language: String, wilson: String) throws {
        let html = try ClubFixture().render(language: language)
        #expect(html.contains(wilson), "\(html)")
        let words = ReportWords(language: language)
        let shown = IntervalMethod.allCases.filter { html.contains("<span class=\"code\">\($0.rawValue)</span>") }
        #expect(shown.count > 1)
        for method in shown {
            #expect(html.contains("<dt>\(words.methodName(method).replacingOccurrences(of: "'", with: "&#39;")) (<span class=\"code\">\(method.rawValue)</span>)</dt><dd>"), "\(method)")
        }
        let names = IntervalMethod.allCases.map(words.methodName)
        #expect(Set(names).count == names.count, "each method has a name of its own")
        #expect(!IntervalMethod.allCases.contains { words.methodName($0).contains($0.rawValue) })
    }

    /// The score out of its maximum, 5, is a share of a whole: the methods section names its logit
    /// interval in words, in the report's language, its identifier after them.
    @Test(arguments: [
        ("sv", "<dt>Andel av en helhet med t-fördelningen på logitskalan (<span class=\"code\">ratio-logit-student-t</span>)</dt>"
            + "<dd>Kvot av summor som är en andel av en helhet"),
        ("en", "<dt>Share of a whole with the t distribution on the logit scale (<span class=\"code\">ratio-logit-student-t</span>)</dt>"
            + "<dd>Ratio of sums that is a share of a whole"),
    ])
    func theMethodsSectionNamesTheLogitIntervalOfAShare(language: String, method: String) throws {
        let html = try renderRatioOfScore(over: "5", language: language, sections: [.methods])
        #expect(html.contains(method), "\(html)")
        #expect(!html.contains("ratio-log-student-t"))
    }

    /// A cell without an estimate says why in the report's language, in a note under the table
    /// (here a ratio over a denominator that sums to 0 in both rounds): with no change to show,
    /// there is no change column, and the note says the change is missing for the same reason.
    @Test(arguments: [
        ("sv", "Förändring", "<p class=\"note\">– ingen skattning, och därför ingen förändring, för Totalt i Klubb 2024 och Totalt i Klubb 2025: kvotens nämnare summerar till 0 i gruppen.</p>"),
        ("en", "Change", "<p class=\"note\">– no estimate, and so no change, for Total in Club 2024 and Total in Club 2025: the ratio&#39;s denominator sums to 0 in the group.</p>"),
    ])
    func aCellWithoutAnEstimateSaysWhyInTheReportsLanguage(language: String, change: String, note: String) throws {
        let fixture = try ClubFixture()
        var definition = try fixture.definition()
        definition.language = language
        definition.sections = [.indicators(only: ["score_per_nothing"], breakdowns: false)]
        let html = try ReportGenerator(definition: definition, framework: try frameworkWithARatioOverNothing(fixture), store: fixture.store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        #expect(html.contains(note), "\(html)")
        #expect(!html.contains(">\(change)"), "no column of reasons under the change header")
        #expect(!html.contains("<td>kvotens") && !html.contains("<td>the ratio"))
    }

    /// A report of one round whose ratio has no estimate: the reason was written under a change
    /// header, a column of reasons with no change in it. Now neither the summary nor the table has
    /// a change column; the table's note gives the reason (without a change, as there is no round
    /// to compare), and the summary says the indicator has no estimate, not that it has no data.
    @Test(arguments: [
        ("sv", "Förändring", "– ingen skattning för Totalt i Klubb 2025: kvotens nämnare summerar till 0 i gruppen.",
         "ingen skattning: kvotens nämnare summerar till 0 i gruppen"),
        ("en", "Change", "– no estimate for Total in Club 2025: the ratio&#39;s denominator sums to 0 in the group.",
         "no estimate: the ratio&#39;s denominator sums to 0 in the group"),
    ])
    func aReportOfOneRoundGivesAMissingEstimatesReasonWithoutAChangeColumn(language: String, change: String, note: String, status: String) throws {
        let fixture = try ClubFixture(answered2024: false)
        var definition = try fixture.definition()
        definition.language = language
        definition.sections = [.summary, .indicators(only: ["score_per_nothing"], breakdowns: false)]
        let html = try ReportGenerator(definition: definition, framework: try frameworkWithARatioOverNothing(fixture), store: fixture.store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        #expect(!html.contains(">\(change)</th>") && !html.contains(">\(change) ("), "\(html)")
        #expect(html.contains("<p class=\"note\">\(note)</p>"), "\(html)")
        #expect(html.contains("<span class=\"note\">\(status)</span>"), "\(html)")
    }

    /// An indicator whose total is withheld in the report's one round said "too few responses"
    /// with neither the round nor the target beside it, though its own section gave both. The
    /// summary now names the round and the target that round is measured against.
    @Test func theSummaryNamesTheRoundAndTargetOfAWithheldTotal() throws {
        let fixture = try ClubFixture(answered2024: false)
        var framework = fixture.framework
        let happy = try #require(framework.indicators.firstIndex { $0.id == "happy" })
        framework.indicators[happy].minBase = 100
        var definition = try fixture.definition()
        definition.rounds = ["club-2025"]
        definition.sections = [.summary]
        let html = try ReportGenerator(definition: definition, framework: framework, store: fixture.store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        let start = try #require(html.range(of: "<th scope=\"row\">Nöjda medlemmar</th>"))
        let row = String(html[start.upperBound...].prefix(upTo: try #require(html[start.upperBound...].range(of: "</tr>")).lowerBound))
        #expect(row.contains("<td class=\"num\">–</td><td>Klubb 2025</td><td class=\"num\">60,0\u{A0}%<br><span class=\"note\">Klubb 2025</span>"), "\(row)")
        #expect(row.contains("<span class=\"note\">för få svar</span>"), "\(row)")
    }

    /// A report of one survey round said of every indicator measured in other rounds "no data
    /// yet", though they had data, only not in the report's rounds. The summary now says that no
    /// round of the report measures them, and a report of every round never says so.
    @Test(arguments: [("sv", "mäts inte i rapportens omgångar", "inga data ännu"),
                      ("en", "not measured in the report&#39;s rounds", "no data yet")])
    func anIndicatorOutsideTheReportsRoundsIsNotCalledWithoutData(language: String, outside: String, noData: String) throws {
        let fixture = try ClubFixture()
        var definition = try fixture.definition()
        definition.language = language
        definition.sections = [.summary]
        definition.rounds = ["club-2025"]
        let html = try ReportGenerator(definition: definition, framework: fixture.framework, store: fixture.store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        let title = language == "sv" ? "Träffar" : "Meetings"
        let start = try #require(html.range(of: "<th scope=\"row\">\(title)</th>"))
        let row = String(html[start.upperBound...].prefix(upTo: try #require(html[start.upperBound...].range(of: "</tr>")).lowerBound))
        #expect(row.contains("<span class=\"note\">\(outside)</span>") && !row.contains(noData), "\(row)")
        definition.rounds = nil
        let all = try ReportGenerator(definition: definition, framework: fixture.framework, store: fixture.store,
                                      today: ClubFixture.today, samlaVersion: "test").render().html
        #expect(!all.contains(outside), "\(all)")
    }

    /// The topline says a question's unit in the report's language (surveys write units in English,
    /// as frameworks do), after a no-break space that keeps it with its number, and closes a
    /// question that ends in a question mark without another stop.
    @Test(arguments: [
        ("sv", ["Fördelning bland dem som svarade (poäng)", "Lådagram: Betyg (1–5). Median ", "\u{A0}poäng, medelvärde ",
                "Stapeldiagram: Hur stor är er förening? Vanligast"], " points"),
        ("en", ["Distribution among those who answered (points)", "Box chart: Score (1–5). Median ", "\u{A0}points, mean ",
                "Bar chart: How large is your club? Most frequent"], " poäng"),
    ])
    func theToplineSaysUnitsInItsLanguage(language: String, expected: [String], foreign: String) throws {
        let html = try ClubFixture().render(language: language)
        for text in expected { #expect(html.contains(text), "\(text)") }
        #expect(!html.contains(foreign))
        #expect(!html.contains("?."))
    }

    /// Of the 32 who said how they heard of the club, 30 said a friend and 2 another way: both are
    /// withheld, so no shown category (the web, at 0) is called the most frequent.
    @Test func aCategoryShownAtZeroIsNotTheMostFrequent() throws {
        let html = try ClubFixture().render()
        #expect(html.contains("Stapeldiagram: Hur hörde du om oss? Tabellen nedan ger alla svar."))
        #expect(!html.contains("Vanligast: På webben"))
    }

    @Test func aToplineRoundTheDatabaseDoesNotHaveIsAnUnknownRound() throws {
        let fixture = try ClubFixture()
        var definition = try fixture.definition()
        definition.sections = [.topline(round: "club-2023", openAnswers: 5)]
        do {
            _ = try ReportGenerator(definition: definition, framework: fixture.framework, store: fixture.store, samlaVersion: "test").render()
            Issue.record("the report was rendered")
        } catch let ReportError.refused(diagnostics) {
            #expect(diagnostics.map(\.code) == [.unknownRound], "\(diagnostics)")
        }
    }

    @Test func theReportIsWrittenWhereAsked() throws {
        let fixture = try ClubFixture()
        let target = fixture.folder.appendingPathComponent("nested/club.html").path
        let rendered = try ReportGenerator(definition: try fixture.definition(), framework: fixture.framework, store: fixture.store,
                                           today: ClubFixture.today, samlaVersion: "test").write(to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == rendered.html)
    }

    /// A folder given as the report's path, or a path under a file, is refused by name, where
    /// Foundation said only "NSCocoaErrorDomain error 512"; nothing is written.
    @Test func aFolderOrAFileInTheWayIsRefusedByName() throws {
        let fixture = try ClubFixture()
        let generator = ReportGenerator(definition: try fixture.definition(), framework: fixture.framework, store: fixture.store,
                                        today: ClubFixture.today, samlaVersion: "test")
        let folder = fixture.folder.appendingPathComponent("reports.html").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = fixture.folder.appendingPathComponent("notes.txt").path
        try Data("mine".utf8).write(to: URL(fileURLWithPath: file))
        let expected = [
            folder: "\(folder): error[E521]: the report cannot be written: this is a folder; the report is one file, so give a path ending in .html, e.g. \(folder)/\(try fixture.definition().id).html",
            file + "/club.html": "\(file)/club.html: error[E521]: the report cannot be written: \(file) is a file, not a folder; give --out a path that does not run through it, or move \(file) out of the way",
        ]
        for (target, message) in expected {
            var refusal: ReportError?
            do { try generator.write(to: target) } catch let error as ReportError { refusal = error }
            #expect(refusal?.diagnostics.map(\.description) == [message])
        }
        // The advice names the option the command took the path from (the demo's --folder).
        var refusal: ReportError?
        do { try generator.write(to: file + "/club.html", option: "--folder") } catch let error as ReportError { refusal = error }
        #expect(refusal?.diagnostics.map(\.description).first?.contains("; give --folder a path that does not run through it") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine")
    }

    /// A report of one round (club-2024 has no responses yet) has no change to show: neither the
    /// summary nor an indicator's table has a change column standing empty.
    @Test(arguments: [("sv", "Förändring"), ("en", "Change")])
    func aReportOfOneRoundHasNoEmptyChangeColumn(language: String, change: String) throws {
        let fixture = try ClubFixture(answered2024: false)
        var definition = try fixture.definition()
        definition.language = language
        let html = try ReportGenerator(definition: definition, framework: fixture.framework, store: fixture.store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        #expect(html.contains("<th scope=\"col\" class=\"num\">n</th>"))
        #expect(!html.contains(">\(change)</th>"))
        #expect(!html.contains(">\(change) ("))
        // With both rounds of the club, the change is there.
        #expect(try ClubFixture().render(language: language).contains(">\(change)</th>"))
    }

    /// Three or more groups of a breakdown withheld in every round for the same reason are one line
    /// of the chart and one row of the table, naming each; fewer, or for different reasons, keep
    /// their own.
    @Test func groupsWithheldInEveryRoundShareALine() throws {
        let fixture = try ClubFixture(answered2024: false)
        let framework = try fixture.framework { $0.replacingOccurrences(of: "disaggregate: [size]", with: "disaggregate: [size, heard]") }
        let html = try fixture.render(framework: framework)
        let happy = try #require(html.range(of: "<article class=\"indicator\" id=\"ind-happy\"").map { String(html[$0.lowerBound...]) })
        let article = String(happy.prefix(upTo: try #require(happy.range(of: "</article>")).upperBound))
        // In club-2025, 30 heard of the club from a friend (withheld beside the small ones), 2 in
        // another way, none on the web, 8 did not answer.
        #expect(article.contains("<tr class=\"withheld-groups\"><th scope=\"row\">3 grupper var för sig: På webben, Annat och Uppgift saknas</th>"
            + "<td class=\"round\">Klubb 2025</td><td class=\"num\">&lt;\u{00A0}10</td><td class=\"num\">– för få svar</td><td class=\"num\">–</td></tr>"), "\(article)")
        #expect(!article.contains("<th scope=\"row\">På webben</th>") && article.contains("<th scope=\"row\">Genom en vän</th>"))
        #expect(article.contains(">3 grupper var för sig</tspan></text><text x=\"214\" y=\"219\" font-size=\"12\" fill=\"#3d3d3d\">– för få svar</text>"), "the chart's line")
        // Size's two withheld groups are withheld for different reasons, and keep their rows.
        #expect(article.contains("<th scope=\"row\">Stor</th>") && article.contains("<th scope=\"row\">Pytteliten</th>"))
        let english = try fixture.render(language: "en", framework: framework)
        #expect(english.contains(">3 groups, each: On the web, Other and Not answered</th><td class=\"round\">Club 2025</td>"))
        // With club-2024 too, whose 30 did not say how they heard, "Not answered" is published there:
        // the two left withheld in every round keep a row each.
        let twoRounds = try ClubFixture().render(framework: framework)
        #expect(!twoRounds.contains("withheld-groups") && twoRounds.contains("<th scope=\"row\">På webben</th>"))
    }

    /// Large members (17) are withheld beside the 3 tiny ones so that those cannot be worked out:
    /// the charts say they are not shown, not that they are too few; tiny ones are too few.
    @Test func aGroupWithheldBesideASmallOneIsNotCalledTooFewInCharts() throws {
        let html = try ClubFixture().render()
        let happy = try #require(html.range(of: "<article class=\"indicator\" id=\"ind-happy\"").map { String(html[$0.lowerBound...]) })
        let article = String(happy.prefix(upTo: try #require(happy.range(of: "</article>")).upperBound))
        let svg = try #require(article.range(of: "<svg class=\"chart\"").map { String(article[$0.lowerBound...]) })
        let chart = String(svg.prefix(upTo: try #require(svg.range(of: "</svg>")).upperBound))
        #expect(chart.components(separatedBy: ">– för få svar</text>").count == 2, "\(chart)")
        #expect(chart.components(separatedBy: ">– visas inte</text>").count == 2, "\(chart)")
        // The topline's bars of the same question: tiny too few, large not shown.
        let topline = try #require(html.range(of: "id=\"q-size-chart-title\"").map { String(html[$0.lowerBound...]) })
        let bars = String(topline.prefix(upTo: try #require(topline.range(of: "</svg>")).upperBound))
        #expect(bars.contains(">– för få svar</text>") && bars.contains(">– visas inte</text>"), "\(bars)")
    }

    /// How members heard of the club: every share is withheld but the web's 0 %. The axis used to
    /// run to 1 % and read "0 % 0 % 0 % 1 % 1 %"; its ticks are now distinct round numbers.
    @Test func aBarChartWithOnlyAZeroShownHasDistinctTicks() throws {
        let html = try ClubFixture().render()
        let heard = try #require(html.range(of: "id=\"q-heard-chart-title\"").map { String(html[$0.lowerBound...]) })
        let chart = String(heard.prefix(upTo: try #require(heard.range(of: "</svg>")).upperBound))
        let ticks = chart.components(separatedBy: "text-anchor=\"middle\" fill=\"#3d3d3d\">").dropFirst()
            .map { String($0.prefix { $0 != "<" }) }
        #expect(ticks.count >= 3)
        #expect(Set(ticks).count == ticks.count, "\(ticks)")
        #expect(ticks.first == "0\u{00A0}%" && ticks.last == "10\u{00A0}%", "\(ticks)")
    }

    /// A matrix nobody answered says so, as every other question does, instead of a table of dashes
    /// with a base of 0 and a note about withheld figures.
    @Test func anUnansweredMatrixSaysNobodyAnswered() throws {
        let fixture = try ClubFixture()
        let text = try String(contentsOfFile: ClubFixture.path("club.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "choices:\n", with: "choices:\n  grades:\n    - {value: 1, label: {sv: \"Låg\", en: \"Low\"}}\n    - {value: 2, label: {sv: \"Hög\", en: \"High\"}}\n")
            + """
                  - name: rating
                    type: matrix
                    choices: grades
                    rows:
                      - {name: food, label: {sv: "Maten", en: "The food"}}
                      - {name: music, label: {sv: "Musiken", en: "The music"}}
                    label: {sv: "Hur var festen?", en: "How was the party?"}

            """
        let document = try #require(SurveyLoader.load(text: text, path: ClubFixture.path("club.yaml")).document)
        let store = try SQLiteStore(path: fixture.folder.appendingPathComponent("empty.sqlite").path)
        _ = try store.openRound(RoundRequest(name: "club-2025", document: document, opens: CalendarDate(year: 2025, month: 1, day: 1)!,
                                             closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: true))
        var definition = try fixture.definition()
        definition.sections = [.topline(round: "club-2025", openAnswers: 5)]
        let html = try ReportGenerator(definition: definition, framework: fixture.framework, store: store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        let question = try #require(html.range(of: "<div class=\"question\" id=\"q-rating\">").map { String(html[$0.lowerBound...]) })
        #expect(question.contains("</h4><p class=\"note\">Ingen besvarade frågan.</p></div>"), "\(question.prefix(600))")
        #expect(!html.contains("(bas 0)"))
        #expect(!html.contains("– visas inte:"))
    }

    /// The toplines of two rounds ask the same questions: each question's block and chart are named
    /// by round, so no id comes twice in the page (a label or a link would reach the wrong one).
    @Test func theToplinesOfTwoRoundsGiveEveryIdOnce() throws {
        let fixture = try ClubFixture()
        var definition = try fixture.definition()
        definition.sections = [.topline(round: "club-2024", openAnswers: 5), .topline(round: "club-2025", openAnswers: 5)]
        let html = try ReportGenerator(definition: definition, framework: fixture.framework, store: fixture.store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        let ids = html.matches(of: /\sid="([^"]+)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "ids given twice: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        for round in ["club-2024", "club-2025"] {
            #expect(html.contains("<div class=\"question\" id=\"q-\(round)-score\">"))
            #expect(html.contains("id=\"q-\(round)-score-chart-title\""))
        }
        let one = try fixture.render()
        #expect(one.contains("<div class=\"question\" id=\"q-score\">"), "a report of one topline keeps its ids")
    }

    /// Ten members scored 500, 1, 1, …: the nine others give 9 points, less than 10 % of the 500, so
    /// the mean (50.9) and n would all but tell the largest score. With p 10 the mean is withheld
    /// from the table, the chart (its dot, its legend and its axis, which ran to 100 for it) and the chart's
    /// text, with a note and a line in the methods; with p 0 it is shown as before.
    @Test(arguments: [10.0, 0.0])
    func aMeanOneAnswerDominatesIsWithheldInTheTopline(p: Double) throws {
        let fixture = try ClubFixture()
        let store = try SQLiteStore(path: fixture.folder.appendingPathComponent("dominated.sqlite").path)
        _ = try store.openRound(RoundRequest(name: "club-2025", document: fixture.document, opens: CalendarDate(year: 2025, month: 1, day: 1)!,
                                             closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: true))
        try store.insertCompleteResponses(round: "club-2025", document: fixture.document, source: .import) { inserter in
            for score: Int64 in [500] + Array(repeating: 1, count: 9) {
                try inserter.insert([.choice("yes"), .choice("large"), .integer(score), nil, nil, nil, nil, nil], info: ImportedResponseInfo(language: "sv"))
            }
        }
        var definition = try fixture.definition()
        definition.sections = [.topline(round: "club-2025", openAnswers: 5, pPercent: p), .methods]
        let html = try ReportGenerator(definition: definition, framework: fixture.framework, store: store,
                                       today: ClubFixture.today, samlaVersion: "test").render().html
        let start = try #require(html.range(of: "<div class=\"question\" id=\"q-score\">"))
        let question = String(html[start.lowerBound..<(try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))).upperBound])
        let row = try #require(Self.row(in: question, startingWith: "<td class=\"num\">10</td>"))
        let note = "– dominerad: ett enda svar står för nästan hela summan av svaren. Svaren utom de två största bidrar tillsammans med mindre än 10\u{00A0}% av det största"
        if p > 0 {
            #expect(row.contains("<td class=\"num\">– dominerad</td>"), "\(row)")
            #expect(!row.contains("50,9"))
            #expect(question.contains("medelvärde – dominerad, mittersta hälften"), "\(question.prefix(1200))")
            #expect(!question.contains(">Medelvärde</text>"))
            #expect(!question.contains(">100</text>"), "the axis runs to the mean: \(question.prefix(2000))")
            #expect(html.contains(note))
            #expect(html.contains("Frågornas medelvärden visas inte när ett enda svar dominerar summan av svaren (p %-regeln): när svaren utom de två största tillsammans bidrar med mindre än 10\u{00A0}% av det största"))
        } else {
            #expect(row.contains("<td class=\"num\">50,9</td>"), "\(row)")
            #expect(question.contains("medelvärde 50,9"), "\(question.prefix(1200))")
            #expect(question.contains(">Medelvärde</text>") && question.contains(">100</text>"))
            #expect(!html.contains("dominerad"))
            #expect(!html.contains("Frågornas medelvärden visas inte"))
        }
    }

    /// The table row that starts with `prefix`, up to its end tag.
    static func row(in html: String, startingWith prefix: String) -> String? {
        guard let start = html.range(of: prefix) else { return nil }
        guard let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }
}

/// What a chart's text alternative says of each round's total: a round's label ends in a year, so
/// its figure follows a colon ("Klubb 2025: 65,0 %"); "Verksamhetsår 2024 310" read as one number.
/// A chart without a total says none, rather than "Totalt: . Tabellen nedan …".
@Suite struct ChartDescriptionTests {
    @Test(arguments: [("sv", "Totalt per omgång: "), ("en", "Total by round: ")])
    func eachRoundsTotalFollowsItsLabelAfterAColon(language: String, lead: String) throws {
        let html = try ReportRenderingTests.report(language: language, framework: { $0 }).html
        let descriptions = html.components(separatedBy: "<title").dropFirst().map { String($0.prefix { $0 != "<" }) }
        let totals = descriptions.compactMap { description in description.range(of: lead).map { String(description[$0.upperBound...]) } }
        #expect(totals.count >= 3, "\(descriptions)")
        let labelled = try Regex("^[^ ]+ 20[0-9][0-9]: "), run = try Regex(" 20[0-9][0-9] [0-9]")
        #expect(totals.allSatisfy { $0.contains(labelled) && !$0.contains(run) }, "\(totals)")
    }
}
