// Fuzz target: any text as a framework over the shop survey (Tests/AggregationTests/Fixtures),
// computed over a fixed store made once per process: two rounds, shop-2024 and shop-2025, whose
// responses came in by the web form (taking from under a minute to an hour), the API and an
// import, with varied answers, weights (some empty, zero or huge) and a calculated text `area`,
// so that post-stratification, raking and calibration (`calibrate`: a population's size, counts and
// numeric totals, over numbers some responses leave empty) all have something to weight;
// the results are then written out as rows, notes and cleaning log.
import Aggregation
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let fixtures = repository.appendingPathComponent("Tests/AggregationTests/Fixtures")

/// The shop survey with a calculated text crossing region and membership, for margins and breakdowns.
private let document: SurveyDocument = {
    let text = try! String(contentsOf: fixtures.appendingPathComponent("shop.yaml"), encoding: .utf8) + """
              - {name: area, type: calculate, calculation: "concat(${region}, '-', if(${member}, 'm', 'x'))"}

        """
    let loaded = SurveyLoader.load(text: text, path: "shop.yaml")
    guard let document = loaded.document else { fatalError("the fuzz survey does not load: \(loaded.diagnostics)") }
    return document
}()

private let store: SQLiteStore = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-compute-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    do {
        try ShopRounds(path: path).fill()
        return try SQLiteStore(path: path)
    } catch {
        fatalError("the fuzz store cannot be made: \(error)")
    }
}()

/// Writes the fixed responses, each through its own path, with the store's clock set for each write.
private struct ShopRounds {
    static let start = Date(timeIntervalSince1970: 1_717_243_200) // 2024-06-01 12:00 UTC
    static let today = CalendarDate(year: 2024, month: 6, day: 1)!
    let path: String

    func store(at minutes: Double) throws -> SQLiteStore {
        try SQLiteStore(path: path, clock: { Self.start.addingTimeInterval(minutes * 60) })
    }

    /// The answers of response `i`: regions, scores, spends and weights vary with it.
    static func answers(_ i: Int) -> [String: AnswerValue?] {
        let weights: [AnswerValue?] = [.decimal(1), .decimal(3), nil, .decimal(0), .decimal(0.001), .decimal(1e12), .decimal(2)]
        let region = i % 9 == 8 ? nil : i % 3 == 0 ? "south" : "north"
        return [
            "consent": .choice(i % 11 == 10 ? "no" : "yes"),
            "region": region.map(AnswerValue.choice),
            "score": i % 7 == 6 ? nil : .integer(Int64(i % 6)),
            "spend": i % 5 == 4 ? nil : .decimal(Double(i * 37 % 101) / 4),
            "member": i % 4 == 3 ? nil : .boolean(i % 2 == 0),
            "topics": .choices(i % 3 == 0 ? [] : i % 3 == 1 ? ["food"] : ["food", "tools"]),
            "name": .text(i % 13 == 12 ? "TEST" : "n\(i % 17)"),
            "weight": weights[i % weights.count],
            "area": i % 4 == 3 ? nil : region.map { .text("\($0)-\(i % 2 == 0 ? "m" : "x")") },
        ]
    }

    func fill() throws {
        for (year, round) in ["shop-2024", "shop-2025"].enumerated() {
            try store(at: 0).openRound(RoundRequest(
                name: round, document: document, opens: CalendarDate(year: 2024, month: 1, day: 1)!,
                closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: true))
            for i in 0..<(14 + year * 4) {
                try web(round: round, Self.answers(i), minutes: [0.2, 1, 2.5, 4, 9, 60][i % 6], submits: i % 8 != 7)
            }
            for i in 0..<(8 - year * 5) {
                let submission = CompleteSubmission(round: round, definitionHash: document.contentHash, language: "en", source: .api,
                                                    apiClient: "crm", answers: Self.answers(100 + i), idempotency: nil, today: Self.today)
                _ = try store(at: 1).commit([.submitComplete(submission)])
            }
            let variables = document.survey.variables
            try store(at: 2).insertCompleteResponses(round: round, document: document, source: .import) { inserter in
                for i in 0..<(12 - year * 2) {
                    let answers = Self.answers(200 + i * 5)
                    try inserter.insert(variables.map { answers[$0.name] ?? nil }, info: ImportedResponseInfo(language: "sv"))
                }
            }
        }
    }

    /// A web response begun at minute 0 and saved at `minutes`, submitting it when `submits`.
    func web(round: String, _ answers: [String: AnswerValue?], minutes: Double, submits: Bool) throws {
        let start = AnonymousStart(round: round, language: "sv", tokenHash: InvitationToken.random().hash, today: Self.today)
        guard case .response(let record) = try store(at: 0).commit([.beginAnonymous(start)]).results[0].get() else { return }
        let save = PageSave(target: .response(record.id), answers: answers, currentPage: nil, language: "sv", completes: submits, today: Self.today)
        _ = try store(at: minutes).commit([.savePage(save)])
    }
}

private let surveys = SurveyCatalogue([document.survey])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let framework = FrameworkLoader.load(text: text, path: "fuzz.yaml", surveys: surveys).framework,
          let results = try? Aggregator(framework: framework, store: store, language: "en", today: ShopRounds.today).compute()
    else { return 0 }
    // The results as they are written out: rows, notes and the cleaning log in both languages.
    _ = results.displayRows()
    _ = results.displayRows(precision: .shown, decimalMark: ",")
    for language in ["sv", "en"] {
        _ = results.notes.map { $0.text(language) }
        _ = results.cleaning.flatMap(\.entries).map { ($0.description(language), $0.untimedNote(language)) }
    }
    return 0
}
