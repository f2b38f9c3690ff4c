import Aggregation
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition
import Testing

/// The speed rule over a shop round whose web responses took known times: the store's clock is
/// set for each write, and the responses come in by the form's path, an import and the API.
struct SpeedCleaningTests {
    static let start = Date(timeIntervalSince1970: 1_760_000_000)
    static let today = CalendarDate(year: 2025, month: 10, day: 9)!

    /// A shop round in a temporary file, written to through stores whose clocks stand at given minutes.
    final class TimedRound {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("speed-\(UUID().uuidString).sqlite").path
        let document: SurveyDocument

        init() throws {
            let loaded = SurveyLoader.load(contentsOf: ComputeTests.folder.appendingPathComponent("shop.yaml").path)
            document = try #require(loaded.document)
            try store(at: 0).openRound(RoundRequest(
                name: "shop-2025", document: document, opens: CalendarDate(year: 2025, month: 1, day: 1)!,
                closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: true))
        }

        deinit { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }

        func store(at minutes: Double) throws -> SQLiteStore {
            try SQLiteStore(path: path, clock: { SpeedCleaningTests.start.addingTimeInterval(minutes * 60) })
        }

        static func answers(_ name: String) -> [String: AnswerValue?] {
            ["consent": .choice("yes"), "region": .choice("north"), "score": .integer(5), "spend": .decimal(12), "member": .boolean(true),
             "topics": .choices(["food"]), "name": .text(name), "weight": .decimal(1)]
        }

        static func record(_ batch: CommittedBatch) throws -> ResponseRecord {
            guard case .response(let record) = try batch.results[0].get() else { throw StoreError.unknownResponse(0) }
            return record
        }

        /// A web response begun at `begun` and saved at each of `saves` (minutes), the last save submitting it
        /// unless `submits` is false; returns its id.
        @discardableResult
        func web(_ answers: [String: AnswerValue?], begun: Double, saves: [Double], submits: Bool = true) throws -> Int64 {
            let start = AnonymousStart(round: "shop-2025", language: "sv", tokenHash: InvitationToken.random().hash, today: SpeedCleaningTests.today)
            let id = try Self.record(try store(at: begun).commit([.beginAnonymous(start)])).id
            for (index, minute) in saves.enumerated() {
                let save = PageSave(target: .response(id), answers: answers, currentPage: nil, language: "sv",
                                    completes: submits && index == saves.count - 1, today: SpeedCleaningTests.today)
                _ = try Self.record(try store(at: minute).commit([.savePage(save)]))
            }
            return id
        }

        /// A complete response sent through the API at minute `at`, in one request.
        @discardableResult
        func api(_ answers: [String: AnswerValue?], at minute: Double) throws -> Int64 {
            let submission = CompleteSubmission(round: "shop-2025", definitionHash: document.contentHash, language: "sv", source: .api, apiClient: "crm",
                                                answers: answers, idempotency: nil, today: SpeedCleaningTests.today)
            return try Self.record(try store(at: minute).commit([.submitComplete(submission)])).id
        }

        /// A complete response imported at minute `at`.
        func imported(_ name: String, at minute: Double) throws {
            let answers = Self.answers(name)
            let values = document.survey.variables.map { answers[$0.name] ?? nil }
            try store(at: minute).insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
                try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
            }
        }

        /// The round cleaned by the shop framework with `cleaning` as its rules.
        func cleaned(_ cleaning: String, language: String? = nil) throws -> CleaningLog {
            let file = ComputeTests.folder.appendingPathComponent("shop-toc.yaml").path
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let rules = try #require(text.range(of: "cleaning:\n"))
            let end = try #require(text.range(of: "impact:\n"))
            let loaded = FrameworkLoader.load(text: text.replacingCharacters(in: rules.lowerBound..<end.lowerBound, with: "cleaning:\n  shop:\n" + cleaning),
                                              path: file, surveys: SurveyCatalogue([document.survey]))
            let framework = try #require(loaded.framework, "\(loaded.diagnostics)")
            let results = try Aggregator(framework: framework, store: try store(at: 100), language: language).compute(rounds: ["shop-2025"])
            return try #require(results.cleaning.first)
        }
    }

    /// Web responses under the minimum are removed; imported and API ones, however fast, are kept
    /// and counted as not timed. Exactly the minimum is not under it.
    @Test func onlyWebResponsesFasterThanTheMinimumAreRemoved() throws {
        let round = try TimedRound()
        let slow = try round.web(TimedRound.answers("slow"), begun: 0, saves: [4, 10])
        let fast = try round.web(TimedRound.answers("fast"), begun: 0, saves: [1])
        let exact = try round.web(TimedRound.answers("exact"), begun: 0, saves: [2.5])
        let quick = try round.web(TimedRound.answers("quick"), begun: 0, saves: [1, 2.49])
        try round.api(TimedRound.answers("api"), at: 20)
        try round.imported("imported", at: 30)

        let log = try round.cleaned("    min_minutes: 2.5\n")
        #expect(log.read == 6)
        #expect(log.entries.map(\.rule) == [.speed])
        #expect(log.entries[0].removed == [fast, quick])
        #expect(log.entries[0].untimed == 2)
        #expect(log.kept == 4)
        #expect(![slow, exact].contains { log.entries[0].removed.contains($0) })
    }

    /// With `min_completeness`, partial responses are read and timed to their last save.
    @Test func aPartialResponseIsTimedToItsLastSave() throws {
        let round = try TimedRound()
        let hurried = try round.web(TimedRound.answers("hurried"), begun: 0, saves: [1], submits: false)
        let paused = try round.web(TimedRound.answers("paused"), begun: 0, saves: [1, 6], submits: false)
        let log = try round.cleaned("    min_completeness: 0.5\n    min_minutes: 3\n")
        #expect(log.read == 2 && log.partial == 2)
        #expect(log.entries.map(\.rule) == [.completeness, .speed])
        #expect(log.entries[1].removed == [hurried])
        #expect(log.entries[1].untimed == 0)
        #expect(log.kept == 1 && !log.entries.contains { $0.removed.contains(paused) })
    }

    /// The rule runs after test and completeness and before duplicates and eligibility: a fast test
    /// response is counted as a test response only, a fast incomplete one as incomplete only, and a
    /// fast duplicate or ineligible one as too fast.
    @Test func theRuleRunsInItsPlaceInTheOrder() throws {
        let round = try TimedRound()
        let test = try round.web(TimedRound.answers("TEST"), begun: 0, saves: [1])
        let sparse = try round.web(["consent": .choice("yes")], begun: 0, saves: [1], submits: false)
        try round.web(TimedRound.answers("anna"), begun: 0, saves: [10])
        let fastDuplicate = try round.web(TimedRound.answers("Anna"), begun: 0, saves: [1])
        var refused = TimedRound.answers("refused")
        refused["consent"] = .choice("no")
        let fastRefusal = try round.web(refused, begun: 0, saves: [1])
        let log = try round.cleaned("""
                test: "${name} = 'TEST'"
                min_completeness: 0.5
                min_minutes: 3
                duplicate_key: [name]
                eligible: "${consent} = 'yes'"

            """)
        #expect(log.entries.map(\.rule) == CleaningLog.Rule.order)
        #expect(log.entries.map(\.removed) == [[test], [sparse], [fastDuplicate, fastRefusal], [], []])
        #expect(log.kept == 1)
    }

    /// A minimum longer than any time the store can hold (found by fuzzing: `min_minutes: 1e300`
    /// stopped the computation converting it to milliseconds) removes every timed response.
    @Test func aMinimumBeyondAnyStoredTimeRemovesEveryWebResponse() throws {
        let round = try TimedRound()
        let slow = try round.web(TimedRound.answers("slow"), begun: 0, saves: [60])
        try round.api(TimedRound.answers("api"), at: 20)
        for minutes in ["1e300", "153722867280912.94"] {
            let log = try round.cleaned("    min_minutes: \(minutes)\n")
            #expect(log.entries.map(\.removed) == [[slow]], "min_minutes: \(minutes)")
            #expect(log.entries.first?.untimed == 1)
            #expect(log.kept == 1)
        }
    }

    /// The rule is described in the results language, decimals written the language's way.
    @Test func theRuleIsDescribedInTheResultsLanguage() throws {
        let round = try TimedRound()
        try round.web(TimedRound.answers("fast"), begun: 0, saves: [1])
        let entry = try #require(try round.cleaned("    min_minutes: 2.5\n").entries.first)
        #expect(entry.description("sv") == "besvarade på under 2,5\u{00A0}minuter")
        #expect(entry.description("en") == "completed in under 2.5\u{00A0}minutes")
        #expect(CleaningLog.Rule.speed.label("sv") == "För snabba" && CleaningLog.Rule.speed.label("en") == "Too fast")
        let one = try #require(try round.cleaned("    min_minutes: 1\n").entries.first)
        #expect(one.description("sv") == "besvarade på under 1\u{00A0}minut")
        #expect(one.description("en") == "completed in under 1\u{00A0}minute")
        #expect(one.untimedNote("en") == nil)
    }
}
