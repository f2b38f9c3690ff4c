import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing

/// Runs `samla` in a temporary folder with its own database, for the round and invite commands.
final class StoreCLI {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The default database, as the commands make it in the working folder.
    var database: String { folder.appendingPathComponent(".samla/samla.sqlite").path }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/rounds").appendingPathComponent(name).path
    }

    /// Runs the binary in the folder; `environment` is added to a minimal one.
    /// Runs the binary with `arguments` in the folder; `input`, when given, is its standard input.
    func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> SamlaBinary.Run {
        let process = Process()
        process.executableURL = SamlaBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let inputPipe = input.map { _ in Pipe() }
        if let inputPipe { process.standardInput = inputPipe }
        try process.run()
        if let inputPipe, let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return SamlaBinary.Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    /// The table of `samla round list` as rows of cells (header first), split on runs of two or
    /// more spaces; the response rates below it are left out.
    func list() throws -> [[String]] {
        let run = try run(["round", "list"])
        #expect(run.status == 0, "\(run.errors)")
        return run.output.components(separatedBy: "\n\n")[0].split(separator: "\n").map { line in
            line.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// Inserts complete responses of `fixture` into a round through the store, as an import would.
    func importResponses(round: String, fixture: String, _ rows: [(language: String, values: [String: AnswerValue])]) throws {
        let store = try SQLiteStore(path: database)
        let document = try #require(SurveyLoader.load(contentsOf: Self.fixture(fixture)).document)
        let names = document.survey.variables.map(\.name)
        try store.insertCompleteResponses(round: round, document: document, source: .import) { inserter in
            for row in rows {
                try inserter.insert(names.map { row.values[$0] }, info: ImportedResponseInfo(language: row.language))
            }
        }
    }
}

/// A date `days` from today (UTC), as the command line takes it.
func day(_ days: Int) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
}

/// `samla round open|close|list`, run as the built binary against real SQLite files.
@Suite struct RoundCommandTests {
    let v1 = StoreCLI.fixture("forum-v1.yaml")

    @Test func aRoundsLifeCycleAsListShowsIt() throws {
        let cli = try StoreCLI()
        var run = try cli.run(["round", "list"])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix(".samla/samla.sqlite: error[E460]: there is no database here"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: cli.database), "round list makes no database")

        run = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-10), "--closes", day(30)])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("opened round forum-2025: survey msi-forum version 2025.1 (definition "))
        #expect(run.output.contains("\(day(-10)) to \(day(30)), invitation-only"))
        run = try cli.run(["round", "open", v1, "--name", "forum-next", "--opens", day(5), "--closes", day(60), "--anonymous"])
        #expect(run.status == 0)
        #expect(run.output.contains(", anonymous"))

        var rows = try cli.list()
        #expect(rows[0] == ["ROUND", "SURVEY", "VERSION", "OPENS", "CLOSES", "STATUS", "INVITATIONS", "STARTED", "COMPLETE", "BY LANGUAGE"])
        #expect(rows[1] == ["forum-2025", "msi-forum", "2025.1", day(-10), day(30), "open", "0 (0 used)", "0", "0", "-"])
        #expect(rows[2] == ["forum-next", "msi-forum", "2025.1", day(5), day(60), "scheduled", "anonymous", "0", "0", "-"])

        try cli.importResponses(round: "forum-2025", fixture: "forum-v1.yaml", [
            ("sv", ["sector": .choice("public"), "useful": .choice("3")]),
            ("sv", ["sector": .choice("civil"), "new_contacts": .integer(4)]),
            ("en", ["sector": .choice("private"), "email": .text("a@example.se")]),
        ])
        let contacts = cli.folder.appendingPathComponent("contacts.csv")
        try Data("name,email\nEva,eva@example.se\nJon,jon@example.se\n".utf8).write(to: contacts)
        run = try cli.run(["invite", "--round", "forum-2025", "--base-url", "https://enkat.example.se", contacts.path])
        #expect(run.status == 0, "\(run.errors)")
        rows = try cli.list()
        #expect(rows[1] == ["forum-2025", "msi-forum", "2025.1", day(-10), day(30), "open", "2 (0 used)", "3", "3", "en 1/1, sv 2/2"])

        // A respondent follows a personal link and begins, in Swedish, without finishing yet.
        let links = try String(contentsOfFile: cli.folder.appendingPathComponent("contacts-links.csv").path, encoding: .utf8)
        let token = try #require(links.split(separator: "\r\n").dropFirst().first?.split(separator: ",").dropLast().last.map(String.init))
        let store = try SQLiteStore(path: cli.database)
        let invitation = try #require(try store.invitation(tokenHash: InvitationToken.hash(token)))
        _ = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: invitation.id), today: .today())
        rows = try cli.list()
        #expect(rows[1] == ["forum-2025", "msi-forum", "2025.1", day(-10), day(30), "open", "2 (1 used)", "4", "3", "en 1/1, sv 3/2"])

        run = try cli.run(["round", "close", "forum-2025"])
        #expect(run.status == 0)
        #expect(run.output == "closed round forum-2025\n")
        #expect(try cli.list()[1][5] == "closed")
        run = try cli.run(["round", "close", "--round", "forum-2025"])
        #expect(run.output == "round forum-2025 was closed already\n", "--round names it as other commands do: \(run.errors)")
        run = try cli.run(["round", "close"])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("Error: name the round to close, e.g. samla round close esem-se-2027 (or --round esem-se-2027)\n"), "\(run.errors)")
        run = try cli.run(["round", "close", "forum-2025", "--round", "forum-2026"])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("Error: the round is named twice, as 'forum-2025' and as --round 'forum-2026'; give one name\n"), "\(run.errors)")

        run = try cli.run(["round", "open", v1, "--name", "forum-2025"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("re-opened round forum-2025: "))
        rows = try cli.list()
        #expect(rows[1] == ["forum-2025", "msi-forum", "2025.1", day(-10), day(30), "open", "2 (1 used)", "4", "3", "en 1/1, sv 3/2"])

        run = try cli.run(["round", "open", v1, "--name", "forum-2025", "--closes", day(-1)])
        #expect(run.status == 0)
        #expect(try cli.list()[1][5] == "ended")
    }

    /// Below the table, a line per round with its response rate over the invitations (AAPOR RR1
    /// and RR2), or why it has none, and how the rates are counted. By hand: 3 of 8 invitations
    /// complete is 37.5 %, with the 1 partial 4 of 8 is 50.0 %; the 2 imported responses have no
    /// invitation and are counted in neither.
    @Test func listShowsTheResponseRates() throws {
        let cli = try StoreCLI()
        _ = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-10), "--closes", day(30)])
        _ = try cli.run(["round", "open", v1, "--name", "forum-open", "--opens", day(-10), "--closes", day(30), "--anonymous"])
        _ = try cli.run(["round", "open", v1, "--name", "forum-2026", "--opens", day(-10), "--closes", day(30)])
        let none = try cli.run(["round", "list"]).output.components(separatedBy: "\n\n")
        #expect(none.last == "forum-2025: No invitations yet: no response rate\nforum-open: Anonymous round: no response rate, since nobody was invited\n"
            + "forum-2026: No invitations yet: no response rate\n", "no basis without a rate")
        let store = try SQLiteStore(path: cli.database)
        let invitations = try store.addInvitations((0..<8).map { _ in NewInvitation(token: .random()) }, round: "forum-2025", today: .today())
        for (index, invitation) in invitations.prefix(4).enumerated() {
            let response = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: invitation.id), today: .today())
            if index < 3 { _ = try store.completeResponse(response.id) }
        }
        try cli.importResponses(round: "forum-2025", fixture: "forum-v1.yaml", [("sv", ["sector": .choice("public")]), ("en", ["sector": .choice("civil")])])
        try cli.importResponses(round: "forum-open", fixture: "forum-v1.yaml", [("sv", ["sector": .choice("public")])])

        let run = try cli.run(["round", "list"])
        #expect(run.status == 0, "\(run.errors)")
        let parts = run.output.components(separatedBy: "\n\n")
        try #require(parts.count == 2, "\(run.output)")
        let rates = parts[1].split(separator: "\n").map(String.init)
        #expect(rates == [
            "forum-2025: Response rate (AAPOR RR1): 37.5% (3 of 8 invited); with partial responses (RR2): 50.0%; "
                + "2 responses without an invitation (imported without a token, or from the API) are not counted",
            "forum-open: Anonymous round: no response rate, since nobody was invited",
            "forum-2026: No invitations yet: no response rate",
            "Response rates by AAPOR's Standard Definitions (10th edition, 2023) with the round's invitations as the sample: "
                + "RR1 counts complete responses, RR2 partial ones too. An invitee without a response counts as eligible unless "
                + "recorded as ineligible (samla round dispositions), and is then left out; one who withdrew or declined in the form "
                + "(the survey's refusal) counts as a refusal. "
                + "Where dispositions are recorded, RR3 and RR4 count the invitees of unknown eligibility by e, the share of eligible "
                + "among those whose eligibility is known (AAPOR's proportional allocation), and COOP1, REF1 and CON1 give the "
                + "cooperation, refusal and contact rates. Where none are recorded, Samla cannot tell who declined without answering, who was not "
                + "reached or who is outside the population, and gives RR1 and RR2 alone.",
        ])
        #expect(try cli.list().count == 4, "the table is the same")

        let json = try cli.run(["round", "list", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rounds = try #require(object["rounds"] as? [[String: Any]])
        let rate = try #require(rounds[0]["response_rate"] as? [String: Any])
        #expect(rate["rr1"] as? Double == 0.375 && rate["rr2"] as? Double == 0.5)
        #expect(rate["invitations"] as? Int == 8 && rate["complete"] as? Int == 3 && rate["partial"] as? Int == 1)
        #expect(rate["no_response"] as? Int == 4 && rate["without_invitation"] as? Int == 2)
        #expect(rate["withdrawn"] as? Int == 0 && rounds[0]["invitations_withdrawn"] as? Int == 0)
        #expect(rounds[1]["response_rate"] == nil && rounds[2]["response_rate"] == nil, "no rate: anonymous, no invitations")
    }

    @Test func listAsJSON() throws {
        let cli = try StoreCLI()
        _ = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-1), "--closes", day(1)])
        try cli.importResponses(round: "forum-2025", fixture: "forum-v1.yaml", [("en", ["sector": .choice("public")])])
        let run = try cli.run(["round", "list", "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let round = try #require((object["rounds"] as? [[String: Any]])?.first)
        #expect(round["name"] as? String == "forum-2025")
        #expect(round["status"] as? String == "open")
        #expect(round["version"] as? String == "2025.1")
        #expect(round["started"] as? Int == 1)
        #expect(round["complete"] as? Int == 1)
        #expect((round["by_language"] as? [[String: Any]])?.first?["language"] as? String == "en")
        #expect((round["definition_hash"] as? String)?.count == 64)
    }

    @Test func aCompatibleDefinitionIsTakenWhenTheRoundReopens() throws {
        let cli = try StoreCLI()
        _ = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-10), "--closes", day(30)])
        try cli.importResponses(round: "forum-2025", fixture: "forum-v1.yaml", [("sv", ["sector": .choice("private"), "new_contacts": .integer(2)])])
        let run = try cli.run(["round", "open", StoreCLI.fixture("forum-v2.yaml"), "--name", "forum-2025"])
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("updated round forum-2025: survey msi-forum version 2025.2"))
        // What happens to the responses stored before is said, not left to "begun before keep theirs".
        #expect(lines[1].hasPrefix("the round now uses this definition instead of "))
        #expect(lines[1].hasSuffix(" for new responses; the 1 submitted response keeps its answers as given"), "\(lines[1])")
        #expect(lines[2] == "new variables: next_step (unanswered in the 1 submitted response before)")
        #expect(try cli.list()[1][2] == "2025.2")
        #expect(try cli.list()[1][7] == "1", "the answers stay")
    }

    @Test func aNewRoundSaysWhichQuestionsOfEarlierRoundsItDoesNotAsk() throws {
        let cli = try StoreCLI()
        _ = try cli.run(["round", "open", StoreCLI.fixture("forum-v2.yaml"), "--name", "forum-2025", "--opens", day(-10), "--closes", day(30)])
        // Next year's round on version 1, without next_step: a question dropped (or renamed) is said,
        // and a question asked differently from the round before (its choice academia gone).
        let run = try cli.run(["round", "open", v1, "--name", "forum-2026", "--opens", day(31), "--closes", day(60)])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.split(separator: "\n").map(String.init).dropFirst() == [
            "not asked, though earlier rounds of the survey asked them: next_step (their answers stay with those rounds; an indicator that reads one is not computed for this round)",
            "asked differently than round forum-2025 (version 2025.2): sector (choices removed: academia); a change of an indicator across them is warned about (W305), "
                + "and the codebook of samla export lists them (docs/rounds.md, \"The next year's round\")",
        ])
    }

    @Test func anIncompatibleDefinitionIsRefusedNamingWhatWouldBeLost() throws {
        let cli = try StoreCLI()
        _ = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-10), "--closes", day(30)])
        try cli.importResponses(round: "forum-2025", fixture: "forum-v1.yaml", [
            ("sv", ["sector": .choice("private"), "new_contacts": .integer(2)]),
            ("sv", ["sector": .choice("private"), "new_contacts": .integer(5)]),
            ("en", ["sector": .choice("public"), "new_contacts": .integer(0)]),
        ])
        let v3 = StoreCLI.fixture("forum-v3.yaml")
        var run = try cli.run(["round", "open", v3, "--name", "forum-2025"])
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        let lines = run.errors.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.contains("\(v3):1:1: error[E445]: cannot open round forum-2025 with this definition of msi-forum: the new definition has no variable new_contacts, but this round has 3 answers to it; those answers would be lost — keep the question (it may be hidden with relevant), or open a new round with the changed definition"))
        #expect(lines.contains("\(v3):8:3: error[E446]: cannot open round forum-2025 with this definition of msi-forum: sector no longer offers the value private, but 2 answers in this round use it; those answers would be lost — keep the choice, or open a new round with the changed definition"))

        run = try cli.run(["round", "open", StoreCLI.fixture("forum-v4.yaml"), "--name", "forum-2026", "--opens", day(100), "--closes", day(130)])
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E447]: cannot open round forum-2026 with this definition of msi-forum: new_contacts changes from integer to decimal, but 3 answers of type integer are stored"))

        let rows = try cli.list()
        #expect(rows.count == 2, "no round forum-2026")
        #expect(rows[1][2] == "2025.1", "forum-2025 keeps its definition")
    }

    @Test func theListSaysItsDaysAreLocalAsCollectionsAre() throws {
        let run = try StoreCLI().run(["round", "list", "--help"])
        #expect(run.status == 0)
        let help = run.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("local time zone (TZ)"), "\(run.output)")
        #expect(!help.contains("UTC"), "\(run.output)")
    }

    /// Next year's definition with its title changed but its version not: the round opens, and a
    /// warning says that the version now stands for two texts (exports and reports name it). The
    /// same text again, or a new version, says nothing.
    @Test func aChangedDefinitionUnderAStoredVersionIsWarnedAbout() throws {
        let cli = try StoreCLI()
        #expect(try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(0), "--closes", day(1)]).errors.isEmpty)
        #expect(try cli.run(["round", "open", v1, "--name", "forum-2025b", "--opens", day(0), "--closes", day(1)]).errors.isEmpty)
        let text = try String(contentsOfFile: v1, encoding: .utf8)
        let retitled = cli.folder.appendingPathComponent("forum-2026.yaml").path
        try text.replacingOccurrences(of: "title: {sv: \"", with: "title: {sv: \"2026 ").write(toFile: retitled, atomically: true, encoding: .utf8)
        #expect(try String(contentsOfFile: retitled, encoding: .utf8) != text)
        let run = try cli.run(["round", "open", retitled, "--name", "forum-2026", "--opens", day(0), "--closes", day(1)])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("opened round forum-2026: "))
        let stored = try #require(try SQLiteStore(path: cli.database).definitions(survey: "msi-forum").first)
        #expect(run.errors == "\(retitled):3:10: warning[W443]: version 2025.1 of survey msi-forum is in the database already with other content "
            + "(definition \(stored.hash.prefix(12))); exports, reports and `samla round list` name the version, so give the changed definition a version of its own\n")
        let renumbered = cli.folder.appendingPathComponent("forum-2027.yaml").path
        try String(contentsOfFile: retitled, encoding: .utf8).replacingOccurrences(of: "version: \"2025.1\"", with: "version: \"2026.1\"")
            .write(toFile: renumbered, atomically: true, encoding: .utf8)
        let next = try cli.run(["round", "open", renumbered, "--name", "forum-2027", "--opens", day(0), "--closes", day(1)])
        #expect(next.status == 0 && next.errors.isEmpty, "\(next.errors)")
    }

    @Test func refusalsExitOne() throws {
        let cli = try StoreCLI()
        var run = try cli.run(["round", "open", v1, "--name", "forum-2025"])
        #expect(run.status == 1)
        #expect(run.errors == "field opens: error[E444]: round forum-2025 is new: give both --opens and --closes (YYYY-MM-DD)\n")

        run = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", "2025-10-02", "--closes", "2025-10-01"])
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E443]: round forum-2025 would close on 2025-10-01, before it opens on 2025-10-02"))

        let broken = StoreCLI.fixture("broken.yaml")
        run = try cli.run(["round", "open", broken, "--name", "forum-2025", "--opens", day(0), "--closes", day(1)])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("\(broken):12:18: error[E108]: "))

        _ = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(0), "--closes", day(1)])
        run = try cli.run(["round", "close", "forum-2052"])
        #expect(run.status == 1)
        #expect(run.errors == ".samla/samla.sqlite: error[E441]: there is no round forum-2052 (did you mean forum-2025?); `samla round list` shows the rounds\n")
        run = try cli.run(["round", "close", "forum-2026"])
        #expect(run.errors == ".samla/samla.sqlite: error[E441]: there is no round forum-2026; `samla round list` shows the rounds\n",
                "next year's round is not a misspelling of this year's")

        let notADatabase = cli.folder.appendingPathComponent("notes.txt")
        try Data(String(repeating: "meeting notes\n", count: 100).utf8).write(to: notADatabase)
        run = try cli.run(["round", "list", "--db", notADatabase.path])
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E460]: the file is not an SQLite database"))

        run = try cli.run(["round", "list", "--db", cli.folder.path])
        #expect(run.status == 1)
        #expect(run.errors == "\(cli.folder.path): error[E460]: this is a folder; --db names the database file, e.g. \(cli.folder.path)/samla.sqlite\n")
        run = try cli.run(["round", "list", "--db", ""])
        #expect(run.status == 2)
        #expect(run.errors.contains("--db needs the path of the database file, e.g. .samla/samla.sqlite"))
    }

    /// A database to be made in a folder under a file names the file, where Foundation said only
    /// "NSCocoaErrorDomain error 512" (`samla demo --folder` takes the same path).
    @Test func aDatabaseFolderUnderAFileNamesTheFile() throws {
        let cli = try StoreCLI()
        let file = cli.folder.appendingPathComponent("notes.txt").path
        try Data("mine".utf8).write(to: URL(fileURLWithPath: file))
        let run = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(0), "--closes", day(1), "--db", file + "/db/samla.sqlite"])
        #expect(run.status == 1)
        #expect(run.errors == "\(file)/db/samla.sqlite: error[E460]: the folder \(file)/db cannot be created: \(UnwritableWords.fileInTheWay(file, option: "--db"))\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine")
        let beside = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(0), "--closes", day(1), "--db", file + "/samla.sqlite"])
        #expect(beside.errors == "\(file)/samla.sqlite: error[E460]: the database cannot be made here: \(UnwritableWords.fileInTheWay(file, option: "--db"))\n")
    }

    /// A database to be made in a folder of the system's own, where SQLite said only that the
    /// database is read-only (E434) and to give this user write access.
    @Test func aDatabaseInASystemFolderSaysToChooseAFolderOnADisk() throws {
        guard UnwritableWords.systemFoldersKnown else { return }
        let cli = try StoreCLI()
        let run = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(0), "--closes", day(1), "--db", "/proc/samla.sqlite"])
        #expect(run.status == 1)
        #expect(run.errors == "/proc/samla.sqlite: error[E460]: the database cannot be made here: \(UnwritableWords.systemFolder(option: "--db"))\n")
    }

    @Test(arguments: [
        ["round", "open", "survey.yaml", "--name", "Forum 2025", "--opens", "2025-10-01", "--closes", "2025-12-01"],
        ["round", "open", "survey.yaml", "--name", "forum", "--opens", "1 oktober", "--closes", "2025-12-01"],
        ["round", "open", "survey.yaml", "--opens", "2025-10-01", "--closes", "2025-12-01"],
        ["round", "close"],
        ["round", "list", "--format", "xml"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let cli = try StoreCLI()
        let run = try cli.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: cli.database), "nothing is made on a usage error")
    }

    /// A date that is no day says why, and the day a date written another way may mean.
    @Test(arguments: [
        ("2025-02-30", "not a day of the calendar written year-month-day as YYYY-MM-DD; e.g. 2027-02-01"),
        ("3/4/2025", "not a day of the calendar written year-month-day as YYYY-MM-DD; write 2025-04-03 if it is 3 April 2025, 2025-03-04 if it is 4 March 2025"),
    ])
    func aDateThatIsNoDaySaysWhy(_ given: String, _ why: String) throws {
        let cli = try StoreCLI()
        let run = try cli.run(["round", "open", "survey.yaml", "--name", "forum-2025", "--opens", given, "--closes", "2025-12-01"])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("Error: The value '\(given)' is invalid for '--opens <YYYY-MM-DD>': \(why)\n"), "\(run.errors)")
    }

    @Test func theDatabaseCanLiveAnywhere() throws {
        let cli = try StoreCLI()
        let path = cli.folder.appendingPathComponent("data/rounds/samla.sqlite").path
        let run = try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(0), "--closes", day(1), "--db", path])
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
        #expect(try cli.run(["round", "list", "--db", path]).output.contains("forum-2025"))
    }
}
