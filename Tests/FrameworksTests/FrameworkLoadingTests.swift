import Diagnostics
import Foundation
import Frameworks
import SurveyDefinition
import Testing

struct FrameworkLoadingTests {
    @Test func validFixtureReadsIntoTheModel() throws {
        let result = FrameworkLoader.load(contentsOf: Fixtures.valid.path, surveys: Fixtures.catalogue)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let framework = try #require(result.framework)
        #expect(framework.id == "shop-toc")
        #expect(framework.languages == ["sv", "en"])
        #expect(framework.rounds.map(\.name) == ["shop-2024", "shop-2025", "year-2025"])
        #expect(framework.rounds[2].survey == nil)
        #expect(framework.nodes.map(\.level) == [.impact, .outcome, .output, .activity])
        let satisfied = try #require(framework.indicators.first { $0.id == "satisfied" })
        #expect(satisfied.kind == .proportion)
        #expect(satisfied.numerator?.text == "${score} >= 4")
        #expect(satisfied.disaggregate == ["region", "member"])
        #expect(satisfied.baseline?.round == "shop-2024" && satisfied.baseline?.value == 0.5)
        #expect(satisfied.target(forRound: "shop-2025") == 0.6)
        #expect(satisfied.threshold(defaults: framework.suppression) == 10)
        let spend = try #require(framework.indicators.first { $0.id == "mean_spend" })
        #expect(spend.threshold(defaults: framework.suppression) == 5)
        #expect(spend.weight == "weight")
        let courses = try #require(framework.indicators.first { $0.id == "courses" })
        #expect(courses.reportedValues.map(\.value) == [4])
        let rules = framework.cleaningRules(forRound: "shop-2025")
        #expect(rules.minCompleteness == 0.5)
        #expect(rules.duplicateKey == ["name"])
        #expect(framework.cleaningRules(forRound: "year-2025").isEmpty)
    }

    /// `samla.source` is a breakdown of any survey-based indicator; another `samla.` name is none, and
    /// the refusal lists the names there are. A reported indicator takes no breakdown at all.
    @Test func theCollectionModeIsABreakdownOfSurveyIndicatorsOnly() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        func load(_ breakdowns: String, reportedToo: Bool = false) -> FrameworkLoadResult {
            var text = valid.replacingOccurrences(of: "disaggregate: [region, member]", with: "disaggregate: \(breakdowns)")
                .replacingOccurrences(of: "    weight: weight\n", with: "    weight: weight\n    disaggregate: [samla.source]\n")
            if reportedToo {
                text = text.replacingOccurrences(of: "    values: {year-2025: 4}\n", with: "    values: {year-2025: 4}\n    disaggregate: [samla.source]\n")
            }
            return FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue)
        }
        let accepted = load("[region, samla.source]")
        #expect(accepted.diagnostics.isEmpty, "\(accepted.diagnostics)")
        #expect(accepted.framework?.indicators.first { $0.id == "satisfied" }?.disaggregate == ["region", "samla.source"])

        #expect(load("[region, samla.sourse]").diagnostics.map(\.description) == [
            "f.yaml:39:19: error[E311]: `disaggregate` of indicator `satisfied` names 'samla.sourse', which is no breakdown Samla provides (did you mean samla.source?); "
                + "names beginning with `samla.` are reserved for these: samla.source (how each response was collected: web form, import or API). "
                + "A survey variable is named without the prefix",
        ])
        #expect(load("[samla.source, samla.source]").diagnostics.map(\.code.id) == ["E010"])

        let reported = load("[region, samla.source]", reportedToo: true)
        #expect(reported.diagnostics.map(\.description) == [
            "f.yaml:55:5: error[E310]: indicator `courses` is a reported, which takes no `disaggregate`; its values are entered per round under `values`",
        ])
    }

    /// A value for another year of a declared round says which are declared and how to declare a
    /// new one, rather than suggesting a declared year; a misspelt round is still suggested.
    @Test func aValueForAnUndeclaredYearSaysToDeclareTheRound() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        func message(baseline round: String) throws -> String {
            let text = valid.replacingOccurrences(of: "baseline: {round: shop-2024, value: 0.5}", with: "baseline: {round: \(round), value: 0.5}")
            #expect(text != valid)
            let result = FrameworkLoader.load(text: text, path: "toc.yaml", surveys: Fixtures.catalogue)
            return try #require(result.diagnostics.first { $0.code.id == "E313" }).description
        }
        #expect(try message(baseline: "shop-2023") == "toc.yaml:40:23: error[E313]: the baseline of indicator `satisfied` is for the round 'shop-2023', "
            + "which the framework does not declare (it declares shop-2024 and shop-2025); a new round must be declared before a value names it: "
            + "add it under `rounds`, in time order: {name: shop-2023, survey: shop, label: …}")
        #expect(try message(baseline: "shop-204").hasSuffix("for the round 'shop-204', which the framework does not declare (did you mean shop-2024?); add it under `rounds`"))
        #expect(try message(baseline: "shpo-2024").hasSuffix("(did you mean shop-2024?); add it under `rounds`"))
        #expect(try message(baseline: "shop-2042").hasSuffix("(did you mean shop-2024?); add it under `rounds`"), "two digits swapped")
    }

    @Test func poststratifyReadsIntoTheRound() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8).replacingOccurrences(
            of: "  - {name: shop-2025, survey: shop, label: {sv: \"2025\", en: \"2025\"}}\n",
            with: """
              - name: shop-2025
                survey: shop
                label: {sv: "2025", en: "2025"}
                poststratify:
                  variable: region
                  counts: {north: 1200, south: 2300.5}
                  source: {sv: "Registret 2025", en: "The register 2025"}

            """)
        let result = FrameworkLoader.load(text: text, path: "poststratified.yaml", surveys: Fixtures.catalogue)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let rule = try #require(result.framework?.round("shop-2025")?.poststratify)
        #expect(rule.margins.map(\.variable.value) == ["region"])
        #expect(rule.margins.first?.counts.map(\.code.value) == ["north", "south"])
        #expect(rule.margins.first?.countByCode == ["north": 1200, "south": 2300.5])
        #expect(rule.source?.resolved("en", fallbacks: []) == "The register 2025")
        #expect(result.framework?.round("shop-2024")?.poststratify == nil)
    }

    static func raked(_ margins: String) throws -> FrameworkLoadResult {
        try Fixtures.weighting2025("""
                poststratify:
                  margins:
            \(margins)
            """, path: "raked.yaml")
    }

    @Test func poststratifyTakesAListOfMarginsToRakeTo() throws {
        let result = try Self.raked("""
                - {variable: region, counts: {north: 2500, south: 3900}}
                - {variable: consent, counts: {"yes": 4000, "no": 2400}}
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let rule = try #require(result.framework?.round("shop-2025")?.poststratify)
        #expect(rule.isRaking)
        #expect(rule.margins.map(\.variable.value) == ["region", "consent"])
        #expect(rule.margins.map(\.countByCode) == [["north": 2500, "south": 3900], ["yes": 4000, "no": 2400]])
        #expect(rule.margins.map(\.variable.location.line) == [11, 12])
        #expect(rule.source?.resolved("en", fallbacks: []) == "The register 2025")
    }

    @Test func rakingMarginsMustDescribeOnePopulation() throws {
        let result = try Self.raked("""
                - {variable: region, counts: {north: 2500, south: 3900}}
                - {variable: consent, counts: {"yes": 4000, "no": 2350}}
        """)
        #expect(result.framework == nil)
        #expect(result.diagnostics.map(\.code.id) == ["E330"])
        #expect(result.diagnostics.first?.message.hasPrefix(
            "the counts of consent in `poststratify` of round shop-2025 add up to 6350, but those of region to 6400") == true, "\(result.diagnostics)")
        // A margin whose counts are not all numbers is reported for that (E326), not for its total.
        let unread = try Self.raked("""
                - {variable: region, counts: {north: 2500, south: 3900}}
                - {variable: consent, counts: {"yes": 4000, "no": many}}
        """)
        #expect(unread.diagnostics.map(\.code.id).sorted() == ["E326", "W303"], "\(unread.diagnostics)")
    }

    @Test func eachVariableIsOneMargin() throws {
        let result = try Self.raked("""
                - {variable: region, counts: {north: 2500, south: 3900}}
                - {variable: region, counts: {north: 2500, south: 3900}}
        """)
        #expect(result.diagnostics.map(\.code.id) == ["E332"])
        #expect(result.diagnostics.first?.message.contains("has two margins of region (the first on line 11)") == true, "\(result.diagnostics)")
    }

    @Test func eachMarginIsCheckedAsAPostStratificationIs() throws {
        // W303 for a choice without a count, and E325 for a code that is not a choice, per margin.
        let result = try Self.raked("""
                - {variable: region, counts: {north: 6400}}
                - {variable: consent, counts: {"yes": 4000, "maybe": 2400}}
        """)
        #expect(result.diagnostics.map(\.code.id).sorted() == ["E325", "W303", "W303"], "\(result.diagnostics)")
        #expect(result.diagnostics.contains { $0.message.hasPrefix("`poststratify` of round shop-2025 (margin consent) has a population count for maybe") })
        #expect(result.diagnostics.contains { $0.message.hasPrefix("`poststratify` of round shop-2025 (margin region) has no population count for south of region") })
    }

    @Test func aChoiceWithoutPopulationCountIsAWarning() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8).replacingOccurrences(
            of: "  - {name: shop-2025, survey: shop, label: {sv: \"2025\", en: \"2025\"}}",
            with: "  - {name: shop-2025, survey: shop, label: {sv: \"2025\", en: \"2025\"}, poststratify: {variable: region, counts: {north: 1200}}}")
        let result = FrameworkLoader.load(text: text, path: "partial.yaml", surveys: Fixtures.catalogue)
        #expect(result.framework != nil)
        #expect(result.diagnostics.map(\.code.id) == ["W303"])
        #expect(result.diagnostics.first?.message.contains("no population count for south of region") == true, "\(result.diagnostics)")
    }

    @Test func poststratifyNeedsVariableAndCounts() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8).replacingOccurrences(
            of: "  - {name: shop-2025, survey: shop, label: {sv: \"2025\", en: \"2025\"}}",
            with: "  - {name: shop-2025, survey: shop, label: {sv: \"2025\", en: \"2025\"}, poststratify: {counts: {}, weights: x}}")
        let result = FrameworkLoader.load(text: text, path: "shape.yaml", surveys: Fixtures.catalogue)
        #expect(result.framework == nil)
        // `variable` missing, `counts` empty, `weights` not a key of poststratify.
        #expect(result.errors.map(\.code.id).sorted() == ["E007", "E008", "E117"], "\(result.diagnostics)")
    }

    /// An indicator's `poststratify` is true or false (whether the round's weighting applies to it),
    /// and a reported indicator, which no weighting touches, takes none.
    @Test func anIndicatorsPoststratifyIsTrueOrFalse() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        func load(_ value: String, onReported: Bool = false) -> FrameworkLoadResult {
            let text = onReported
                ? valid.replacingOccurrences(of: "    values: {year-2025: 4}\n", with: "    values: {year-2025: 4}\n    poststratify: \(value)\n")
                : valid.replacingOccurrences(of: "    weight: weight\n", with: "    weight: weight\n    poststratify: \(value)\n")
            return FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue)
        }
        let off = load("false")
        #expect(off.diagnostics.isEmpty, "\(off.diagnostics)")
        #expect(off.framework?.indicators.filter { !$0.followsRoundWeighting }.count == 1)
        #expect(load("true").framework?.indicators.allSatisfy(\.followsRoundWeighting) == true)
        #expect(FrameworkLoader.load(contentsOf: Fixtures.valid.path, surveys: Fixtures.catalogue).framework?.indicators.allSatisfy(\.followsRoundWeighting) == true)
        #expect(load("\"no\"").diagnostics.map(\.code.id) == ["E009"])
        #expect(load("false", onReported: true).diagnostics.map(\.code.id) == ["E310"])
    }

    /// The p % rule is off unless set: `suppression`'s `p_percent` applies it to every total, mean
    /// and ratio, an indicator's own overrides it, and `p_percent: 0` turns it off for one (a score).
    @Test func thePPercentRuleAppliesToSumsWhereSet() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        func mean(_ framework: String, _ own: String? = nil) throws -> Double? {
            var text = valid.replacingOccurrences(of: "languages: [sv, en]\n", with: "languages: [sv, en]\n" + framework)
            if let own { text = text.replacingOccurrences(of: "    weight: weight\n", with: "    weight: weight\n    p_percent: \(own)\n") }
            let result = FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue)
            let loaded = try #require(result.framework, "\(result.diagnostics)")
            #expect(result.errors.isEmpty, "\(result.diagnostics)")
            // A share never takes the rule: its figure is no sum of what each contributes.
            #expect(loaded.indicators.first { $0.id == "satisfied" }?.dominanceP(defaults: loaded.suppression) == nil)
            return loaded.indicators.first { $0.id == "mean_spend" }?.dominanceP(defaults: loaded.suppression)
        }
        #expect(try mean("") == nil)
        #expect(try mean("suppression: {p_percent: 10}\n") == 10)
        #expect(try mean("suppression: {p_percent: 10}\n", "15") == 15)
        #expect(try mean("suppression: {p_percent: 10}\n", "0") == nil)
        #expect(try mean("", "12.5") == 12.5)
        let negative = FrameworkLoader.load(text: valid.replacingOccurrences(of: "languages: [sv, en]\n", with: "languages: [sv, en]\nsuppression: {p_percent: -1}\n"),
                                            path: "f.yaml", surveys: Fixtures.catalogue)
        #expect(negative.errors.map(\.description) == ["f.yaml:4:26: error[E319]: `p_percent` of `suppression` is a percentage from 0 (the rule off) to 100, such as 10, not -1"])
    }

    /// An indicator's expression is read as a survey's is: an error in one folded over lines is at
    /// its token, one in a `"…"` with an escape at the expression's start (it was a column off).
    @Test func indicatorExpressionErrorsAreAtTheirToken() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        func location(_ numerator: String) -> String? {
            let text = valid.replacingOccurrences(of: "    numerator: \"${score} >= 4\"\n", with: "    numerator: \(numerator)\n")
            let diagnostics = FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue).diagnostics
            guard diagnostics.count == 1, case .source(let at) = diagnostics[0].location else { return "\(diagnostics)" }
            return "\(at.line):\(at.column)"
        }
        let line = try #require(valid.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("numerator:") }) + 1
        #expect(location(">-\n      ${score} >= 4 and\n\n        ${scor} = 1") == "\(line + 3):9")
        #expect(location("\"${score} = \\\"4\\\" or ${scor} = 1\"") == "\(line):17")
    }

    /// W106 for a division by a literal 0 in an indicator's value, at the 0.
    @Test func aValueDividedByZeroIsWarned() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "    value: \"${spend}\"\n", with: "    value: \"${spend} div 0\"\n")
        let result = FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue)
        #expect(result.framework != nil)
        #expect(result.diagnostics.map(\.description) == ["f.yaml:47:26: warning[W106]: ${spend} div 0 is always empty: dividing by 0 gives no number; divide by the number you mean, or write '' for a value that is always empty"])
    }

    @Test func percentOnAMeanIsAWarningOnly() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "    weight: weight\n", with: "    weight: weight\n    unit: percent\n")
        let result = FrameworkLoader.load(text: text, path: "percent.yaml", surveys: Fixtures.catalogue)
        #expect(result.framework != nil)
        #expect(result.diagnostics.map(\.code.id) == ["W301"])
    }

    /// A target written as a percentage, with a decimal comma or in quotes is refused with what was meant.
    @Test func aNumberWrittenOtherwiseIsRefusedWithWhatWasMeant() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        let cases = [
            ("75%", "; a share is written from 0 to 1: 0.75 for 75 %"),
            ("12.5 %", "; a share is written from 0 to 1: 0.125 for 12.5 %"),
            ("\"0,6\"", "; write 0.6, with a decimal point"),
            ("\"0.6\"", "; write 0.6 without the quotes"),
            ("sextio", ""),
        ]
        for (target, hint) in cases {
            let text = valid.replacingOccurrences(of: "targets: {shop-2025: 0.6}", with: "targets: {shop-2025: \(target)}")
            let result = FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue)
            let shown = target.replacingOccurrences(of: "\"", with: "")
            #expect(result.diagnostics.map(\.message) == [
                "the value of shop-2025 in the targets of indicator `satisfied` must be a number written without quotes, such as 0.3, not '\(shown)'\(hint)",
            ])
        }
    }

    /// E345: a proportion with `%` or `procent` as its unit would print 0.75 beside a percent sign.
    @Test func percentSpelledOtherwiseOnAProportionIsRefused() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        let line = try #require(valid.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "    unit: percent" }) + 1
        for unit in ["\"%\"", "procent", "Percent", "\"per cent\""] {
            let text = valid.replacingOccurrences(of: "    unit: percent\n", with: "    unit: \(unit)\n")
            let result = FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue)
            let shown = unit.replacingOccurrences(of: "\"", with: "")
            #expect(result.framework == nil)
            #expect(result.diagnostics.map(\.description) == [
                "f.yaml:\(line):11: error[E345]: indicator `satisfied` is a proportion with unit '\(shown)', which would show its share from 0 to 1 beside it "
                    + "(0.75 \(shown)); write `unit: percent` to show it ×100 with a percent sign (75 %), or leave `unit` out to show the share itself",
            ])
        }
        for unit in ["percent", "andel", "points"] {
            let text = valid.replacingOccurrences(of: "    unit: percent\n", with: "    unit: \(unit)\n")
            #expect(FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue).diagnostics.isEmpty, "\(unit)")
        }
    }

    @Test func problemsFoundAgainstADefinitionFromElsewhereNameIt() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "${score} >= 4", with: "${scor} >= 4")
            .replacingOccurrences(of: "duplicate_key: [name]", with: "duplicate_key: [nam]")
            .replacingOccurrences(of: "    direction: up\n", with: "")
        var catalogue = Fixtures.catalogue
        catalogue.origins["shop"] = "shop version 2, the latest definition of it in the database"
        let result = FrameworkLoader.load(text: text, path: "stored.yaml", surveys: catalogue)
        let byCode = Dictionary(grouping: result.errors, by: \.code.id).mapValues { $0.map(\.message) }
        #expect(byCode.keys.sorted() == ["E212", "E311", "E320"])
        for code in ["E212", "E311"] {
            #expect(byCode[code]?.allSatisfy { $0.hasSuffix(" (checked against shop version 2, the latest definition of it in the database)") } == true,
                    "\(byCode[code] ?? [])")
        }
        // A problem of the framework alone does not name the definition.
        #expect(byCode["E320"]?.first?.contains("checked against") == false)
    }

    /// A misspelt survey id is reported once where it is written, with the nearest known survey;
    /// what follows only from it (a baseline or target round "of another survey", no round of a
    /// survey the misspelt round meant) is not reported as well.
    @Test func aMisspeltSurveyIsReportedOnceWithTheNearestSurvey() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        let inIndicator = valid.replacingOccurrences(of: "    kind: proportion\n    survey: shop\n", with: "    kind: proportion\n    survey: shpo\n")
        let result = FrameworkLoader.load(text: inIndicator, path: "f.yaml", surveys: Fixtures.catalogue)
        #expect(result.diagnostics.map(\.description) == [
            "f.yaml:33:13: error[E308]: indicator `satisfied` is computed from the survey 'shpo' (did you mean shop?), but no definition of it is available",
        ])

        let inRound = valid.replacingOccurrences(of: "{name: shop-2024, survey: shop,", with: "{name: shop-2024, survey: shpo,")
            .replacingOccurrences(of: "{name: shop-2025, survey: shop,", with: "{name: shop-2025, survey: shpo,")
        let rounds = FrameworkLoader.load(text: inRound, path: "f.yaml", surveys: Fixtures.catalogue)
        #expect(rounds.diagnostics.map(\.description) == [
            "f.yaml:5:12: error[E308]: round shop-2024 collects the survey 'shpo' (did you mean shop?), but no definition of it is available",
        ])

        let inCleaning = valid.replacingOccurrences(of: "cleaning:\n  shop:\n", with: "cleaning:\n  shpo:\n")
        let cleaning = FrameworkLoader.load(text: inCleaning, path: "f.yaml", surveys: Fixtures.catalogue)
        #expect(cleaning.diagnostics.map(\.code.id) == ["E308"])
        #expect(cleaning.diagnostics.first?.message.contains("'shpo' (did you mean shop?)") == true, "\(cleaning.diagnostics)")
    }

    /// `min_minutes` is read per survey and per round; a number of minutes of 0 or less is refused
    /// where it is written, and an unknown key of the rules lists it among the keys they take.
    @Test func theMinimumTimeIsAPositiveNumberOfMinutes() throws {
        let valid = try String(contentsOf: Fixtures.valid, encoding: .utf8)
        func load(_ rule: String, round: String = "") -> FrameworkLoadResult {
            let text = valid.replacingOccurrences(of: "    min_completeness: 0.5\n", with: "    min_completeness: 0.5\n" + rule)
                .replacingOccurrences(of: "{name: shop-2025, survey: shop,", with: "{name: shop-2025, survey: shop,\(round)")
            return FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue)
        }
        let read = try #require(load("    min_minutes: 2.5\n", round: " cleaning: {min_minutes: 4},").framework)
        #expect(read.cleaningRules(forRound: "shop-2024").minMinutes == 2.5)
        #expect(read.cleaningRules(forRound: "shop-2025").minMinutes == 4)
        #expect(load("    min_minutes: -1\n").diagnostics.map(\.description) == [
            "f.yaml:12:18: error[E319]: `min_minutes` is a number of minutes above 0, such as 3 or 2.5, not -1",
        ])
        #expect(load("    min_minutes: '3'\n").diagnostics.map(\.code.id) == ["E009"])
        let unknown = load("    speeders: 3\n").diagnostics
        #expect(unknown.map(\.description) == [
            "f.yaml:12:5: error[E007]: unknown key 'speeders' in the cleaning rules of survey shop; the cleaning rules of survey shop takes: "
                + "test, min_completeness, completeness_excludes, min_minutes, duplicate_key, eligible",
        ])
    }

    /// An unknown `${x}` names the survey it was looked for in, and another survey that has it:
    /// an indicator copied from one survey's to another's keeps its old variables.
    @Test func unknownVariablesAreSaidInTermsOfTheirSurvey() throws {
        let shopText = try String(contentsOf: Fixtures.folder.appendingPathComponent("surveys/shop.yaml"), encoding: .utf8)
            + "      - {name: rating, type: matrix, choices: yes_no, label: {sv: \"Betyg\", en: \"Rating\"}, rows: [{name: staff, label: {sv: \"Personal\", en: \"Staff\"}}]}\n"
        let clubText = """
            id: club
            version: "1"
            title: {sv: "Klubben", en: "The club"}
            languages: [sv, en]
            pages:
              - id: main
                title: {sv: "Frågor", en: "Questions"}
                questions:
                  - {name: visits, type: integer, label: {sv: "Besök", en: "Visits"}}
            """
        let shop = try #require(SurveyLoader.load(text: shopText, path: "shop.yaml").document?.survey)
        let club = try #require(SurveyLoader.load(text: clubText, path: "club.yaml").document?.survey)
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "numerator: \"${score} >= 4\"", with: "numerator: \"${visits} >= 4\"")
            .replacingOccurrences(of: "universe: \"${consent} = 'yes'\"", with: "universe: \"${rating} = 'yes'\"")
            .replacingOccurrences(of: "disaggregate: [region, member]", with: "disaggregate: [region, rating]")
            .replacingOccurrences(of: "eligible: \"${consent} = 'yes'\"", with: "eligible: \"${visits} > 0\"")
        let result = FrameworkLoader.load(text: text, path: "f.yaml", surveys: SurveyCatalogue([shop, club]))
        #expect(result.errors.map(\.message).sorted() == [
            "${rating} is a matrix, which stores one answer per row; refer to a row such as ${rating_staff}",
            "${visits} names no variable of the survey shop, though club has one: refer to a variable of shop",
            "${visits} names no variable of the survey shop, though club has one: refer to a variable of shop, or compute the indicator from club (`survey: club`)",
            "`disaggregate` of indicator `satisfied` names 'rating', a matrix of the survey shop, which stores one answer per row; name a row, such as rating_staff",
        ])
        // A near name of the survey's own comes first.
        let near = FrameworkLoader.load(text: text.replacingOccurrences(of: "${visits} >= 4", with: "${scor} >= 4"), path: "f.yaml",
                                        surveys: SurveyCatalogue([shop, club]))
        #expect(near.errors.map(\.message).contains("${scor} names no variable of the survey shop (did you mean score?)"))
    }

    /// A name with no near name of the survey says what to do, as the survey's own E212 does, and
    /// not only what is wrong.
    @Test func anUnknownVariableWithoutANearNameSaysToCheckTheSpelling() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "numerator: \"${score} >= 4\"", with: "numerator: \"${overall_grade} >= 4\"")
            .replacingOccurrences(of: "disaggregate: [region, member]", with: "disaggregate: [region, organisation]")
        let messages = FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue).errors.map(\.message)
        #expect(messages.sorted() == [
            "${overall_grade} names no variable of the survey shop: check the spelling against the names of its questions",
            "`disaggregate` of indicator `satisfied` names 'organisation', which is no variable of the survey shop: check the spelling against the names of its questions",
        ])
    }

    /// A misspelt key that an indicator needs is one mistake, reported once: as the unknown key,
    /// with the key meant, in the indicator named by its id.
    @Test func aMisspeltNeededKeyIsReportedOnceAsUnknown() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "numerator: \"${score} >= 4\"", with: "numerater: \"${score} >= 4\"")
        let errors = FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue).errors
        #expect(errors.map(\.code) == [.unknownKey])
        #expect(errors.first?.message == "unknown key 'numerater' in indicator `satisfied` (did you mean numerator?)")
        // Nodes and rounds are named by their ids too, not by their place in the list.
        let others = try String(contentsOf: Fixtures.valid, encoding: .utf8)
            .replacingOccurrences(of: "  - {name: shop-2024, survey: shop,", with: "  - {name: shop-2024, survey: shop, lable: x,")
            .replacingOccurrences(of: "  - id: happy_customers\n", with: "  - id: happy_customers\n    contributes: [x]\n")
        #expect(FrameworkLoader.load(text: others, path: "f.yaml", surveys: Fixtures.catalogue).errors.map(\.message) == [
            "unknown key 'lable' in round shop-2024 (did you mean label?)",
            "unknown key 'contributes' in outcome `happy_customers` (did you mean contributes_to?)",
        ])
    }

    @Test func aSurveyGivenAsTheFrameworkIsNamedAsSuch() throws {
        let path = Fixtures.folder.appendingPathComponent("surveys/shop.yaml").path
        let result = FrameworkLoader.load(contentsOf: path, surveys: Fixtures.catalogue)
        #expect(result.framework == nil)
        #expect(result.diagnostics.map(\.description) == [
            "\(path):1:1: error[E012]: this is a survey definition (it has `pages`), not a framework; a framework has `impact` and `indicators`",
        ])
    }

    @Test func surveysAreFoundBesideTheFramework() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frameworks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("frameworks"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("surveys"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.folder.appendingPathComponent("surveys/shop.yaml"), to: folder.appendingPathComponent("surveys/shop.yaml"))
        try FileManager.default.copyItem(at: Fixtures.valid, to: folder.appendingPathComponent("frameworks/shop-toc.yaml"))
        let result = FrameworkLoader.load(contentsOf: folder.appendingPathComponent("frameworks/shop-toc.yaml").path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    /// Every file under frameworks/, so that a framework added there is checked without listing it here.
    static var shippedFrameworks: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.repository.appendingPathComponent("frameworks").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func theShippedFrameworksAreFound() {
        #expect(Self.shippedFrameworks == ["msi-toc.yaml", "samverkansforum.yaml"])
    }

    @Test(arguments: shippedFrameworks)
    func everyShippedFrameworkLoadsWithoutDiagnostics(_ file: String) {
        let result = FrameworkLoader.load(contentsOf: Fixtures.repository.appendingPathComponent("frameworks/" + file).path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.framework?.id == String(file.dropLast(5)))
    }

    @Test func theShippedFrameworkIsClean() throws {
        let path = Fixtures.repository.appendingPathComponent("frameworks/msi-toc.yaml").path
        let result = FrameworkLoader.load(contentsOf: path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let framework = try #require(result.framework)
        #expect((18...25).contains(framework.indicators.count))
        #expect(Set(framework.indicators.map(\.kind)) == Set(IndicatorKind.allCases))
        for indicator in framework.indicators {
            #expect(indicator.title["sv"] != nil && indicator.title["en"] != nil)
        }
        #expect(framework.indicators.contains { $0.baseline != nil })
        #expect(framework.indicators.contains { !$0.targets.isEmpty })
    }
}
