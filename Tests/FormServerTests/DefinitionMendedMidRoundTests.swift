import Foundation
import Store
import SurveyDefinition
import Testing

/// A mistake in the survey mended while its round collects (`samla round open FILE --name ROUND`
/// again), as MSI meets it every year: a respondent half-way sees the mended page on their next
/// post, keeps the answers they gave, and is no longer refused by the mistaken constraint.
@Suite struct DefinitionMendedMidRoundTests {
    static let shipped = TestEnvironment.repository.appendingPathComponent("surveys/esem-se.yaml").path

    /// The shipped ESEM survey with `edit` applied to its text, under version `version`.
    static func esem(version: String, _ edit: (String) -> String) throws -> SurveyDocument {
        let text = try String(contentsOfFile: shipped, encoding: .utf8).replacingOccurrences(of: #"version: "2025.1""#, with: #"version: "\#(version)""#)
        let loaded = SurveyLoader.load(text: edit(text), path: "esem-se.yaml")
        guard let document = loaded.document else { throw TestFailure("the edited survey does not load: \(loaded.errors)") }
        return document
    }

    @Test func aRespondentHalfWayGoesOnWithTheMendedDefinition() async throws {
        let environment = try TestEnvironment()
        let mistaken = try Self.esem(version: "2025.1-wrong") { text in
            text.replacingOccurrences(of: "Vilken är din huvudsakliga roll", with: "Vilken är din huvudsakiga roll")
                .replacingOccurrences(
                    of: "name: prio_imp\n        type: integer\n        required: true\n        export_as: ESEM_PRIO_IMP\n        constraint: \". >= 0 and . <= 10\"",
                    with: "name: prio_imp\n        type: integer\n        required: true\n        export_as: ESEM_PRIO_IMP\n        constraint: \". >= 0 and . <= 5\"")
        }
        let round = try #require(try environment.store.round(named: "esem-open"))
        try environment.store.openRound(RoundRequest(name: "esem-open", document: mistaken, opens: round.opens, closes: round.closes, anonymous: true))
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "sv"])
            try await r.answer("Välkommen", [("consent", "yes")])
            let page = [("resp_role", "founder"), ("registered", "yes"), ("prio_fin", "3"), ("prio_imp", "8")]
            #expect(try await r.post(page).status == 422, "the mistaken constraint refuses 8")
            #expect(try await r.show().body.contains("huvudsakiga roll"))

            let mended = try Self.esem(version: "2025.2") { $0 }
            let opening = try environment.store.openRound(RoundRequest(name: "esem-open", document: mended, opens: round.opens, closes: round.closes, anonymous: true))
            #expect(opening.partialResponsesMoved == 1)

            let shown = try await r.show().body
            #expect(shown.contains("Vilken är din huvudsakliga roll"), "the corrected question text")
            #expect(!shown.contains("huvudsakiga roll"))
            try await r.answer("Om dig och organisationens prioriteringar", page)
            let stored = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response)
            #expect(stored.record.definitionHash == mended.contentHash)
            #expect(stored.answers["consent"] == .choice("yes"), "the answer given before the mend is kept")
            #expect(stored.answers["prio_imp"] == .integer(8))
            #expect(stored.record.currentPage == "organisation")
        }
    }

    /// The round's page names each version its responses were answered under once there is more
    /// than one, and a response's page the version it was answered under.
    @Test func theAdminPagesNameTheVersionsAnsweredUnder() async throws {
        let environment = try TestEnvironment()
        let round = try #require(try environment.store.round(named: "esem-open"))
        @Sendable func insert(_ count: Int, under document: SurveyDocument) throws {
            try environment.store.insertCompleteResponses(round: "esem-open", document: document, source: .import) { inserter in
                for _ in 0..<count {
                    _ = try inserter.insert(Array(repeating: nil, count: document.survey.variables.count), info: ImportedResponseInfo(language: "sv"))
                }
            }
        }
        try insert(1, under: environment.document)
        let first = try #require(try environment.store.recentResponses(round: "esem-open", limit: 1).first?.id)
        try await environment.withServer { client in
            try await signIn(client)
            #expect(!(try await client.get("/admin/rounds/esem-open").body.contains("Answered under")), "one version: nothing to tell")

            let mended = try Self.esem(version: "2025.2") { $0 }
            try environment.store.openRound(RoundRequest(name: "esem-open", document: mended, opens: round.opens, closes: round.closes, anonymous: true))
            try insert(2, under: mended)
            let page = try await client.get("/admin/rounds/esem-open").body
            #expect(page.contains(
                "<dt>Answered under versions</dt><dd>2025.1 (1 response), 2025.2 (2 responses) (the definition was changed while the round collected; "
                    + "each response was given with its own version&#39;s questions and rules)</dd>"), "\(page)")
            let response = try await client.get("/admin/responses/\(first)").body
            #expect(response.contains("<dt>Answered under version</dt><dd>esem-se 2025.1</dd>"), "\(response)")
        }
    }
}
