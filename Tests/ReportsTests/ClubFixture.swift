import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition
@testable import Reports

/// A store in a temporary folder with two rounds of the club survey, answers chosen to exercise
/// suppression, cleaning, escaping and personal data.
final class ClubFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let today = CalendarDate(year: 2026, month: 3, day: 2)!
    static let hostileRemark = "<img src=x onerror=alert(1)> bra & \"fint\""

    let folder: URL
    let store: SQLiteStore
    let document: SurveyDocument
    let framework: Framework

    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// With `answered2024` false, round club-2024 is opened but has no responses yet; with
    /// `invited2024`, it is invitation-only (its imported responses have no invitation); with
    /// `renamedSmall`, club-2025 is opened with version 2, which stores the size small as `liten`
    /// under the same label, as a next year's definition renames a code; with `rewordedSmall`, with
    /// version 2 that keeps the code and rewords its label (Liten, under 10 medlemmar).
    init(answered2024: Bool = true, invited2024: Bool = false, renamedSmall: Bool = false, rewordedSmall: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-reports-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("samla.sqlite").path)
        guard let document = SurveyLoader.load(contentsOf: Self.path("club.yaml")).document else { throw FixtureError.unloadable("club.yaml") }
        self.document = document
        guard let framework = FrameworkLoader.load(contentsOf: Self.path("club-toc.yaml"), surveys: SurveyCatalogue([document.survey])).framework else {
            throw FixtureError.unloadable("club-toc.yaml")
        }
        self.framework = framework
        let text = try String(contentsOfFile: Self.path("club.yaml"), encoding: .utf8)
        var edited = text.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
        if renamedSmall { edited = edited.replacingOccurrences(of: "{value: small,", with: "{value: liten,") }
        if rewordedSmall { edited = edited.replacingOccurrences(of: "{sv: \"Liten <script>", with: "{sv: \"Liten, under 10 medlemmar <script>") }
        guard let version2 = SurveyLoader.load(text: edited, path: "club.yaml").document else { throw FixtureError.unloadable("club.yaml, version 2") }
        let later = renamedSmall || rewordedSmall ? version2 : document
        let small = renamedSmall ? "liten" : "small"
        for round in ["club-2024", "club-2025"] {
            _ = try store.openRound(RoundRequest(
                name: round, document: round == "club-2025" ? later : document, opens: CalendarDate(year: 2024, month: 1, day: 1)!,
                closes: CalendarDate(year: 2025, month: 12, day: 31)!, anonymous: !(invited2024 && round == "club-2024")))
        }
        // 2024: 30 members, half of them happy.
        if answered2024 { try insert(round: "club-2024", (0..<30).map { i in ("yes", "small", i < 15 ? 5 : 2, nil, nil) }) }
        // 2025: 20 small (14 happy), 17 large (9 happy), 3 tiny (too few to show), one test response.
        var rows: [(String, String?, Int64?, String?, String?)] = []
        for i in 0..<20 { rows.append(("yes", small, i < 14 ? 5 : 3, i < 6 ? Self.hostileRemark : nil, "secret\(i)@example.se")) }
        for i in 0..<17 { rows.append(("yes", "large", i < 9 ? 4 : 1, nil, nil)) }
        for _ in 0..<3 { rows.append(("no", "tiny", 5, nil, nil)) }
        rows.append(("yes", small, 1, "TEST", nil))
        // Two members gave the day they joined; 30 heard of the club from a friend, 2 in other ways.
        try insert(round: "club-2025", document: later, rows, joined: [CalendarDate(year: 2025, month: 6, day: 14)!, CalendarDate(year: 2025, month: 6, day: 20)!],
                   heard: Array(repeating: "friend", count: 30) + ["other", "other"], heardOther: ["En affisch", "Radio"])
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    enum FixtureError: Error { case unloadable(String) }

    /// Inserts `rows`; the first rows get the dates of `joined` and the answers of `heard`, and the
    /// last of those the texts of `heardOther`; the others none.
    private func insert(
        round: String, document: SurveyDocument? = nil, _ rows: [(member: String, size: String?, score: Int64?, remark: String?, email: String?)], joined: [CalendarDate] = [],
        heard: [String] = [], heardOther: [String] = []
    ) throws {
        try store.insertCompleteResponses(round: round, document: document ?? self.document, source: .import) { inserter in
            for (index, row) in rows.enumerated() {
                let values: [AnswerValue?] = [
                    .choice(row.member), row.size.map(AnswerValue.choice), row.score.map(AnswerValue.integer),
                    row.remark.map(AnswerValue.text), row.email.map(AnswerValue.text), index < joined.count ? .date(joined[index]) : nil,
                    index < heard.count ? .choice(heard[index]) : nil,
                    (heard.count - heardOther.count..<heard.count).contains(index) ? .text(heardOther[index - (heard.count - heardOther.count)]) : nil,
                ]
                try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
            }
        }
    }

    /// The fixture's framework with `edit` made to its text.
    func framework(editing edit: (String) -> String) throws -> Framework {
        let text = edit(try String(contentsOfFile: Self.path("club-toc.yaml"), encoding: .utf8))
        let loaded = FrameworkLoader.load(text: text, path: Self.path("club-toc.yaml"), surveys: SurveyCatalogue([document.survey]))
        guard let framework = loaded.framework else { throw FixtureError.unloadable(loaded.diagnostics.map(\.description).joined(separator: "\n")) }
        return framework
    }

    /// The club report, loaded against the fixture's framework or `framework`.
    func definition(_ name: String = "club-report.yaml", framework: Framework? = nil) throws -> ReportDefinition {
        let framework = framework ?? self.framework
        let loaded = ReportLoader.load(contentsOf: Self.path(name)) { _ in FrameworkLoadResult(framework: framework, diagnostics: []) }
        guard let definition = loaded.definition else { throw FixtureError.unloadable(loaded.diagnostics.map(\.description).joined(separator: "\n")) }
        return definition
    }

    func render(language: String? = nil, framework: Framework? = nil) throws -> String {
        var definition = try definition(framework: framework)
        if let language { definition.language = language }
        return try ReportGenerator(definition: definition, framework: framework ?? self.framework, store: store, today: Self.today, samlaVersion: "test").render().html
    }
}
