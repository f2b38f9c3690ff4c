import Expressions
import Foundation
import Frameworks
import Intake
import Responses
import Store
import SurveyDefinition
import Testing
@testable import Reports

/// A report of an indicator broken down by collection mode names the modes in its language.
struct SourceBreakdownReportTests {
    /// Club 2025 gets 10 responses through the web form (8 happy) and 10 through the API (5 happy)
    /// besides the fixture's 40 imported ones; `happy` is broken down by size and by mode.
    static func render(language: String) async throws -> String {
        let fixture = try ClubFixture()
        let service = SubmissionService(store: fixture.store, clock: { Date(timeIntervalSince1970: 1_748_779_200) }) // 2025-06-01
        defer { service.shutdown() }
        for i in 0..<10 {
            guard case .started(let token, _) = try await service.beginAnonymous(round: "club-2025", language: "sv") else {
                throw ReportFixtureError("club-2025 does not begin a response")
            }
            let fields: [String: FormField] = ["member": .text("yes"), "size": .text("large"), "score": .text(i < 8 ? "5" : "2")]
            let outcome = try await service.openForPost(token: token.text) { response in
                var post = PagePost(page: "main", fields: fields, action: .next, language: "sv")
                return try await service.post(&post, to: try #require(response))
            }
            guard case .completed = outcome else { throw ReportFixtureError("the form did not take the response: \(outcome)") }
            let answers: [String: AnswerValue?] = ["member": .choice("yes"), "size": .choice("large"), "score": .integer(i < 5 ? 4 : 1)]
            let submitted = try await service.submit(APISubmission(
                round: "club-2025", client: "partner", language: "sv", answers: answers, idempotencyKey: "k\(i)", createdBody: { "\($0)" }))
            guard case .created = submitted else { throw ReportFixtureError("the API did not take the response: \(submitted)") }
        }
        let text = try String(contentsOfFile: ClubFixture.path("club-toc.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "disaggregate: [size]", with: "disaggregate: [size, samla.source]")
        let loaded = FrameworkLoader.load(text: text, path: ClubFixture.path("club-toc.yaml"), surveys: SurveyCatalogue([fixture.document.survey]))
        let framework = try #require(loaded.framework, "\(loaded.diagnostics)")
        var definition = try fixture.definition()
        definition.language = language
        return try ReportGenerator(definition: definition, framework: framework, store: fixture.store, today: ClubFixture.today, samlaVersion: "test")
            .render().html
    }

    @Test func theModesAreHeadedAndNamedInSwedish() async throws {
        let html = try await Self.render(language: "sv")
        #expect(html.contains("scope=\"rowgroup\">Insamlingssätt</th>"))
        let web = try #require(ReportRenderingTests.row(in: html, startingWith: "<tr><th scope=\"row\">Webbformulär</th><td class=\"round\">Klubb 2025</td>"))
        #expect(web.contains("<td class=\"num\">10</td><td class=\"num\">80,0\u{00A0}%</td>"))
        let imported = try #require(ReportRenderingTests.row(in: html, startingWith: "<tr><th scope=\"row\">Importerad fil</th><td class=\"round\">Klubb 2025</td>"))
        #expect(imported.contains("<td class=\"num\">40</td><td class=\"num\">65,0\u{00A0}%</td>"))
        let api = try #require(ReportRenderingTests.row(in: html, startingWith: "<tr><th scope=\"row\">API (partnersystem)</th><td class=\"round\">Klubb 2025</td>"))
        #expect(api.contains("<td class=\"num\">10</td><td class=\"num\">50,0\u{00A0}%</td>"))
        // Club 2024 was all imported: it has no row for the web form or the API.
        #expect(ReportRenderingTests.row(in: html, startingWith: "<tr><th scope=\"row\">Webbformulär</th><td class=\"round\">Klubb 2024</td>") == nil)
        #expect(!html.contains("Web form") && !html.contains("samla.source"))
    }

    @Test func theModesAreNamedInEnglishInAnEnglishReport() async throws {
        let html = try await Self.render(language: "en")
        for label in [">Collection mode</th>", ">Web form</th>", ">Imported file</th>", ">API (partner system)</th>"] {
            #expect(html.contains(label), "\(label)")
        }
        #expect(!html.contains("Webbformulär"))
    }
}

struct ReportFixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
