import Expressions
import Foundation
import Intake
import Responses
import Store
import SurveyDefinition

/// Two rounds of the shop survey whose responses came in all three ways, each through its own
/// path: the web form and the JSON API through the submission service, imports through the
/// importer reading Fixtures/shop-import-YEAR.csv (15 and 14 rows: 6 and 7 with score 5, spend 10, weight 1).
///
/// | round | web (form) | import (file) | api |
/// | --- | --- | --- | --- |
/// | shop-2024 | 12 kept, 9 satisfied, and a test response | 15, 6 satisfied | 10, 8 satisfied |
/// | shop-2025 | 11, 8 satisfied | 14, 7 satisfied | 3, all satisfied |
///
/// Web responses spend 10 with weight 1 (even i) or 20 with weight 3 (odd i); API ones 30 with weight 2.
final class ModeRounds {
    static let rounds = ["shop-2024", "shop-2025"]
    /// When the service takes the web and API responses: both rounds collect then.
    static let now = Date(timeIntervalSince1970: 1_717_243_200) // 2024-06-01 12:00 UTC

    struct Plan {
        let webSatisfied: Int
        let web: Int
        let apiSatisfied: Int
        let api: Int
    }

    static let plans = [
        "shop-2024": Plan(webSatisfied: 9, web: 12, apiSatisfied: 8, api: 10),
        "shop-2025": Plan(webSatisfied: 8, web: 11, apiSatisfied: 3, api: 3),
    ]

    let folder: URL
    let databasePath: String
    let store: SQLiteStore
    let document: SurveyDocument

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("aggregation-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        databasePath = folder.appendingPathComponent("samla.sqlite").path
        store = try SQLiteStore(path: databasePath)
        let loaded = SurveyLoader.load(contentsOf: ComputeTests.folder.appendingPathComponent("shop.yaml").path)
        guard let document = loaded.document else { throw ModeRoundsError("shop.yaml does not load: \(loaded.diagnostics)") }
        self.document = document

        let service = SubmissionService(store: store, clock: { Self.now })
        defer { service.shutdown() }
        for round in Self.rounds {
            try store.openRound(RoundRequest(
                name: round, document: document, opens: CalendarDate(year: 2024, month: 1, day: 1)!,
                closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: true))
            let plan = Self.plans[round]!
            for i in 0..<plan.web {
                try await submitWeb(round: round, service: service, fields: [
                    "consent": .text("yes"), "region": .text("north"), "score": .text(i < plan.webSatisfied ? "5" : "2"),
                    "spend": .text(i.isMultiple(of: 2) ? "10" : "20"), "member": .text("yes"), "name": .text("w\(i)"),
                    "weight": .text(i.isMultiple(of: 2) ? "1" : "3"),
                ])
            }
            for i in 0..<plan.api {
                try await submitAPI(round: round, service: service, key: "\(round)-\(i)", answers: [
                    "consent": .choice("yes"), "region": .choice("north"), "score": .integer(i < plan.apiSatisfied ? 5 : 2),
                    "spend": .decimal(30), "member": .boolean(true), "name": .text("a\(i)"), "weight": .decimal(2),
                ])
            }
            let file = ComputeTests.folder.appendingPathComponent("shop-import-\(round.suffix(4)).csv").path
            let imported = ResponseImporter(store: store, database: databasePath, options: ImportOptions(today: CalendarDate(year: 2024, month: 6, day: 1)!))
                .importFile(file, round: round)
            guard imported.imported > 0, imported.errorCount == 0 else { throw ModeRoundsError("import of \(file): \(imported.diagnostics)") }
        }
        // A test response through the form, which cleaning removes before any group is formed.
        try await submitWeb(round: "shop-2024", service: service, fields: [
            "consent": .text("yes"), "region": .text("north"), "score": .text("5"), "spend": .text("10"), "member": .text("yes"),
            "name": .text("TEST"), "weight": .text("1"),
        ])
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Begins an anonymous response and posts the survey's one page.
    private func submitWeb(round: String, service: SubmissionService, fields: [String: FormField]) async throws {
        guard case .started(let token, _) = try await service.beginAnonymous(round: round, language: "sv") else {
            throw ModeRoundsError("round \(round) does not begin a response")
        }
        let outcome = try await service.openForPost(token: token.text) { response in
            guard let response else { throw ModeRoundsError("the link of \(round) opens nothing") }
            var post = PagePost(page: "main", fields: fields, action: .next, language: "sv")
            return try await service.post(&post, to: response)
        }
        guard case .completed = outcome else { throw ModeRoundsError("the form did not take \(fields): \(outcome)") }
    }

    private func submitAPI(round: String, service: SubmissionService, key: String, answers: [String: AnswerValue?]) async throws {
        let submission = APISubmission(round: round, client: "partner", language: "sv", answers: answers, idempotencyKey: key, createdBody: { "\($0)" })
        guard case .created = try await service.submit(submission) else { throw ModeRoundsError("the API did not take \(answers)") }
    }
}

struct ModeRoundsError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
