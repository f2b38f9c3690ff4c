import Expressions
import Foundation
import Intake
import Store
import SurveyDefinition
import Testing

/// The personal link of an invitation whose response was imported with its token (an organisation
/// that answered on paper), on a real server over HTTP: it shows what the link of a response
/// finished, or begun, on the web shows, so the organisation cannot answer again.
@Suite struct ImportedInvitationLinkTests {
    static let survey = """
        id: paper
        version: "1"
        title: {sv: "Pappersenkät", en: "Paper survey"}
        languages: [sv, en]
        pages:
          - id: p
            title: {sv: "Nytta", en: "Usefulness"}
            questions:
              - {name: useful, type: integer, label: {sv: "Hur nyttigt?", en: "How useful?"}}

        """

    /// Opens `paper-invited`, an invitation-only round of ``survey`` collecting today, with one invitation per token.
    static func openInvitedRound(_ environment: TestEnvironment, tokens: [InvitationToken]) throws {
        let loaded = SurveyLoader.load(text: survey, path: "paper.yaml")
        let document = try #require(loaded.document, "\(loaded.diagnostics)")
        let today = CalendarDate.today()
        try environment.store.openRound(RoundRequest(
            name: "paper-invited", document: document, opens: CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 1),
            closes: CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 30), anonymous: false))
        _ = try environment.store.addInvitations(tokens.map { NewInvitation(token: $0) }, round: "paper-invited", today: today)
    }

    @Test func theLinkOfAnImportedResponseShowsItFinishedOrWhereItWasLeft() async throws {
        let environment = try TestEnvironment()
        let (complete, partial, untouched) = (InvitationToken.random(), InvitationToken.random(), InvitationToken.random())
        try Self.openInvitedRound(environment, tokens: [complete, partial, untouched])
        let file = environment.folder.appendingPathComponent("paper.csv")
        try Data("token,useful,status\n\(complete),7,complete\n\(partial),5,partial\n".utf8).write(to: file)
        let result = ResponseImporter(store: environment.store, database: environment.databasePath).importFile(file.path, round: "paper-invited")
        #expect(!result.isRefused, "\(result.diagnostics)")

        try await environment.withServer { client in
            let finished = try await client.get("/t/\(complete)")
            #expect(finished.status == 200)
            #expect(Page.title(finished.body) == "Tack för dina svar")
            #expect(!finished.body.contains("<form"))

            let begun = try await client.open("/t/\(partial)")
            #expect(Page.title(begun.body) == "Nytta")
            #expect(Page.inputValue("useful", in: begun.body) == "5", "the imported answer, where it was left")

            let fresh = try await client.open("/t/\(untouched)")
            #expect(Page.title(fresh.body) == "Nytta")
            #expect(Page.inputValue("useful", in: fresh.body) != "5")

            // The admin response page says the imported response is the invitation's.
            let id = try #require(try environment.store.invitation(tokenHash: complete.hash)?.responseID)
            try await signIn(client)
            let page = try await client.get("/admin/responses/\(id)")
            #expect(page.body.contains("<dd>import, the response of an invitation (by its token)</dd>"), "\(page.body)")
        }
    }
}
