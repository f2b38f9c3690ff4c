import Diagnostics
import Expressions
import Foundation
import Intake
import Store
import SurveyDefinition
import Testing

/// `ReminderList` against real SQLite files and the links files of `Fixtures/reminders`, whose
/// tokens are fixed: `AAA…` (not started), `-BBB…` (started), `CCC…` (complete), `DDD…` (not
/// started) invite to `forum-2025`, `OOO…` to `forum-2026`; `UUU…` is no invitation.
@Suite struct ReminderListTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reminders")
    static let today = CalendarDate(year: 2025, month: 10, day: 15)!
    static func token(_ letter: Character) -> InvitationToken {
        InvitationToken(letter == "B" ? "-" + String(repeating: "B", count: 42) : String(repeating: letter, count: 43))!
    }

    final class Workspace {
        let folder: URL
        let store: SQLiteStore

        /// Rounds forum-2025 and forum-2026 (invitation-only), forum-open (anonymous) and
        /// forum-2024 (closed), with the invitations and responses of the fixtures; `emails` are
        /// the addresses of invitations A, B, C and D (none by default).
        init(emails: [String?] = [nil, nil, nil, nil]) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-remind-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try SQLiteStore(path: folder.appendingPathComponent("samla.sqlite").path)
            try ForumRounds.open([("forum-2025", false), ("forum-2026", false), ("forum-open", true), ("forum-2024", false)], in: store)
            _ = try store.closeRound(named: "forum-2024")
            let invited = try store.addInvitations(zip("ABCD", emails).map { NewInvitation(token: ReminderListTests.token($0), email: $1) }, round: "forum-2025", today: ReminderListTests.today)
            _ = try store.addInvitations([NewInvitation(token: ReminderListTests.token("O"))], round: "forum-2026", today: ReminderListTests.today)
            _ = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: invited[1].id), today: ReminderListTests.today)
            let done = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: invited[2].id), today: ReminderListTests.today)
            _ = try store.completeResponse(done.id)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        var output: String { folder.appendingPathComponent("reminders.csv").path }

        func list(_ fixture: String, round: String = "forum-2025") -> ReminderList {
            ReminderList(round: round, linksPath: ReminderListTests.fixtures.appendingPathComponent(fixture).path, outputPath: output)
        }

        func refusal(_ fixture: String, round: String = "forum-2025") -> [String] {
            do {
                _ = try list(fixture, round: round).run(store: store, today: ReminderListTests.today)
                return ["not refused"]
            } catch let refusal as ReminderList.Refusal {
                return refusal.diagnostics.map(\.description)
            } catch let error as StoreError {
                return error.diagnostics(database: "samla.sqlite").map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
    }

    static func path(_ fixture: String) -> String { fixtures.appendingPathComponent(fixture).path }

    @Test func writesTheRowsNotCompletedWithTheirProgress() throws {
        let workspace = try Workspace()
        let outcome = try workspace.list("links.csv").run(store: workspace.store, today: Self.today)
        #expect(outcome.rows == 4)
        #expect(outcome.notStarted == 2)
        #expect(outcome.notFinished == 1)
        #expect(outcome.outputPath == workspace.output)
        let base = "https://enkat.example.se/t/"
        let (a, b, d) = (Self.token("A").text, Self.token("B").text, Self.token("D").text)
        #expect(try String(contentsOfFile: workspace.output, encoding: .utf8) == """
            name,email,token,link,progress\r
            Anna Svensson,anna@example.se,\(a),\(base)\(a),not started\r
            Bo Ek,bo@example.org,\(b),\(base)\(b),not finished\r
            Dag Lund,dag@example.se,\(d),\(base)\(d),not started\r

            """)
        let permissions = try FileManager.default.attributesOfItem(atPath: workspace.output)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "the file holds tokens")
    }

    /// Anna (not started) and Bo (not finished) withdrew their invitations to forum-2026 after
    /// those to forum-2025 were sent, and so did Cecilia (complete): the reminders leave Anna and Bo
    /// out, with a warning that counts them by row and never names an address.
    @Test func invitationsWhoseAddressWithdrewAfterwardsAreLeftOut() throws {
        let workspace = try Workspace(emails: ["anna@example.se", "bo@example.org", "cecilia@example.se", "dag@example.se"])
        let addresses = ["Anna@Example.se ", "BO@example.org", "cecilia@example.se"]
        let tokens = addresses.map { _ in InvitationToken.random() }
        _ = try workspace.store.addInvitations(zip(tokens, addresses).map { NewInvitation(token: $0, email: $1) }, round: "forum-2026", today: Self.today)
        for token in tokens { _ = try workspace.store.erase(.withdrawal(.invitation(tokenHash: token.hash))) }

        let outcome = try workspace.list("links.csv").run(store: workspace.store, today: Self.today)
        #expect((outcome.rows, outcome.notStarted, outcome.notFinished, outcome.withdrawn, outcome.suppressed) == (4, 1, 0, 0, 2))
        #expect(outcome.warnings.map(\.description) == [
            "\(Self.path("links.csv")): warning[W703]: left out of the reminders 2 invitations not completed (rows 1, 2) whose address is on the survey's "
                + "suppression list: the person withdrew another invitation to the survey (samla erase --withdraw) after this round's was sent. "
                + "The links still work, should the person want to answer this round; ask them, and if their withdrawal covers this round too: "
                + "samla erase --round forum-2025 --email ADDRESS --withdraw; if they asked to take part again: samla erase --suppression --email ADDRESS --yes",
        ])
        #expect(!outcome.warnings.map(\.description).joined().contains("@"), "never an address")
        let d = Self.token("D").text
        #expect(try String(contentsOfFile: workspace.output, encoding: .utf8) == """
            name,email,token,link,progress\r
            Dag Lund,dag@example.se,\(d),https://enkat.example.se/t/\(d),not started\r

            """)

        // Without withdrawals elsewhere, the addresses change nothing.
        let other = try Workspace(emails: ["anna@example.se", "bo@example.org", "cecilia@example.se", "dag@example.se"])
        let plain = try other.list("links.csv").run(store: other.store, today: Self.today)
        #expect((plain.notStarted, plain.notFinished, plain.suppressed) == (2, 1, 0) && plain.warnings.isEmpty)
    }

    /// Anna (not started) is recorded as refused and Dag (not started) as not reached: Anna said no
    /// and is not reminded; the reminder is another try to reach Dag. Recorded ineligible, Dag is
    /// outside the population and is not reminded either.
    @Test func invitationsRecordedRefusedOrIneligibleAreNotReminded() throws {
        let workspace = try Workspace()
        let invitations = try workspace.store.invitations(round: "forum-2025")
        let (anna, dag) = (invitations[0].id, invitations[3].id)
        _ = try workspace.store.setDispositions([.init(invitationID: anna, disposition: .refused), .init(invitationID: dag, disposition: .nonContact)], round: "forum-2025")
        let outcome = try workspace.list("links.csv").run(store: workspace.store, today: Self.today)
        #expect((outcome.rows, outcome.notStarted, outcome.notFinished, outcome.declined) == (4, 1, 1, DispositionCounts(refused: 1)))
        let (b, d) = (Self.token("B").text, Self.token("D").text)
        #expect(try String(contentsOfFile: workspace.output, encoding: .utf8).split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] } == ["Bo Ek", "Dag Lund"])
        #expect(try String(contentsOfFile: workspace.output, encoding: .utf8).contains("\(b),https://enkat.example.se/t/\(b),not finished\r\nDag Lund,dag@example.se,\(d)"))

        try FileManager.default.removeItem(atPath: workspace.output)
        _ = try workspace.store.setDispositions([.init(invitationID: dag, disposition: .ineligible)], round: "forum-2025")
        let ineligible = try workspace.list("links.csv").run(store: workspace.store, today: Self.today)
        #expect((ineligible.notStarted, ineligible.notFinished, ineligible.declined) == (0, 1, DispositionCounts(refused: 1, ineligible: 1)))
    }

    @Test func readsALinksFileSavedAgainBySpreadsheet() throws {
        let workspace = try Workspace()
        let outcome = try workspace.list("excel.csv").run(store: workspace.store, today: Self.today)
        #expect((outcome.rows, outcome.notStarted, outcome.notFinished) == (4, 2, 1), "the ;;;; row below the data is no row")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: workspace.output))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM in, a BOM out")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let b = Self.token("B").text
        #expect(text.split(separator: "\r\n").map(String.init) == [
            "token;name;organisation;email;link;progress",
            "\(Self.token("A").text);Anna Svensson;\"Kooperativet Ljus; Umeå\";anna@example.se;https://enkat.example.se/t/\(Self.token("A").text);not started",
            "\(b);Bo Ek;Ek & Co;bo@example.org;https://enkat.example.se/t/\(b);not finished",
            "\(Self.token("D").text);Dag Lund;;dag@example.se;https://enkat.example.se/t/\(Self.token("D").text);not started",
        ])
    }

    /// A links file with Excel's `sep=;` line before its header: the line names the delimiter and is no row.
    @Test func readsALinksFileWithExcelsSepLine() throws {
        let workspace = try Workspace()
        let outcome = try workspace.list("sep-excel.csv").run(store: workspace.store, today: Self.today)
        #expect((outcome.rows, outcome.notStarted, outcome.notFinished) == (4, 2, 1))
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: workspace.output)).dropFirst(3), as: UTF8.self)
        #expect(text.split(separator: "\r\n").first == "token;name;organisation;email;link;progress", "no sep= line is written")
    }

    /// After a `sep=,` line the header is line 2: the bad token of data row 2 is on line 4.
    @Test func aBadTokenAfterASepLineNamesTheFilesLine() throws {
        let workspace = try Workspace()
        let file = Self.path("sep-bad-tokens.csv")
        #expect(workspace.refusal("sep-bad-tokens.csv").first ==
            "\(file):4: error[E484]: row 2, column token: \"#NAME?\" is not a token as samla invite writes them (43 letters, digits, - and _); was the cell changed, in a spreadsheet perhaps? The row's link ends in its token")
    }

    @Test func everyoneDoneWritesNothing() throws {
        let workspace = try Workspace()
        for invitation in try workspace.store.invitations(round: "forum-2025") {
            if let id = invitation.responseID {
                if try workspace.store.response(id)?.record.status == .partial { _ = try workspace.store.completeResponse(id) }
            } else {
                let response = try workspace.store.createResponse(
                    NewResponse(round: "forum-2025", language: "en", source: .web, invitationID: invitation.id), today: Self.today)
                _ = try workspace.store.completeResponse(response.id)
            }
        }
        let outcome = try workspace.list("links.csv").run(store: workspace.store, today: Self.today)
        #expect((outcome.rows, outcome.reminders) == (4, 0))
        #expect(outcome.outputPath == nil)
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
    }

    @Test func everyBadTokenIsReportedWithItsRowAndColumn() throws {
        let workspace = try Workspace()
        let file = Self.path("bad-tokens.csv")
        #expect(workspace.refusal("bad-tokens.csv") == [
            "\(file):3: error[E484]: row 2, column token: \"#NAME?\" is not a token as samla invite writes them (43 letters, digits, - and _); was the cell changed, in a spreadsheet perhaps? The row's link ends in its token",
            "\(file):4: error[E484]: row 3, column token: the token is missing; every row of a links file has the token samla invite made for it",
            "\(file):5: error[E484]: row 4, column token: no invitation in this database has this token; was the row copied from another links file, or the token changed?",
            "\(file):6: error[E484]: row 5, column token: this token is an invitation to round forum-2026, not forum-2025; a links file lists the invitations of one round",
        ])
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
    }

    /// A row copied in a spreadsheet would send the same invitation two reminders (perhaps to two
    /// addresses): the later row is refused, naming the row that has the token first.
    @Test func aTokenOnTwoRowsIsRefused() throws {
        let workspace = try Workspace()
        let file = Self.path("repeated-row.csv")
        #expect(workspace.refusal("repeated-row.csv") == [
            "\(file):4: error[E484]: row 3, column token: this token is on row 1 already; a links file has one row per invitation, so keep one of the two rows",
        ])
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
    }

    @Test func theLinksFileOfAnotherRoundOrDatabaseIsOneProblem() throws {
        let workspace = try Workspace()
        let file = Self.path("other-round.csv")
        #expect(workspace.refusal("other-round.csv") == [
            "\(file): error[E484]: the tokens of this links file are invitations to round forum-2026, not forum-2025; give --round forum-2026",
        ])
        #expect(workspace.refusal("links.csv", round: "forum-2026") == [
            "\(Self.path("links.csv")): error[E484]: the tokens of this links file are invitations to round forum-2025, not forum-2026; give --round forum-2025",
        ])
        _ = try workspace.store.openRound(RoundRequest(
            name: "forum-2027", document: ForumRounds.document,
            opens: .init(year: 2025, month: 10, day: 1), closes: .init(year: 2025, month: 12, day: 31)))
        #expect(workspace.refusal("other-round.csv", round: "forum-2027") == [
            "\(file): error[E484]: the tokens of this links file are invitations to round forum-2026, not forum-2027; give --round forum-2026; round forum-2027 has no invitations",
        ])

        let empty = try SQLiteStore(path: workspace.folder.appendingPathComponent("other.sqlite").path)
        _ = try empty.openRound(RoundRequest(
            name: "forum-2025", document: ForumRounds.document,
            opens: .init(year: 2025, month: 10, day: 1), closes: .init(year: 2025, month: 12, day: 31)))
        #expect(throws: ReminderList.Refusal.self) { _ = try workspace.list("links.csv").run(store: empty, today: Self.today) }
        do {
            _ = try workspace.list("links.csv").run(store: empty, today: Self.today)
        } catch let refusal as ReminderList.Refusal {
            #expect(refusal.diagnostics.map(\.description) == [
                "\(Self.path("links.csv")): error[E484]: no token of this links file is an invitation in this database; round forum-2025 has no invitations; is it the links file of another database (--db)?",
            ])
        }
    }

    @Test func filesThatAreNoLinksFileAreRefused() throws {
        let workspace = try Workspace()
        #expect(workspace.refusal("no-token.csv") == [
            "\(Self.path("no-token.csv")):1:1: error[E485]: the links file has no token column; give the file that samla invite wrote (the contacts' columns, then token and link)",
        ])
        #expect(workspace.refusal("reminders.csv") == [
            "\(Self.path("reminders.csv")):1:1: error[E485]: the links file already has a column progress, which the reminders file adds; give the links file that samla invite wrote (not a reminders file), or rename the column",
        ])
        #expect(workspace.refusal("missing.csv") == [
            "\(Self.path("missing.csv")): error[E001]: the links file cannot be read; check the path and its permissions",
        ])
    }

    @Test func roundsThatTakeNoRemindersAreRefused() throws {
        let workspace = try Workspace()
        #expect(workspace.refusal("links.csv", round: "forum-2052") == [
            "samla.sqlite: error[E441]: there is no round forum-2052 (did you mean forum-2025?); `samla round list` shows the rounds",
        ])
        #expect(workspace.refusal("links.csv", round: "forum-open").first?.contains("error[E450]: round forum-open is anonymous") == true)
        #expect(workspace.refusal("links.csv", round: "forum-2024").first?.contains("error[E451]: round forum-2024 is closed") == true)
    }

    @Test func anExistingFileIsNotReplaced() throws {
        let workspace = try Workspace()
        try Data("earlier\n".utf8).write(to: URL(fileURLWithPath: workspace.output))
        #expect(workspace.refusal("links.csv") == [
            "\(workspace.output): error[E466]: the reminders file exists already and is not replaced; choose another --out, or delete it if it is from an earlier run",
        ])
        #expect(try String(contentsOfFile: workspace.output, encoding: .utf8) == "earlier\n")
        // A reminders file from an earlier run does not hide what is wrong with this one's input.
        #expect(workspace.refusal("links.csv", round: "forum-206").first?.contains("error[E441]") == true)
    }

    @Test func theDefaultNameIsTheLinksFilesWithTheDay() {
        #expect(ReminderList.defaultOutputPath(for: "contacts-links.csv", on: Self.today) == "contacts-reminder-2025-10-15.csv")
        #expect(ReminderList.defaultOutputPath(for: "out/links.csv", on: Self.today) == "out/links-reminder-2025-10-15.csv")
        #expect(ReminderList.defaultOutputPath(for: "/tmp/kontakter-links", on: Self.today) == "/tmp/kontakter-reminder-2025-10-15.csv")
        #expect(ReminderList.defaultOutputPath(for: "-links.csv", on: Self.today) == "-links-reminder-2025-10-15.csv")
    }
}
