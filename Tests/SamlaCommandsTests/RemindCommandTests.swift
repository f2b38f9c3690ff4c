import Expressions
import Foundation
import Store
import Testing

/// `samla remind`, run as the built binary after `samla invite`, against real SQLite files.
@Suite struct RemindCommandTests {
    let v1 = StoreCLI.fixture("forum-v1.yaml")
    let base = ["--base-url", "https://enkat.example.se"]

    /// What the store holds of the round: its counts, its invitations and their responses.
    func snapshot(_ store: SQLiteStore) throws -> String {
        let invitations = try store.invitations(round: "forum-2025")
        let responses = try invitations.compactMap(\.responseID).map { try store.response($0) }
        return "\(try store.roundSummaries())\n\(invitations)\n\(responses)"
    }

    /// The rows of a semicolon-separated CSV without quotes, header first.
    func rows(_ path: String) throws -> [[String]] {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func listsWhoHasNotCompletedAfterAnInvitation() throws {
        let cli = try StoreCLI()
        #expect(try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-1), "--closes", day(30)]).status == 0)
        // As Excel in a Swedish locale saves "CSV UTF-8".
        let contacts = cli.folder.appendingPathComponent("contacts.csv")
        try Data(("\u{FEFF}name;email;organisation\r\nAnna Svensson;anna@example.se;Ljus\r\nBo Ek;bo@example.org;Ek & Co\r\n"
            + "Cecilia Ödman;cecilia@example.se;Ödmans\r\n").utf8).write(to: contacts)
        var run = try cli.run(["invite", "--round", "forum-2025", "contacts.csv"] + base)
        #expect(run.status == 0, "\(run.errors)")
        let links = try rows(cli.folder.appendingPathComponent("contacts-links.csv").path)
        #expect(links[0] == ["name", "email", "organisation", "token", "link"])

        // Bo has begun and not finished; Cecilia has completed.
        let store = try SQLiteStore(path: cli.database)
        func invitation(_ row: Int) throws -> Invitation { try #require(try store.invitation(tokenHash: InvitationToken.hash(links[row][3]))) }
        let today = CalendarDate.today()
        let begun = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: invitation(2).id), today: today)
        try store.saveAnswers(["sector": .choice("civil")], response: begun.id, currentPage: "feedback")
        let done = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: invitation(3).id), today: today)
        _ = try store.completeResponse(done.id)
        let before = try snapshot(store)

        run = try cli.run(["remind", "--round", "forum-2025", "contacts-links.csv"])
        #expect(run.status == 0, "\(run.errors)")
        let written = try #require(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).first { $0.hasPrefix("contacts-reminder-") })
        #expect(written.count == "contacts-reminder-YYYY-MM-DD.csv".count)
        #expect(run.output == """
            2 of 3 invitations in contacts-links.csv to remind for round forum-2025: 1 not started, 1 started and not finished
            wrote \(written): it holds the tokens; keep it safe and delete it after the mail merge

            """)
        #expect(run.errors.isEmpty)
        let path = cli.folder.appendingPathComponent(written).path
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try rows(path) == [
            ["name", "email", "organisation", "token", "link", "progress"],
            links[1] + ["not started"],
            links[2] + ["not finished"],
        ])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try snapshot(store) == before, "samla remind writes nothing to the database")

        run = try cli.run(["remind", "--round", "forum-2025", "contacts-links.csv"])
        #expect(run.status == 1)
        #expect(run.errors == "\(written): error[E466]: the reminders file exists already and is not replaced; choose another --out, or delete it if it is from an earlier run\n")
        // A folder at --out is not taken for an earlier reminders file.
        try FileManager.default.createDirectory(at: cli.folder.appendingPathComponent("mail"), withIntermediateDirectories: true)
        run = try cli.run(["remind", "--round", "forum-2025", "contacts-links.csv", "--out", "mail"])
        #expect(run.status == 1)
        #expect(run.errors == "mail: error[E467]: the reminders file cannot be written here: \(UnwritableWords.folderInTheWay("mail", option: "--out"))\n")

        // A cell changed by hand: refused with its row and column, nothing written.
        let edited = try String(contentsOfFile: cli.folder.appendingPathComponent("contacts-links.csv").path, encoding: .utf8)
            .replacingOccurrences(of: links[2][3] + ";", with: "#NAME?;")
        try Data(edited.utf8).write(to: cli.folder.appendingPathComponent("edited.csv"))
        run = try cli.run(["remind", "--round", "forum-2025", "edited.csv", "--out", "edited-reminder.csv"])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("edited.csv:3: error[E484]: row 2, column token: \"#NAME?\" is not a token as samla invite writes them"))
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("edited-reminder.csv").path))

        // Anna said she will not take part, recorded as the docs say: she is not reminded, and the line says why.
        try Data("email;disposition\r\nanna@example.se;vägrat\r\n".utf8).write(to: cli.folder.appendingPathComponent("dispositions.csv"))
        #expect(try cli.run(["round", "dispositions", "--round", "forum-2025", "dispositions.csv", "--yes"]).status == 0)
        run = try cli.run(["remind", "--round", "forum-2025", "contacts-links.csv", "--out", "declined.csv"])
        #expect(run.output.hasPrefix("1 of 3 invitations in contacts-links.csv to remind for round forum-2025: 0 not started, 1 started and not finished; "
            + "1 recorded refused (samla round dispositions) is not reminded\n"), "\(run.output)")
        #expect(try rows(cli.folder.appendingPathComponent("declined.csv").path).dropFirst() == [links[2] + ["not finished"]])

        // Everyone done: said so, and no file.
        let last = try store.createResponse(NewResponse(round: "forum-2025", language: "en", source: .web, invitationID: invitation(1).id), today: today)
        _ = try store.completeResponse(last.id)
        _ = try store.completeResponse(begun.id)
        run = try cli.run(["remind", "--round", "forum-2025", "contacts-links.csv", "--out", "second.csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "all 3 invitations in contacts-links.csv have completed round forum-2025: no reminders, no file written\n", "Anna answered after all: her response decides")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("second.csv").path))
    }

    @Test func refusesWithoutADatabaseOrARound() throws {
        let cli = try StoreCLI()
        try Data("name,token,link\n".utf8).write(to: cli.folder.appendingPathComponent("links.csv"))
        var run = try cli.run(["remind", "--round", "forum-2025", "links.csv"])
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E460]: there is no database here"))
        #expect(!FileManager.default.fileExists(atPath: cli.database), "no empty database left behind")

        #expect(try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-1), "--closes", day(30)]).status == 0)
        run = try cli.run(["remind", "--round", "forum-2205", "links.csv"])
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E441]: there is no round forum-2205 (did you mean forum-2025?)"))
        run = try cli.run(["remind", "--round", "forum-2025", "links.csv"])
        #expect(run.status == 1)
        #expect(run.errors == "links.csv: error[E464]: the links file has a header but no rows; give the links file that samla invite wrote\n")
    }

    @Test(arguments: [
        ["remind", "contacts-links.csv"],
        ["remind", "--round", "forum-2025"],
        ["remind", "--round", "forum-2025", "contacts-links.csv", "--db", ""],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let run = try StoreCLI().run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.errors)")
    }

    @Test func helpSaysWhatTheFileHolds() throws {
        let run = try StoreCLI().run(["remind", "--help"])
        #expect(run.status == 0)
        #expect(run.output.contains("progress: \"not started\""))
        #expect(run.output.contains("The database is only read."))
        #expect(run.output.contains("--db <path>"))
    }
}
