import CSV
import Diagnostics
import Expressions
import Foundation
import GRDB
import Intake
import Store
import SurveyDefinition
import Testing

/// `InvitationBatch` against real SQLite files and the contacts fixtures.
@Suite struct InvitationBatchTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/invitations")
    static let links = Links(base: "https://enkat.example.se/")!
    static let today = CalendarDate(year: 2025, month: 10, day: 15)!

    /// A store with the invitation-only round `forum-2025` and the anonymous round `forum-open`, in a temporary folder.
    final class Workspace {
        let folder: URL
        let store: SQLiteStore

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-invite-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try SQLiteStore(path: folder.appendingPathComponent("samla.sqlite").path)
            try ForumRounds.open([("forum-2025", false), ("forum-open", true)], in: store)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func batch(_ fixture: String, round: String = "forum-2025", out: String = "links.csv", again: Bool = false) -> InvitationBatch {
            InvitationBatch(
                round: round, contactsPath: InvitationBatchTests.fixtures.appendingPathComponent(fixture).path,
                outputPath: folder.appendingPathComponent(out).path, links: InvitationBatchTests.links, invitesAgain: again)
        }

        var output: String { folder.appendingPathComponent("links.csv").path }

        func invitationCount() throws -> Int { try store.invitations(round: "forum-2025").count }
    }

    /// Every record of a CSV file.
    static func records(_ path: String, delimiter: Unicode.Scalar = ",") throws -> [[String]] {
        let reader = try CSVReader(path: path, options: .init(delimiter: delimiter))
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record.strings) }
        return records
    }

    /// The diagnostics of a refused batch, as lines.
    static func refusal(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return ["not refused"]
        } catch let refusal as InvitationBatch.Refusal {
            return refusal.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func writesOneLinkPerContactAndStoresOnlyHashes() throws {
        let workspace = try Workspace()
        let outcome = try workspace.batch("contacts.csv").run(store: workspace.store, today: Self.today)
        #expect(outcome.invitations.count == 3)
        #expect(outcome.emailColumn == "Email")
        #expect(outcome.labelColumn == "Name")
        #expect(outcome.warnings.isEmpty)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: workspace.output))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM in, a BOM out")
        let records = try Self.records(workspace.output)
        #expect(records[0] == ["Organisation", "Name", "Email", "Region", "token", "link"])
        #expect(records.count == 4)
        #expect(records[1].prefix(4) == ["Kaffe, te & kakor AB", "Åsa Öberg", "asa@example.se", "Skåne"])
        #expect(records[2].prefix(4) == ["Grön \"omställning\" ek. för.", "Per\r\nLindqvist", "per@example.se", "Västra Götaland"])
        #expect(records[3].prefix(4) == ["By-kooperativet", "", "", "Norrbotten"])

        let tokens = records.dropFirst().map { $0[4] }
        #expect(Set(tokens).count == 3)
        for (record, invitation) in zip(records.dropFirst(), outcome.invitations) {
            let token = try #require(InvitationToken(record[4]), "a 43-character base64url token")
            #expect(record[5] == "https://enkat.example.se/t/\(token.text)")
            #expect(invitation.tokenHash == token.hash)
            #expect(try workspace.store.invitation(tokenHash: token.hash)?.id == invitation.id)
        }
        let stored = try workspace.store.invitations(round: "forum-2025")
        #expect(stored.map(\.label) == ["Åsa Öberg", "Per\r\nLindqvist", nil])
        #expect(stored.map(\.email) == ["asa@example.se", "per@example.se", nil])

        let permissions = try FileManager.default.attributesOfItem(atPath: workspace.output)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "the links file holds the tokens: owner only")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).filter { $0.hasSuffix(".part") }
        #expect(leftovers.isEmpty)

        // No token in clear anywhere in the database.
        let database = try Data(contentsOf: URL(fileURLWithPath: workspace.store.path))
            + ((try? Data(contentsOf: URL(fileURLWithPath: workspace.store.path + "-wal"))) ?? Data())
        for token in tokens { #expect(database.range(of: Data(token.utf8)) == nil) }
    }

    /// Also when Excel's first line `sep=;` names the delimiter: the links file keeps `;`, with no `sep=` line.
    @Test(arguments: ["semicolon.csv", "sep-semicolon.csv"])
    func aSemicolonFileGetsASemicolonLinksFile(contacts: String) throws {
        let workspace = try Workspace()
        let outcome = try workspace.batch(contacts).run(store: workspace.store, today: Self.today)
        // `email` is read before `e-post` (here a column of something else), `namn` as the label.
        #expect(outcome.emailColumn == "email")
        #expect(outcome.labelColumn == "namn")
        let records = try Self.records(workspace.output, delimiter: ";")
        #expect(records[0] == ["organisation", "e-post", "email", "namn", "token", "link"])
        #expect(records[2].prefix(4) == ["Skoopi", "y", "kontakt@skoopi.coop", "Jon"])
        #expect(try workspace.store.invitations(round: "forum-2025").map(\.email) == ["info@mikrofonden.se", "kontakt@skoopi.coop"])
        // Saved without a byte order mark, as a CRM or Excel's plain CSV saves it: the links file gets
        // one all the same, or Excel and Word's mail merge read "Mikrofonden Väst" as "Mikrofonden VÃ¤st".
        let bytes = try Data(contentsOf: URL(fileURLWithPath: workspace.output))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("organisation;".utf8)))
    }

    /// After a `sep=` line the header is line 2, so the first contact is on line 3.
    @Test func aContactsProblemAfterASepLineNamesTheFilesLine() throws {
        let workspace = try Workspace()
        let path = Self.fixtures.appendingPathComponent("sep-semicolon-bad-row.csv").path
        let lines = Self.refusal { _ = try workspace.batch("sep-semicolon-bad-row.csv").run(store: workspace.store, today: Self.today) }
        #expect(lines == [
            "\(path):3: error[E463]: row 1, column email: \"a@example\" is not an email address (name@domain.se); correct it or leave the cell empty",
        ])
    }

    @Test func rowsOfEmptyCellsInviteNobody() throws {
        // A spreadsheet saves its empty rows as `,,,`: they name nobody and get no link.
        let workspace = try Workspace()
        let outcome = try workspace.batch("empty-rows.csv").run(store: workspace.store, today: Self.today)
        #expect(outcome.invitations.count == 2)
        let records = try Self.records(workspace.output)
        #expect(records.map { Array($0.prefix(4)) } == [
            ["Organisation", "Name", "Email", "Region"],
            ["Kooperativet Ljus", "Eva", "eva@example.se", "Uppsala"],
            ["Skoopi", "Jon", "jon@example.se", "Norrbotten"],
        ])
        #expect(try workspace.store.invitations(round: "forum-2025").map(\.email) == ["eva@example.se", "jon@example.se"])
    }

    @Test func aSemicolonFileWhoseHeaderHasACommaIsReadBySemicolons() throws {
        // Excel in a Swedish locale separates with `;` and leaves a comma in a header unquoted.
        let workspace = try Workspace()
        let outcome = try workspace.batch("semicolon-comma-in-header.csv").run(store: workspace.store, today: Self.today)
        #expect(outcome.emailColumn == "email")
        let records = try Self.records(workspace.output, delimiter: ";")
        #expect(records[0] == ["organisation", "ort, län", "email", "token", "link"])
        #expect(records[1].prefix(3) == ["Kafé Åsa", "Malmö, Skåne", "asa@example.se"])
        #expect(try workspace.store.invitations(round: "forum-2025").map(\.email) == ["asa@example.se", "jon@example.se"])
    }

    @Test func everyBadRowIsReportedAndNothingIsWritten() throws {
        let workspace = try Workspace()
        let path = Self.fixtures.appendingPathComponent("bad-rows.csv").path
        let lines = Self.refusal { _ = try workspace.batch("bad-rows.csv").run(store: workspace.store, today: Self.today) }
        #expect(lines == [
            "\(path):2: error[E463]: row 1, column email: \"a@example\" is not an email address (name@domain.se); correct it or leave the cell empty",
            "\(path):3: error[E461]: row 2: 3 fields, but the header has 2 columns",
            "\(path):4: error[E463]: row 3, column email: \"c at example.se\" is not an email address (name@domain.se); correct it or leave the cell empty",
        ])
        #expect(try workspace.invitationCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
    }

    /// A contacts list saved as UTF-16 without a byte order mark was read as a header of names with
    /// NULs between their letters, and its rows as invitees without addresses.
    @Test func aUTF16ContactsFileIsRefusedAsSuch() throws {
        let workspace = try Workspace()
        let path = workspace.folder.appendingPathComponent("contacts-utf16.csv").path
        try #require("name,email\nAnna,anna@example.se\n".data(using: .utf16LittleEndian)).write(to: URL(fileURLWithPath: path))
        let batch = InvitationBatch(round: "forum-2025", contactsPath: path, outputPath: workspace.output, links: Self.links)
        let lines = Self.refusal { _ = try batch.run(store: workspace.store, today: Self.today) }
        #expect(lines == ["\(path):1:1: error[E002]: the file is UTF-16 text (as Excel saves \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8\""])
        #expect(try workspace.invitationCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
    }

    /// A contacts workbook renamed to .csv is named as a workbook, not as text in another encoding.
    @Test func aWorkbookContactsFileIsRefusedAsSuch() throws {
        let workspace = try Workspace()
        let path = ImportFixture.fixture("workbook.xlsx")
        let batch = InvitationBatch(round: "forum-2025", contactsPath: path, outputPath: workspace.output, links: Self.links)
        let lines = Self.refusal { _ = try batch.run(store: workspace.store, today: Self.today) }
        #expect(lines == ["\(path):1:1: error[E002]: the file is an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or another ZIP archive, "
            + "not CSV text: open it in the spreadsheet and save it as \"CSV UTF-8\" (File > Save As)"])
        #expect(try workspace.invitationCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
    }

    @Test func aContactsFileWithATokenColumnIsRefused() throws {
        let workspace = try Workspace()
        let lines = Self.refusal { _ = try workspace.batch("has-token.csv").run(store: workspace.store, today: Self.today) }
        #expect(lines.count == 1)
        #expect(lines[0].contains("error[E462]") && lines[0].contains("already have a token column"))
        #expect(try workspace.invitationCount() == 0)
    }

    /// A CRM's list with one contact twice, the address in another case: the second row is left out,
    /// so the address gets one mail and counts once in the response rate; `--again` invites it too.
    @Test func aRepeatedEmailIsInvitedOnce() throws {
        let workspace = try Workspace()
        let outcome = try workspace.batch("duplicate-email.csv").run(store: workspace.store, today: Self.today)
        #expect(outcome.invitations.map(\.label) == ["A"])
        #expect(outcome.repeatedRows == [2])
        #expect(outcome.warnings.map(\.description) == [
            "\(Self.fixtures.appendingPathComponent("duplicate-email.csv").path):3: warning[W440]: row 2, column email: A@Example.se is on row 1 too; "
                + "the row is left out of the links file, so that the address gets one mail and counts once in the response rate (--again gives it a link of its own)",
        ])
        #expect(try Self.records(workspace.output).count == 2)

        let shared = try Workspace()
        let again = try shared.batch("duplicate-email.csv", again: true).run(store: shared.store, today: Self.today)
        #expect(again.invitations.map(\.label) == ["A", "B"])
        #expect(again.warnings.first?.description.hasSuffix("A@Example.se is on row 1 too; this row gets a link of its own too (--again), and the response rate counts both") == true)
    }

    @Test(arguments: [
        ("header-only.csv", "E464"), ("empty.csv", "E003"), ("broken-quote.csv", "E461"), ("missing.csv", "E001"),
    ])
    func filesWithoutContactsAreRefused(_ fixture: String, _ code: String) throws {
        let workspace = try Workspace()
        let lines = Self.refusal { _ = try workspace.batch(fixture).run(store: workspace.store, today: Self.today) }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("error[\(code)]") == true, "\(lines)")
        #expect(try workspace.invitationCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
    }

    @Test func anonymousClosedAndUnknownRoundsAreRefusedBeforeAnyFileIsWritten() throws {
        let workspace = try Workspace()
        #expect(throws: StoreError.anonymousRound("forum-open")) {
            _ = try workspace.batch("contacts.csv", round: "forum-open").run(store: workspace.store, today: Self.today)
        }
        #expect(throws: StoreError.unknownRound("forum-2052", suggestion: "forum-2025")) {
            _ = try workspace.batch("contacts.csv", round: "forum-2052").run(store: workspace.store, today: Self.today)
        }
        #expect(throws: StoreError.closedRound("forum-2025", phase: .ended)) {
            _ = try workspace.batch("contacts.csv").run(store: workspace.store, today: CalendarDate(year: 2026, month: 1, day: 1)!)
        }
        _ = try workspace.store.closeRound(named: "forum-2025")
        #expect(throws: StoreError.closedRound("forum-2025", phase: .closed)) {
            _ = try workspace.batch("contacts.csv").run(store: workspace.store, today: Self.today)
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).filter { $0.hasSuffix(".part") }.isEmpty)
    }

    @Test func anExistingLinksFileIsNeverReplaced() throws {
        let workspace = try Workspace()
        try Data("earlier tokens\n".utf8).write(to: URL(fileURLWithPath: workspace.output))
        let lines = Self.refusal { _ = try workspace.batch("contacts.csv").run(store: workspace.store, today: Self.today) }
        #expect(lines == ["\(workspace.output): error[E466]: the links file exists already; its tokens would be lost if it were replaced — choose another --out"])
        #expect(try String(contentsOfFile: workspace.output, encoding: .utf8) == "earlier tokens\n")
        #expect(try workspace.invitationCount() == 0)
    }

    @Test func twoBatchesGiveDistinctTokens() throws {
        let workspace = try Workspace()
        _ = try workspace.batch("contacts.csv", out: "a.csv").run(store: workspace.store, today: Self.today)
        _ = try workspace.batch("contacts.csv", out: "b.csv", again: true).run(store: workspace.store, today: Self.today)
        let tokens = try ["a.csv", "b.csv"].flatMap { try Self.records(workspace.folder.appendingPathComponent($0).path).dropFirst().map { $0[4] } }
        #expect(Set(tokens).count == 6)
        #expect(try workspace.invitationCount() == 6)
    }

    /// Running the same contacts file again, or the list grown by new contacts, invites only the rows
    /// the round has no invitation for: by address (in any case), or, without one, by label. A row
    /// with neither cannot be told apart and is invited each time. Everyone invited twice would get
    /// two mails and count twice in the response rate.
    @Test func aContactsFileRunAgainInvitesOnlyItsNewRows() throws {
        let workspace = try Workspace()
        let first = try workspace.batch("contacts.csv", out: "a.csv").run(store: workspace.store, today: Self.today)
        #expect(first.warnings.isEmpty)
        #expect(first.rowsWithoutAddress == [3])

        let grown = try workspace.batch("contacts-grown.csv", out: "b.csv").run(store: workspace.store, today: Self.today)
        let path = Self.fixtures.appendingPathComponent("contacts-grown.csv").path
        let leftOut = "has an invitation to round forum-2025 from an earlier batch; the row is left out of the links file: its link is in the earlier links file and still works (--again gives it a second one)"
        #expect(grown.warnings.map(\.description) == [
            "\(path):2: warning[W441]: row 1, column Email: ASA@example.se \(leftOut)",
            "\(path):3: warning[W441]: row 2, column Email: per@example.se \(leftOut)",
        ])
        #expect(grown.alreadyInvitedRows == [1, 2])
        #expect(grown.rowsWithoutAddress == [3, 5])
        let records = try Self.records(workspace.folder.appendingPathComponent("b.csv").path)
        #expect(records.dropFirst().map { $0[0] } == ["By-kooperativet", "Skärgårdsbröd", "Fjällstugan"])
        #expect(try workspace.invitationCount() == 6)

        let again = try workspace.batch("contacts-grown.csv", out: "c.csv").run(store: workspace.store, today: Self.today)
        #expect(again.alreadyInvitedRows == [1, 2, 4, 5])
        #expect(again.warnings.last?.description == "\(path):7: warning[W441]: row 5, column Name: Nils Holm (without an address) \(leftOut)")
        #expect(again.invitations.count == 1, "By-kooperativet has neither an address nor a name")
        #expect(try workspace.invitationCount() == 7)
    }

    /// A file whose every row is invited already makes nothing and writes no links file.
    @Test func aContactsFileInvitedBeforeWritesNothing() throws {
        let workspace = try Workspace()
        _ = try workspace.batch("semicolon.csv", out: "a.csv").run(store: workspace.store, today: Self.today)
        let second = try workspace.batch("semicolon.csv").run(store: workspace.store, today: Self.today)
        #expect(second.outputPath == nil)
        #expect(second.invitations.isEmpty)
        #expect(second.alreadyInvitedRows == [1, 2])
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
        #expect(try workspace.invitationCount() == 2)
    }

    /// `--again` gives the rows invited before a second link, as asked, and says so.
    @Test func invitingAgainGivesASecondLink() throws {
        let workspace = try Workspace()
        _ = try workspace.batch("semicolon.csv", out: "a.csv").run(store: workspace.store, today: Self.today)
        let second = try workspace.batch("semicolon.csv", again: true).run(store: workspace.store, today: Self.today)
        #expect(second.invitations.count == 2)
        #expect(second.warnings.first?.description.hasSuffix(
            "info@mikrofonden.se has an invitation to round forum-2025 from an earlier batch; this row gets a second link (--again), the first one still works, and the response rate counts both") == true)
        #expect(try workspace.invitationCount() == 4)
    }

    /// A Swedish list heads its columns `Namn` and `E-post`: they are read as the label and the
    /// addresses (stored, checked, compared), as `name` and `email` are.
    @Test func aSwedishHeaderNamesTheAddressAndLabelColumns() throws {
        let workspace = try Workspace()
        let outcome = try workspace.batch("e-post-column.csv").run(store: workspace.store, today: Self.today)
        #expect(outcome.invitations.count == 3)
        #expect(outcome.emailColumn == "E-post")
        #expect(outcome.labelColumn == "Namn")
        #expect(outcome.warnings.isEmpty)
        #expect(try workspace.store.invitations(round: "forum-2025").compactMap(\.email) == ["asa@example.se", "per@example.se"])
    }

    /// Addresses under another name (`Mail`): the invitations are made, but the addresses are not
    /// stored or checked, so the warning says which column holds them and what to name it.
    /// Outlook's contacts export heads the addresses `E-mail Address` (`E-postadress` in Swedish):
    /// read as the addresses, so that they are stored, compared, and checked against the withdrawals.
    @Test(arguments: [("outlook.csv", "E-mail Address"), ("outlook-sv.csv", "E-postadress")])
    func anOutlookExportsAddressColumnIsRead(_ fixture: String, _ column: String) throws {
        let workspace = try Workspace()
        let outcome = try workspace.batch(fixture).run(store: workspace.store, today: Self.today)
        #expect(outcome.emailColumn == column)
        #expect(outcome.warnings.isEmpty)
        #expect(try workspace.store.invitations(round: "forum-2025").map(\.email) == ["asa@example.se", "Per@Example.se"])
    }

    @Test func aColumnOfAddressesNotNamedEmailIsAWarning() throws {
        let workspace = try Workspace()
        let outcome = try workspace.batch("mail-column.csv").run(store: workspace.store, today: Self.today)
        #expect(outcome.invitations.count == 3)
        #expect(outcome.emailColumn == nil)
        let path = Self.fixtures.appendingPathComponent("mail-column.csv").path
        #expect(outcome.warnings.map(\.description) == [
            "\(path):1:1: warning[W442]: column Mail holds email addresses, but only a column named email (or e-mail, e-post, epost, e-postadress, email address, e-mail address) is read as them (stored with the invitation, checked, compared for the same address twice, and with the addresses that withdrew from the survey, W700, which would otherwise be invited again); rename it email if it is the invitees' address",
        ])
        // A file whose addresses are in its email column, or that has none, gets no such warning.
        #expect(try workspace.batch("contacts.csv", out: "b.csv").run(store: workspace.store, today: Self.today).warnings.allSatisfy { $0.code.id != "W442" })
    }

    @Test func defaultOutputSitsNextToTheContacts() {
        #expect(InvitationBatch.defaultOutputPath(for: "lists/contacts.csv") == "lists/contacts-links.csv")
        #expect(InvitationBatch.defaultOutputPath(for: "contacts.csv") == "contacts-links.csv")
        #expect(InvitationBatch.defaultOutputPath(for: "/tmp/x/kontakter") == "/tmp/x/kontakter-links.csv")
    }
}

@Suite struct LinksTests {
    @Test func personalAndAnonymousLinks() throws {
        let links = try #require(Links(base: "https://enkat.example.se/samla//"))
        #expect(links.base == "https://enkat.example.se/samla")
        #expect(links.personal("abc") == "https://enkat.example.se/samla/t/abc")
        #expect(links.anonymousStart(round: "forum-2025") == "https://enkat.example.se/samla/s/forum-2025")
        #expect(Links(base: "http://localhost:8080")?.base == "http://localhost:8080")
    }

    @Test(arguments: ["", "enkat.example.se", "ftp://example.se", "https://", "https:///x", "https://example.se/?a=1", "https://example.se/#top", "https://exa mple.se"])
    func refusesAddressesRespondentsCannotOpen(_ base: String) {
        #expect(Links(base: base) == nil)
    }
}
