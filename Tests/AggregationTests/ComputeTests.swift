import Aggregation
import Estimators
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition
import Testing

/// The shop framework over two small rounds with known answers.
struct ComputeTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// One response: consent, region, score, spend, member, name (weight 1, no topics).
    typealias Answers = (consent: String, region: String?, score: Int64?, spend: Double?, member: Bool?, name: String)

    static func rows2024() -> [Answers] {
        var rows: [Answers] = []
        for i in 0..<18 { rows.append(("yes", "north", i < 9 ? 5 : 2, 10, i < 10, "n\(i)")) }
        rows.append(("yes", "south", 5, 10, nil, "s0"))
        rows.append(("yes", "south", 5, 10, nil, "Anna"))
        rows.append(("yes", "south", 1, 10, nil, "s2"))
        rows.append(("yes", "north", 5, 10, true, "TEST"))       // a test response
        rows.append(("yes", "north", 1, 10, true, " anna "))     // a duplicate of Anna
        rows.append(("no", nil, nil, nil, nil, "refused"))        // not eligible
        return rows
    }

    static func rows2025() -> [Answers] {
        (0..<25).map { ("yes", "north", 5, 12, true, "m\($0)") }
    }

    /// Each response's weight: 1 where it has a spend, by default.
    typealias Weighing = (Answers) -> Double?

    /// The responses of each round: rows2024 and rows2025, by default.
    typealias Rows = (String) -> [Answers]

    static func weightOfSpend(_ row: Answers) -> Double? { row.spend == nil ? nil : 1 }
    static func rows(of round: String) -> [Answers] { round == "shop-2024" ? rows2024() : rows2025() }

    static func makeStore(weightOf: Weighing = weightOfSpend, rowsOf: Rows = rows(of:)) throws -> (SQLiteStore, SurveyDocument, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aggregation-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        let loaded = SurveyLoader.load(contentsOf: folder.appendingPathComponent("shop.yaml").path)
        let document = try #require(loaded.document)
        for round in ["shop-2024", "shop-2025"] {
            let rows = rowsOf(round)
            try store.openRound(RoundRequest(
                name: round, document: document, opens: CalendarDate(year: 2024, month: 1, day: 1)!,
                closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: true))
            try store.insertCompleteResponses(round: round, document: document, source: .import) { inserter in
                for row in rows {
                    let values: [AnswerValue?] = [
                        .choice(row.consent), row.region.map(AnswerValue.choice), row.score.map(AnswerValue.integer),
                        row.spend.map(AnswerValue.decimal), row.member.map(AnswerValue.boolean), nil, .text(row.name),
                        weightOf(row).map(AnswerValue.decimal),
                    ]
                    try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
                }
            }
        }
        return (store, document, path)
    }

    /// `edit` changes the framework's text before it is loaded; `prepare` changes the store.
    static func compute(
        language: String? = nil, rounds: [String]? = nil, weightOf: Weighing? = nil, rowsOf: Rows? = nil, edit: (String) -> String = { $0 },
        prepare: (SQLiteStore, SurveyDocument) throws -> Void = { _, _ in }
    ) throws -> ResultSet {
        let (store, document, path) = try makeStore(weightOf: weightOf ?? weightOfSpend, rowsOf: rowsOf ?? rows(of:))
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try prepare(store, document)
        let file = folder.appendingPathComponent("shop-toc.yaml").path
        let loaded = FrameworkLoader.load(text: edit(try String(contentsOfFile: file, encoding: .utf8)), path: file,
                                          surveys: SurveyCatalogue([document.survey]))
        let framework = try #require(loaded.framework, "\(loaded.diagnostics)")
        return try Aggregator(framework: framework, store: store, language: language).compute(rounds: rounds)
    }

    static func row(_ results: ResultSet, _ indicator: String, _ round: String, _ variable: String? = nil, _ code: String? = nil) -> ResultRow? {
        results.rows.first {
            $0.indicator == indicator && $0.round == round && $0.group.variable == variable && $0.group.code == code
        }
    }

    @Test func cleaningRulesRemoveTestDuplicateAndIneligibleResponses() throws {
        let results = try Self.compute()
        let log = try #require(results.cleaning.first { $0.round == "shop-2024" })
        #expect(log.read == 24)
        #expect(log.entries.map(\.rule) == [.test, .completeness, .duplicate, .eligibility])
        // The refusal answered 2 of 8 questions, so completeness removes it before eligibility.
        #expect(log.entries.map(\.count) == [1, 1, 1, 0])
        #expect(log.entries[0].removed == [22])
        #expect(log.entries[1].removed == [24])
        #expect(log.entries[2].removed == [23])
        #expect(log.kept == 21)
    }

    @Test func totalsAreEstimatedOverTheCleanedResponses() throws {
        let results = try Self.compute()
        let total = try #require(Self.row(results, "satisfied", "shop-2024")?.outcome.published)
        #expect(total.n == 21)
        #expect(abs(total.value - 11.0 / 21.0) < 1e-12)
        #expect(total.estimate?.method == .wilson)
        let interval = try #require(total.interval)
        #expect(interval.lower < total.value && total.value < interval.upper)
        #expect(results.rows.first { $0.indicator == "satisfied" && $0.round == "shop-2024" && $0.group.isTotal }?.group.label == "Totalt")
    }

    @Test func aSmallGroupAndItsOnlySiblingAreBothSuppressed() throws {
        let results = try Self.compute()
        let south = try #require(Self.row(results, "satisfied", "shop-2024", "region", "south"))
        let north = try #require(Self.row(results, "satisfied", "shop-2024", "region", "north"))
        #expect(south.outcome == .suppressed(SuppressedCell(reason: .belowThreshold, threshold: 10)))
        #expect(north.outcome == .suppressed(SuppressedCell(reason: .secondary, threshold: 10)))
        #expect(south.group.label == "Söder")
        // In 2025 every response is in the north: the empty south is withheld, but its 0 is no
        // secret and the north's figures are the total's, so withholding the north hid nothing.
        #expect(Self.row(results, "satisfied", "shop-2025", "region", "south")?.outcome == .suppressed(SuppressedCell(reason: .belowThreshold, threshold: 10)))
        #expect(Self.row(results, "satisfied", "shop-2025", "region", "north")?.outcome.published?.n == 25)
        #expect(Self.row(results, "satisfied", "shop-2025")?.outcome.published?.n == 25)
    }

    @Test func suppressedCellsShowNoFiguresInAnyOutput() throws {
        let results = try Self.compute()
        let suppressed = results.displayRows().filter { !$0.suppressed.isEmpty }
        #expect(suppressed.count >= 4)
        for row in suppressed {
            #expect(row.estimate.isEmpty && row.standardError.isEmpty && row.low.isEmpty && row.high.isEmpty)
            #expect(row.change.isEmpty && row.changeLow.isEmpty && row.changeHigh.isEmpty)
            #expect(row.n == "< 10" || row.n.isEmpty || row.n == "< 5")
            #expect(row.n.isEmpty == (row.suppressed == "secondary"))
            // No field holds a number except the target.
            for (index, field) in row.fields.enumerated() where DisplayRow.columns[index] != "target" {
                #expect(Double(field) == nil, "\(DisplayRow.columns[index]) shows \(field)")
            }
        }
    }

    @Test func notAnsweredIsAGroupSoThatGroupsAddUp() throws {
        let results = try Self.compute(language: "en")
        let member = results.rows.filter { $0.indicator == "satisfied" && $0.round == "shop-2024" && $0.group.variable == "member" }
        #expect(member.map(\.group.label) == ["Yes", "No", "Not answered"])
        // "No" and "Not answered" are small; "Yes" (10) is withheld beside them, since 21 − 10 would
        // leave their sum, which gives both away when they are all 1 or all 9.
        #expect(member.map { $0.outcome.isSuppressed } == [true, true, true])
        #expect(member[0].outcome == .suppressed(SuppressedCell(reason: .secondary, threshold: 10)))
    }

    @Test func changeStatusAndTargetOfTheTotal() throws {
        let results = try Self.compute()
        let earlier = try #require(Self.row(results, "satisfied", "shop-2024"))
        #expect(earlier.target == 0.6)
        #expect(earlier.status == .onTrack) // 0.524 is past the path's 0.5 at the baseline round
        let later = try #require(Self.row(results, "satisfied", "shop-2025"))
        #expect(later.status == .met)
        let change = try #require(later.outcome.published?.change)
        #expect(change.since == "shop-2024")
        #expect(abs(change.value - (1 - 11.0 / 21.0)) < 1e-12)
        #expect(change.method == .newcombeHybridScore)
        #expect(change.interval != nil)
    }

    /// A share of a whole of 1 in both rounds has no interval, nor has its change: each row says
    /// why with a stable code, as a reported value says it is one, and a figure with an interval
    /// says nothing.
    @Test func aFigureWithoutAnIntervalCarriesWhy() throws {
        let results = try Self.compute(edit: { $0 + """

              - id: spend_share
                node: happy_customers
                kind: ratio
                survey: shop
                title: {sv: "Andel", en: "Share"}
                value: "${spend}"
                denominator: "${spend}"

            """ })
        let later = try #require(Self.row(results, "spend_share", "shop-2025")?.outcome.published)
        #expect(later.noIntervalReason == .estimator(.shareAtOne))
        #expect(later.change?.noIntervalReason == .estimator(.shareAtOne))
        let rows = results.displayRows()
        func notes(_ indicator: String, _ round: String) -> [String]? {
            rows.first { $0.indicator == indicator && $0.round == round && $0.breakdown.isEmpty }.map { Array($0.fields.suffix(2)) }
        }
        #expect(DisplayRow.columns.suffix(2) == ["interval_note", "change_note"])
        #expect(notes("spend_share", "shop-2024") == ["share-at-one", ""])
        #expect(notes("spend_share", "shop-2025") == ["share-at-one", "share-at-one"])
        #expect(notes("satisfied", "shop-2025") == ["", ""])
        #expect(notes("courses", "year-2025") == ["reported-value", ""])
    }

    /// Each row names its group by its code beside its label, so that a tool finds a group when a
    /// round rewords its label: a choice's code, true or false for a boolean, and empty for the
    /// total and for the responses without a value ("Uppgift saknas").
    @Test func aRowNamesItsGroupByItsCodeBesideItsLabel() throws {
        let rows = try Self.compute().displayRows().filter { $0.indicator == "satisfied" && $0.round == "shop-2024" }
        #expect(rows.map { [$0.breakdown, $0.group, $0.groupCode] } == [
            ["", "Totalt", ""], ["region", "Norr", "north"], ["region", "Söder", "south"],
            ["member", "Ja", "true"], ["member", "Nej", "false"], ["member", "Uppgift saknas", ""],
        ])
        let group = try #require(DisplayRow.columns.firstIndex(of: "group"))
        #expect(DisplayRow.columns[group + 1] == "group_code")
        #expect(rows.allSatisfy { $0.fields[group + 1] == $0.groupCode })
    }

    @Test func weightedIndicatorsUseTheDesign() throws {
        let results = try Self.compute()
        let spend = try #require(Self.row(results, "mean_spend", "shop-2025")?.outcome.published)
        #expect(spend.value == 12)
        #expect(spend.estimate?.isWeighted == true)
        #expect(spend.estimate?.method == .taylorNormal)
    }

    /// A numerator that asks whether a question was answered says itself what an empty answer
    /// means, so an empty answer is a 0 or a 1 in the base, not a response missing from it.
    @Test func aNumeratorOnWhetherAQuestionIsAnsweredCountsTheUnansweredInTheBase() throws {
        func share(_ id: String, _ numerator: String) -> String {
            "  - {id: \(id), node: happy_customers, kind: proportion, survey: shop, title: {sv: \"x\", en: \"x\"}, numerator: \"\(numerator)\"}\n"
        }
        let added = share("member_answered", "${member} != ''") + share("member_unanswered", "${member} = ''")
            + share("any_topic", "count-selected(${topics}) > 0") + share("named", "string-length(${name}) > 0 and ${member} != ''")
        let results = try Self.compute(rounds: ["shop-2024"], edit: {
            $0.replacingOccurrences(of: "  - id: courses\n", with: added + "  - id: courses\n")
        })
        // 21 kept responses; the 3 in the south left member unanswered, and nobody ticked a topic.
        for (id, count) in [("member_answered", 18), ("member_unanswered", 3), ("any_topic", 0), ("named", 18)] {
            let total = try #require(Self.row(results, id, "shop-2024")?.outcome.published, "\(id)")
            #expect(total.n == 21, "\(id)")
            #expect(abs(total.value - Double(count) / 21) < 1e-12, "\(id)")
        }
        #expect(results.missing.filter { ["member_answered", "member_unanswered", "any_topic", "named"].contains($0.indicator) }.allSatisfy { $0.count == 0 })
    }

    /// A numerator the answers given do not decide is missing: with `member` unanswered,
    /// `${score} > 3 and ${member}` is unknown when the score is above 3 and false when it is not.
    /// Besides the 21 kept responses of shop-2024 (18 in the north with member answered, 3 in the
    /// south without: scores 5, 5 and 1), p1 and p2 left the score unanswered, with member yes and no.
    @Test func aNumeratorTheAnswersGivenDoNotDecideIsMissing() throws {
        func share(_ id: String, _ numerator: String, universe: String? = nil) -> String {
            "  - {id: \(id), node: happy_customers, kind: proportion, survey: shop, title: {sv: \"x\", en: \"x\"}, numerator: \"\(numerator)\""
                + (universe.map { ", universe: \"\($0)\"" } ?? "") + "}\n"
        }
        // (id, numerator, base, yes, missing)
        let cases: [(String, String, Int, Int, Int)] = [
            ("both", "${score} > 3 and ${member}", 20, 9, 3),         // s0, Anna and p1 undecided
            ("either", "${member} or ${score} > 4", 21, 13, 2),       // s2 and p2 undecided
            ("neither", "not(${member} and ${score} > 3)", 20, 11, 3),
            ("half", "${score} div ${spend} >= 0.3", 21, 11, 2),      // women_led's form: p1 and p2
            ("member_else_score", "coalesce(${member}, ${score} > 3)", 23, 13, 0),
            ("food_and_score", "selected(${topics}, 'food') and ${score} > 3", 10, 0, 13),
            ("score_if_member", "if(${member}, ${score}, 0) > 3", 19, 9, 4),
            ("satisfied", "${score} >= 4", 21, 11, 2),                // one variable: as before
        ]
        let added = cases.dropLast().map { share($0.0, $0.1, universe: $0.0 == "half" ? "${spend} > 0" : nil) }.joined()
        let partial = { (store: SQLiteStore, document: SurveyDocument) in
            _ = try store.insertCompleteResponses(round: "shop-2024", document: document, source: .import) { inserter in
                for (name, member) in [("p1", true), ("p2", false)] {
                    let values: [AnswerValue?] = [.choice("yes"), .choice("north"), nil, .decimal(10), .boolean(member), nil, .text(name), .decimal(1)]
                    try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
                }
            }
            return
        }
        let results = try Self.compute(rounds: ["shop-2024"], edit: {
            $0.replacingOccurrences(of: "  - id: courses\n", with: added + "  - id: courses\n")
        }, prepare: partial)
        #expect(results.cleaning.first?.kept == 23)
        for (id, _, base, yes, missing) in cases {
            let total = try #require(Self.row(results, id, "shop-2024")?.outcome.published, "\(id)")
            #expect(total.n == base, "\(id)")
            #expect(abs(total.value - Double(yes) / Double(base)) < 1e-12, "\(id)")
            #expect(results.missing.first { $0.indicator == id }?.count ?? 0 == missing, "\(id)")
        }
    }

    @Test func aNegativeWeightIsNamedByItsResponseNotItsPosition() throws {
        // 24 responses in shop-2024, then m0… in shop-2025: m3 is response 28.
        let results = try Self.compute(weightOf: { $0.name == "m3" ? -2 : 1 })
        let cell = try #require(Self.row(results, "mean_spend", "shop-2025"))
        guard case .unavailable(let reason) = cell.outcome else {
            Issue.record("expected no estimate, got \(cell.outcome)")
            return
        }
        #expect(reason == .negativeWeight(response: 28, weight: "weight", value: -2))
        #expect(reason.text("en") == "response 28 has weight -2, but a weight is 0 or more; correct it, or empty it to leave the response out")
        #expect(reason.text("sv") == "svar 28 har weight -2, men en vikt är 0 eller mer; rätta den, eller töm den för att lämna svaret utanför")
    }

    @Test func reportedValuesAreRowsWithoutABase() throws {
        let results = try Self.compute()
        let courses = try #require(Self.row(results, "courses", "year-2025")?.outcome.published)
        #expect(courses.value == 4)
        #expect(courses.n == nil && courses.estimate == nil)
    }

    @Test func onlyTheRoundsAskedForAreListed() throws {
        let results = try Self.compute(rounds: ["shop-2025"])
        #expect(Set(results.rows.map(\.round)) == ["shop-2025"])
        // The change still compares with the round before.
        #expect(Self.row(results, "satisfied", "shop-2025")?.outcome.published?.change?.since == "shop-2024")
        #expect(results.cleaning.map(\.round) == ["shop-2025"])
    }

    /// The framework with a survey round shop-2024b declared between the two.
    static func roundBetween(_ text: String) -> String {
        text.replacingOccurrences(
            of: "  - {name: shop-2025,",
            with: "  - {name: shop-2024b, survey: shop, label: {sv: \"2024b\", en: \"2024b\"}}\n  - {name: shop-2025,")
    }

    /// A declared round the database lacks, while the database has a round of the same survey under
    /// a name the framework does not declare (opened as shop-2025, declared as shop-2025x): the note
    /// names that round, which is likely the same one.
    @Test func aRoundWithoutDataNamesTheUndeclaredRoundsOfItsSurvey() throws {
        let results = try Self.compute(edit: { $0.replacingOccurrences(of: "shop-2025", with: "shop-2025x") })
        #expect(results.notes.contains(.roundWithoutData(round: "shop-2025x", undeclared: ["shop-2025"])), "\(results.notes)")
        #expect(try Self.compute(edit: Self.roundBetween).notes == [.roundWithoutData(round: "shop-2024b")], "no other round of the survey: nothing more")
    }

    /// A declared round without data whose figures the framework gives as values (a published
    /// baseline): the note names the indicators whose baseline it holds instead of saying "yet".
    @Test func aRoundWithoutDataThatHoldsBaselinesNamesThem() throws {
        let published: (String) -> String = { text in
            Self.roundBetween(text).replacingOccurrences(of: "baseline: {round: shop-2024, value: 0.5}", with: "baseline: {round: shop-2024b, value: 0.5}")
        }
        let results = try Self.compute(edit: published)
        #expect(results.notes == [.roundWithoutData(round: "shop-2024b", baselines: ["satisfied"])], "\(results.notes)")
        #expect(results.notes[0].text("en") == "round shop-2024b has no data in the database; the framework gives the baseline in it of satisfied as a value")
    }

    @Test func theChangeSkipsARoundTheDatabaseDoesNotHaveWhenOnlyTheLaterRoundIsAsked() throws {
        // A survey round declared between the two, never opened: the change of 2025 is since 2024,
        // whether all rounds are computed or only 2025.
        let all = try Self.compute(edit: Self.roundBetween)
        #expect(all.notes == [.roundWithoutData(round: "shop-2024b")])
        let asked = try Self.compute(rounds: ["shop-2025"], edit: Self.roundBetween)
        #expect(asked.notes.isEmpty)
        let expected = try #require(Self.row(all, "satisfied", "shop-2025")?.outcome.published?.change)
        #expect(expected.since == "shop-2024")
        let change = try #require(Self.row(asked, "satisfied", "shop-2025")?.outcome.published?.change)
        #expect(change == expected)
        #expect(Set(asked.rows.map(\.round)) == ["shop-2025"])
        #expect(asked.cleaning.map(\.round) == ["shop-2025"])
    }

    @Test func theChangeSkipsARoundOpenedWithoutResponses() throws {
        // shop-2024b is opened between the two but nobody answers it: it has no rows, a note says
        // why, and the change of 2025 is since 2024, whether all rounds are computed or only 2025.
        let openEmpty = { (store: SQLiteStore, document: SurveyDocument) in
            try store.openRound(RoundRequest(
                name: "shop-2024b", document: document, opens: CalendarDate(year: 2024, month: 6, day: 1)!,
                closes: CalendarDate(year: 2024, month: 6, day: 30)!, anonymous: true))
            return
        }
        let all = try Self.compute(edit: Self.roundBetween, prepare: openEmpty)
        #expect(Self.row(all, "satisfied", "shop-2025")?.outcome.published?.change?.since == "shop-2024")
        #expect(!all.rows.contains { $0.round == "shop-2024b" })
        #expect(all.notes.contains(.roundWithoutResponses(round: "shop-2024b", readsPartial: true)))
        let asked = try Self.compute(rounds: ["shop-2025"], edit: Self.roundBetween, prepare: openEmpty)
        #expect(Self.row(asked, "satisfied", "shop-2025")?.outcome.published?.change?.since == "shop-2024")

        // Without a completeness rule only submitted responses are read, so a round with nothing but
        // a begun response is passed over too.
        let gapWithoutCompleteness = { (text: String) in Self.roundBetween(text).replacingOccurrences(of: "    min_completeness: 0.5\n", with: "") }
        let begun = { (store: SQLiteStore, document: SurveyDocument) in
            try openEmpty(store, document)
            _ = try store.createResponse(NewResponse(round: "shop-2024b", language: "sv", source: .web),
                                     today: CalendarDate(year: 2024, month: 6, day: 2)!)
            return
        }
        for rounds in [nil, ["shop-2024b", "shop-2025"]] {
            let results = try Self.compute(rounds: rounds, edit: gapWithoutCompleteness, prepare: begun)
            #expect(Self.row(results, "satisfied", "shop-2025")?.outcome.published?.change?.since == "shop-2024")
            #expect(results.notes.contains(.roundWithoutResponses(round: "shop-2024b", readsPartial: false)))
        }
        // With the rule, the begun response is read (and removed as incomplete): the round has data,
        // and 2025's change cannot be given since a round whose cells are withheld.
        let read = try Self.compute(edit: Self.roundBetween, prepare: begun)
        #expect(read.rows.contains { $0.round == "shop-2024b" })
        #expect(Self.row(read, "satisfied", "shop-2025")?.outcome.published?.change == nil)
    }

    @Test func theStatusOfAReportedValueDoesNotMoveWhenALaterValueIsWritten() throws {
        // Four yearly reporting periods; 38 in 2024 (the baseline), 46 in 2025, target 60 in 2027.
        // The straight path is at 38 + 22/3 ≈ 45.3 in 2025, so 46 is on track, with or without 2026's value.
        func years(_ values: String) -> (String) -> String {
            { text in
                text.replacingOccurrences(
                    of: "  - {name: year-2025, label: {sv: \"År 2025\", en: \"Year 2025\"}}",
                    with: ["2024", "2025", "2026", "2027"].map { "  - {name: year-\($0), label: {sv: \"År \($0)\", en: \"Year \($0)\"}}" }
                        .joined(separator: "\n"))
                    .replacingOccurrences(
                        of: "    values: {year-2025: 4}",
                        with: "    direction: up\n    values: {\(values)}\n    baseline: {round: year-2024, value: 38}\n    targets: {year-2027: 60}")
            }
        }
        let before = try Self.compute(edit: years("year-2024: 38, year-2025: 46"))
        #expect(Self.row(before, "courses", "year-2025")?.status == .onTrack)
        let after = try Self.compute(edit: years("year-2024: 38, year-2025: 46, year-2026: 50"))
        #expect(Self.row(after, "courses", "year-2025")?.status == .onTrack)
        #expect(Self.row(after, "courses", "year-2026")?.status == .offTrack) // the path is at 52.7
        #expect(Self.row(after, "courses", "year-2026")?.outcome.published?.change?.since == "year-2025")
    }

    @Test func indicatorsOfAQuestionOrChoiceAddedLaterAreComputedForTheRoundsThatAskedThem() throws {
        let (store, _, path) = try Self.makeStore()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        // Version 2 adds `visits` and the region east; shop-2025 takes it and six more responses
        // from the east, each with 3 visits.
        let south = "    - {value: south, label: {sv: \"Söder\", en: \"South\"}}\n"
        let text = try String(contentsOf: Self.folder.appendingPathComponent("shop.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            .replacingOccurrences(of: south, with: south + "    - {value: east, label: {sv: \"Öst\", en: \"East\"}}\n")
            + "      - {name: visits, type: integer, label: {sv: \"Besök\", en: \"Visits\"}}\n"
        let version2 = try #require(SurveyLoader.load(text: text, path: "shop-2.yaml").document)
        try store.openRound(RoundRequest(name: "shop-2025", document: version2))
        try store.insertCompleteResponses(round: "shop-2025", document: version2, source: .import) { inserter in
            for i in 0..<6 {
                let values: [AnswerValue?] = [.choice("yes"), .choice("east"), .integer(5), nil, nil, nil, .text("v\(i)"), nil, .integer(3)]
                try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
            }
        }
        let file = Self.folder.appendingPathComponent("shop-toc.yaml").path
        let framework = try String(contentsOfFile: file, encoding: .utf8) + """
              - id: mean_visits
                node: happy_customers
                kind: mean
                survey: shop
                title: {sv: "Besök", en: "Visits"}
                value: "${visits}"
              - id: share_east
                node: happy_customers
                kind: proportion
                survey: shop
                title: {sv: "Öst", en: "East"}
                numerator: "${region} = 'east'"

            """
        let loaded = FrameworkLoader.load(text: framework, path: file, surveys: SurveyCatalogue([version2.survey]))
        let results = try Aggregator(framework: try #require(loaded.framework, "\(loaded.diagnostics)"), store: store).compute()
        #expect(Self.row(results, "mean_visits", "shop-2025")?.outcome.published?.value == 3)
        #expect(Self.row(results, "mean_visits", "shop-2024") == nil)
        #expect(Self.row(results, "share_east", "shop-2025")?.outcome.published?.value == 6.0 / 31.0)
        #expect(Self.row(results, "share_east", "shop-2024") == nil)
        let version1 = DefinitionVersion(survey: "shop", version: "1")
        #expect(results.notes == [
            .indicatorNotComputed(indicator: "mean_visits", round: "shop-2024", definition: version1, lacking: .variables(["visits"])),
            .indicatorNotComputed(indicator: "share_east", round: "shop-2024", definition: version1,
                                  lacking: .code(UnknownCode(code: "east", list: "regions", codes: ["north", "south"]))),
            // satisfied is broken down by region, which version 2 asks with a choice more.
            .questionChanged(indicator: "satisfied", round: "shop-2025", since: "shop-2024", from: version1,
                             to: DefinitionVersion(survey: "shop", version: "2"),
                             changes: [QuestionChange(variable: "region", differences: [.choicesAdded(["east"])])]),
        ])
        #expect(Self.row(results, "satisfied", "shop-2024")?.outcome.published != nil)
    }

    @Test func roundsDeclaredAgainstTheirDatesAreNoted() throws {
        let (store, document, path) = try Self.makeStore()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try store.openRound(RoundRequest(
            name: "shop-2025", document: document, opens: CalendarDate(year: 2025, month: 1, day: 1)!, closes: CalendarDate(year: 2025, month: 12, day: 31)!))
        let file = Self.folder.appendingPathComponent("shop-toc.yaml").path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let line2024 = "  - {name: shop-2024, survey: shop, label: {sv: \"2024\", en: \"2024\"}}\n"
        let line2025 = "  - {name: shop-2025, survey: shop, label: {sv: \"2025\", en: \"2025\"}}\n"
        let swapped = text.replacingOccurrences(of: line2024 + line2025, with: line2025 + line2024)
            .replacingOccurrences(of: "    baseline: {round: shop-2024, value: 0.5}\n    targets: {shop-2025: 0.6}\n", with: "")
        #expect(swapped != text)
        let loaded = FrameworkLoader.load(text: swapped, path: file, surveys: SurveyCatalogue([document.survey]))
        let results = try Aggregator(framework: try #require(loaded.framework, "\(loaded.diagnostics)"), store: store).compute()
        #expect(results.notes == [.roundsOutOfOrder(
            round: "shop-2024", opens: CalendarDate(year: 2024, month: 1, day: 1)!, earlier: "shop-2025", earlierOpens: CalendarDate(year: 2025, month: 1, day: 1)!)])
        #expect(try Self.compute().notes.isEmpty)
    }

    @Test func anUndeclaredRoundIsRefused() throws {
        #expect(throws: AggregationError.self) { try Self.compute(rounds: ["shop-2030"]) }
    }
}
