import Expressions
import Foundation
@testable import FormServer
import Intake
import Responses
import Store
import SurveyDefinition
import Testing

/// The workshop follow-up answered twice with the same answers, as typed: on the web form (Swedish
/// and English pages) and in a file for `samla import`. The stored answers are the same, typed alike.
@Suite struct WebAndImportAgreeTests {
    /// The answers of two respondents as they typed them: a number in thousands with a space, a
    /// decimal comma and point, values at the bounds, an `other` with its text, an exclusive "none".
    static let typed: [(language: String, pages: [[(String, String)]])] = [
        ("sv", [
            [("attended", "1"), ("ws_date", "2026-03-05"), ("format", "online"), ("city", "zoom")],
            [("role", "other"), ("role_other", "Ordförande"), ("tools", "toc"), ("tools", "other"), ("tools_other", "Egen modell"),
             ("staff", "1 000"), ("budget", "3,5"), ("hours", "16")],
            [("grade_content", "4"), ("grade_leader", "3"), ("comment", "Bra! ”Tack”"), ("story", "Det var lärorikt och roligt.")],
            [("contact_ok", "yes"), ("email", "anna@exempel.se")],
        ]),
        ("en", [
            [("attended", "1"), ("ws_date", "2026-12-31"), ("format", "onsite"), ("city", "malmo")],
            [("role", "no"), ("tools", "none"), ("staff", "0"), ("budget", "1000.25"), ("hours", "0.5")],
            [("grade_content", "1"), ("grade_leader", "1"), ("comment", "")],
            [("contact_ok", "no")],
        ]),
    ]

    static let file = """
        language,attended,ws_date,format,city,role,role_other,tools,tools_other,staff,budget,hours,grade_content,grade_leader,comment,story,contact_ok,email
        sv,1,2026-03-05,online,zoom,other,Ordförande,toc other,Egen modell,1 000,"3,5",16,4,3,Bra! ”Tack”,Det var lärorikt och roligt.,yes,anna@exempel.se
        en,1,2026-12-31,onsite,malmo,no,,none,,0,1000.25,0.5,1,1,,,no,

        """

    @Test func theSameAnswersTypedOnTheWebAndInAFileAreStoredAlike() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("workshop-web", survey: "msi-workshop.yaml")
        try environment.openRound("workshop-file", survey: "msi-workshop.yaml")
        try await environment.withServer { client in
            for respondent in Self.typed {
                let r = try await Respondent.start(client, round: "workshop-web", headers: ["Accept-Language": respondent.language])
                for fields in respondent.pages {
                    let moved = try await r.post(fields)
                    guard moved.status == 303 else { throw TestFailure("\(fields) gave \(moved.status): \(Respondent.errors(moved.body))") }
                }
            }
        }
        let path = environment.folder.appendingPathComponent("answers.csv").path
        try Self.file.write(toFile: path, atomically: true, encoding: .utf8)
        let result = ResponseImporter(store: environment.store, database: environment.databasePath).importFile(path, round: "workshop-file")
        #expect(result.imported == 2, "\(result.diagnostics)")

        let loaded = SurveyLoader.load(contentsOf: TestEnvironment.repository.appendingPathComponent("surveys/msi-workshop.yaml").path)
        let names = try #require(loaded.document).survey.variables.map(\.name)
        func stored(_ round: String) throws -> [[String: AnswerValue]] {
            var rows: [[String: AnswerValue]] = []
            _ = try environment.store.scanResponses(round: round, variables: names, selection: .complete) { row in
                rows.append(Dictionary(uniqueKeysWithValues: names.indices.compactMap { i in row.value(i).map { (names[i], $0) } }))
            }
            return rows
        }
        let web = try stored("workshop-web"), imported = try stored("workshop-file")
        #expect(web == imported)
        #expect(web.count == 2)
        #expect(web.first?["staff"] == .integer(1000) && web.first?["budget"] == .decimal(3.5) && web.first?["hours"] == .decimal(16))
        #expect(web.first?["tools"] == .choices(["toc", "other"]) && web.first?["role_other"] == .text("Ordförande"))
        #expect(web.first?["next_date"] == .date(CalendarDate(year: 2026, month: 4, day: 4)!) && web.first?["summary"] == .text("online/zoom"))
        #expect(web.last?["budget"] == .decimal(1000.25) && web.last?["tools"] == .choices(["none"]) && web.last?["story"] == nil)
    }
}
