import CSV
import Expressions
import Foundation
import Store
import SurveyDefinition
@testable import Exports

/// A store in a temporary folder with round `ex-2025` of the fixture survey, and an output folder.
final class ExportFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let today = CalendarDate(year: 2025, month: 10, day: 15)!

    let folder: URL
    let store: SQLiteStore
    let document: SurveyDocument
    var survey: Survey { document.survey }
    let round = "ex-2025"

    init(round secondRound: String? = nil, survey file: String = "export-test.yaml") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-exports-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("samla.sqlite").path)
        let loaded = SurveyLoader.load(contentsOf: Self.fixtures.appendingPathComponent(file).path)
        guard let document = loaded.document else { throw FixtureError.survey(loaded.diagnostics.map(\.description)) }
        self.document = document
        for name in [round] + (secondRound.map { [$0] } ?? []) {
            try store.openRound(RoundRequest(
                name: name, document: document, opens: CalendarDate(year: 2025, month: 10, day: 1)!,
                closes: CalendarDate(year: 2026, month: 1, day: 31)!, anonymous: true))
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    enum FixtureError: Error { case survey([String]) }

    /// Values index-aligned with the survey's variables, from answers by name.
    func values(_ answers: [String: AnswerValue]) -> [AnswerValue?] {
        survey.variables.map { answers[$0.name] }
    }

    /// Stores complete responses; returns their ids.
    @discardableResult
    func insert(_ responses: [[String: AnswerValue]], round name: String? = nil, language: String = "sv") throws -> [Int64] {
        var ids: [Int64] = []
        try store.insertCompleteResponses(round: name ?? round, document: document, source: .import) { inserter in
            for answers in responses {
                ids.append(try inserter.insert(values(answers), info: ImportedResponseInfo(
                    language: language, submittedAt: Timestamp(iso: "2025-10-12T09:31:05Z"))))
            }
        }
        return ids
    }

    /// Begins a response on the web and saves some answers, leaving it partial.
    @discardableResult
    func insertPartial(_ answers: [String: AnswerValue]) throws -> Int64 {
        let record = try store.createResponse(NewResponse(round: round, language: "en", source: .web), today: Self.today)
        try store.saveAnswers(answers.mapValues { Optional($0) }, response: record.id, currentPage: "about")
        return record.id
    }

    /// Stores a complete response sent through the API by partner system `client`; returns its id.
    @discardableResult
    func insertFromAPI(_ answers: [String: AnswerValue], client: String, language: String = "sv") throws -> Int64 {
        let stored = try store.round(named: round)!
        let batch = try store.commit([.submitComplete(CompleteSubmission(
            round: round, definitionHash: stored.definitionHash, language: language, source: .api, apiClient: client,
            answers: answers.mapValues { Optional($0) }, idempotency: nil, today: Self.today))])
        guard case .response(let record) = try batch.results[0].get() else { throw FixtureError.survey(["the API response was not stored"]) }
        return record.id
    }

    /// A new output folder path (not created).
    func outputPath(_ name: String = "out") -> String {
        folder.appendingPathComponent(name).path
    }

    @discardableResult
    func export(_ options: ExportOptions = ExportOptions(), to name: String = "out", round name2: String? = nil) throws -> ExportSummary {
        let exporter = Exporter(store: store, samlaVersion: "test")
        let plan = try exporter.plan(round: name2 ?? round, options: options)
        return try exporter.export(plan, to: outputPath(name), now: Timestamp(iso: "2025-11-01T12:00:00Z")!)
    }

    func read(_ file: String, in name: String = "out") throws -> String {
        try String(contentsOfFile: (outputPath(name) as NSString).appendingPathComponent(file), encoding: .utf8)
    }

    func bytes(_ file: String, in name: String = "out") throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: (outputPath(name) as NSString).appendingPathComponent(file))))
    }

    /// The rows of a CSV file as header name → cell.
    func table(_ file: String, in name: String = "out", delimiter: Unicode.Scalar = ",") throws -> (header: [String], rows: [[String: String]]) {
        let reader = try CSVReader(path: (outputPath(name) as NSString).appendingPathComponent(file), options: .init(delimiter: delimiter))
        let header = try reader.readHeader()!.names
        var rows: [[String: String]] = []
        while let record = try reader.next() {
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.strings)))
        }
        return (header, rows)
    }

    /// The JSON of `file`.
    func json(_ file: String, in name: String = "out") throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try read(file, in: name).utf8)) as! [String: Any]
    }

    /// Every file of an output folder, as bytes.
    func allFiles(in name: String = "out") throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: outputPath(name)) {
            result[file] = try bytes(file, in: name)
        }
        return result
    }

    /// Three responses that cover every type, formula-like texts, quotes, newlines and emoji.
    static let sample: [[String: AnswerValue]] = [
        [
            "org_name": .text("Kaffe & Co, \"AB\""), "legal_form": .choice("ab"), "founded": .integer(1999),
            "balance": .integer(-5), "women_share": .decimal(37.5), "has_board": .choice("yes"),
            "barriers": .choices(["funding", "other"]), "barriers_other": .text("=HYPERLINK(\"http://x\")"),
            "certified": .boolean(true), "started": .date(CalendarDate(year: 2020, month: 2, day: 29)!),
            "story": .text("rad ett\r\nrad två; 🍰"), "voice_staff": .choice("1"), "voice_users": .choice("3"),
            "age": .integer(26), "contact": .text("kaffe@example.se"),
        ],
        [
            "org_name": .text("+46 70 123 45 67"), "legal_form": .choice("ideell"), "founded": .integer(2025),
            "has_board": .choice("-1"), "certified": .boolean(false), "story": .text("-minus först"), "age": .integer(0),
            "women_share": .decimal(0.1),
        ],
        [
            "org_name": .text("@handle"), "legal_form": .choice("ek"), "founded": .integer(1850), "balance": .integer(1_000_000),
            "women_share": .decimal(100), "has_board": .choice("yes"), "barriers": .choices(["skills", "rules"]),
            "started": .date(CalendarDate(year: 1999, month: 12, day: 31)!), "story": .text("\tindragen"),
            "voice_staff": .choice("2"), "age": .integer(175), "contact": .text("handle@example.se"),
        ],
    ]
}
