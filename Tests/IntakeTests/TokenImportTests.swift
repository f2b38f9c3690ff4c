import Diagnostics
import Expressions
import Foundation
import GRDB
import Intake
import Store
import SurveyDefinition
import Testing

/// `samla import` with a `token` column: a row with an invitation's token becomes that
/// invitation's response. Rounds and tokens as in ``ReminderListTests``: `AAA…` (not started),
/// `-BBB…` (started on the web), `CCC…` (completed on the web), `DDD…` (not started) invite to
/// `forum-2025`, `OOO…` to `forum-2026`; `UUU…` is no invitation.
@Suite struct TokenImportTests {
    static func token(_ letter: Character) -> String { ReminderListTests.token(letter).text }

    final class Workspace {
        let reminders = try! ReminderListTests.Workspace()
        var store: SQLiteStore { reminders.store }
        var database: String { reminders.folder.appendingPathComponent("samla.sqlite").path }

        func write(_ name: String, _ text: String) throws -> String {
            let path = reminders.folder.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        func importFile(_ path: String, round: String = "forum-2025") -> ImportResult {
            ResponseImporter(store: store, database: database, options: ImportOptions(today: ReminderListTests.today))
                .importFile(path, round: round)
        }

        func summary(_ round: String = "forum-2025") throws -> RoundSummary {
            try #require(try store.roundSummaries().first { $0.round.name == round })
        }

        /// Every row of every table, to compare before and after a refused import.
        func contentDump() throws -> String {
            try DatabaseQueue(path: database).read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY rowid").map(\.description).joined(separator: "\n")
                }.joined(separator: "\n##\n")
            }
        }
    }

    @Test func aRowWithATokenIsItsInvitationsResponseAndCountsInTheRate() throws {
        let workspace = Workspace()
        let before = try workspace.summary()
        #expect(before.invitationsCompleted == 1 && before.invitationsUsed == 2)
        // A mixed file: a complete row of invitation A, a row without a token, a partial row of D.
        let path = try workspace.write("paper.csv", "useful,Token,status\n3,\(Self.token("A")),\n4, ,\n,\(Self.token("D")),partial\n")
        let result = workspace.importFile(path)
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.imported == 3 && result.importedPartial == 1)

        let summary = try workspace.summary()
        #expect(summary.invitationsCompleted == 2)
        #expect(summary.invitationsUsed == 4)
        #expect(summary.responsesWithoutInvitation == 1)
        guard case .invited(let outcomes) = summary.responseRate else { Issue.record("no rate"); return }
        #expect(outcomes.rr1 == 0.5, "A (imported) and C (web) completed of 4 invitations")
        #expect(outcomes.rr2 == 1.0)
        #expect(outcomes.withoutInvitation == 1)

        let progress = try workspace.store.invitationProgress(tokenHashes: [InvitationToken.hash(Self.token("A")), InvitationToken.hash(Self.token("D"))])
        let a = try #require(progress[InvitationToken.hash(Self.token("A"))])
        let d = try #require(progress[InvitationToken.hash(Self.token("D"))])
        #expect(a.responseStatus == .complete)
        #expect(d.responseStatus == .partial)
        let responseID = try #require(a.invitation.responseID)
        let record = try #require(try workspace.store.response(responseID)?.record)
        #expect(record.source == .import)
        #expect(record.invitationID == a.invitation.id)
        #expect(record.status == .complete)
        let dump = try workspace.contentDump()
        #expect(!dump.contains(Self.token("A")) && !dump.contains(Self.token("D")), "only the tokens' hashes are stored")
    }

    @Test func remindNoLongerListsAnInvitationAnsweredByImport() throws {
        let workspace = Workspace()
        let list = workspace.reminders.list("links.csv")
        #expect(try list.run(store: workspace.store, today: ReminderListTests.today).notStarted == 2)
        try FileManager.default.removeItem(atPath: workspace.reminders.output)
        let path = try workspace.write("paper.csv", "token,useful\n\(Self.token("A")),5\n")
        #expect(!workspace.importFile(path).isRefused)
        let outcome = try list.run(store: workspace.store, today: ReminderListTests.today)
        #expect(outcome.reminders == 2 && outcome.notStarted == 1 && outcome.notFinished == 1)
        let written = try String(contentsOfFile: workspace.reminders.output, encoding: .utf8)
        #expect(!written.contains(Self.token("A")))
        #expect(written.contains(Self.token("D")))
    }

    @Test func refusesTokensThatAreNoFreeInvitationOfTheRoundAndStoresNothing() throws {
        let workspace = Workspace()
        let before = try workspace.contentDump()
        let letters: [Character] = ["C", "B", "O", "U"]
        let rows = letters.map { "\(Self.token($0)),1" } + ["abc,1", "\(Self.token("A")),2", "\(Self.token("A")),3", ",4"]
        let path = try workspace.write("paper.csv", "token,useful\n" + rows.joined(separator: "\n") + "\n")
        let result = workspace.importFile(path)
        #expect(result.isRefused)
        #expect(result.imported == 0)
        #expect(result.refusedRows == 6)
        let errors = result.diagnostics.filter(\.isError).map(\.description)
        let file = path
        #expect(errors.count == 6)
        #expect(errors[0].hasPrefix("\(file):2: error[E439]: row 1, column token: this token's invitation has a response already (response 2, completed on the web 20"))
        #expect(errors[0].contains("import the row without its token (leave the cell empty)"))
        #expect(errors[1].hasPrefix("\(file):3: error[E439]: row 2, column token: this token's invitation has a response already (response 1, started on the web 20"))
        #expect(errors[1].contains("and not completed"))
        #expect(errors[2] == "\(file):4: error[E438]: row 3, column token: this token is an invitation to round forum-2026, not forum-2025; import the row into round forum-2026, or leave the cell empty to import the row as a response without an invitation")
        #expect(errors[3].hasPrefix("\(file):5: error[E438]: row 4, column token: no invitation in this database has this token"))
        #expect(errors[4].hasPrefix("\(file):6: error[E438]: row 5, column token: the cell is not a token as samla invite writes them (43 letters, digits, - and _; it has 3 characters)"))
        #expect(errors[5].hasPrefix("\(file):8: error[E439]: row 7, column token: row 6 has this token already"))
        #expect(!errors.joined().contains(Self.token("A")), "messages do not repeat a token")
        #expect(try workspace.contentDump() == before)
    }

    @Test func withSkipInvalidARefusedTokensRowIsReportedWithoutItsToken() throws {
        let workspace = Workspace()
        let path = try workspace.write("paper.csv", "token,useful\n\(Self.token("C")),1\n\(Self.token("A")),2\n")
        let report = workspace.reminders.folder.appendingPathComponent("refused.csv").path
        let result = ResponseImporter(store: workspace.store, database: workspace.database,
                                      options: ImportOptions(skipInvalid: true, reportPath: report, today: ReminderListTests.today))
            .importFile(path, round: "forum-2025")
        #expect(result.imported == 1 && result.refusedRows == 1)
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(written.contains("E439"))
        #expect(!written.contains(Self.token("C")), "the report does not repeat the token")
        #expect(try workspace.summary().invitationsCompleted == 2, "C on the web, A imported")
    }

    @Test func theLinksFileWithAnswersAddedImportsAndItsContactColumnsAreNotRead() throws {
        let workspace = Workspace()
        let links = try String(contentsOfFile: ReminderListTests.path("links.csv"), encoding: .utf8)
        var lines = links.split(whereSeparator: \.isNewline).map(String.init)
        // The links file, with a column of answers added and only the rows answered on paper kept.
        lines[0] += ",useful"
        let answered = [lines[0], lines[1] + ",4", lines[4] + ",2"].joined(separator: "\n") + "\n"
        let result = workspace.importFile(try workspace.write("links-answered.csv", answered))
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.imported == 2)
        #expect(result.diagnostics.map(\.description) == [
            "\(workspace.reminders.folder.path)/links-answered.csv:1:1: warning[W424]: the columns name, email, link of the links file are not answers and were not read: each row's invitation is its token, and the invitation keeps the email and label samla invite stored",
        ])
        #expect(try workspace.summary().invitationsCompleted == 3)
    }

    /// The contacts file's other columns go into the links file (docs/rounds.md's has `organisation`):
    /// the refusal of such a column says where it came from and what to do.
    @Test func aContactsColumnOfTheLinksFileIsRefusedWithWhereItCameFrom() throws {
        let workspace = Workspace()
        let links = try String(contentsOfFile: ReminderListTests.path("links.csv"), encoding: .utf8)
        let lines = links.split(whereSeparator: \.isNewline).map(String.init)
        let answered = [lines[0] + ",organisation,useful", lines[1] + ",Kooperativet Ljus,4"].joined(separator: "\n") + "\n"
        let path = try workspace.write("links-organisation.csv", answered)
        let result = workspace.importFile(path)
        #expect(result.isRefused)
        #expect(result.diagnostics.filter(\.isError).map(\.description) == [
            "\(path):1:23: error[E420]: column organisation is not a variable of survey forum; in a file of invitations (column token) it is most likely a column the links file copied from the contacts file, which is no answer: remove it and import the file again",
        ])
    }

    /// Without a token column, an unknown column is an unknown column: no word of links files.
    @Test func anUnknownColumnOfAFileWithoutTokensSaysNothingOfLinksFiles() throws {
        let workspace = Workspace()
        let result = workspace.importFile(try workspace.write("paper.csv", "organisation,useful\nKooperativet Ljus,4\n"))
        #expect(result.diagnostics.filter(\.isError).map(\.description) == [
            "\(workspace.reminders.folder.path)/paper.csv:1:1: error[E420]: column organisation is not a variable of survey forum; the round reads answers with the definition it was opened with (version 1): a question added to the definition file since is taken once the round is opened again with the file (samla round open FILE --name ROUND)",
        ])
    }

    @Test func theLinksFileWithoutAnswersIsRefusedAsSuch() throws {
        let workspace = Workspace()
        let before = try workspace.contentDump()
        let result = workspace.importFile(ReminderListTests.path("links.csv"))
        #expect(result.isRefused)
        let errors = result.diagnostics.filter(\.isError).map(\.description)
        #expect(errors == [
            "\(ReminderListTests.path("links.csv")):1:1: error[E420]: no column names a variable of survey forum: the file names invitations (column token) but holds no answers, as the links file of samla invite; add the answers of the organisations that answered on paper in columns named after the variables (samla generate --rows 0 prints them), keep the rows of those organisations only, and import that file",
        ])
        #expect(try workspace.contentDump() == before)
    }
}
