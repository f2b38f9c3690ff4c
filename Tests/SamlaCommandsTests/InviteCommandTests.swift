import Foundation
import Store
import Testing

/// `samla invite`, run as the built binary against real SQLite files.
@Suite struct InviteCommandTests {
    let v1 = StoreCLI.fixture("forum-v1.yaml")

    func openRounds(_ cli: StoreCLI) throws {
        #expect(try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-1), "--closes", day(30)]).status == 0)
        #expect(try cli.run(["round", "open", v1, "--name", "forum-open", "--opens", day(-1), "--closes", day(30), "--anonymous"]).status == 0)
    }

    func write(_ text: String, to name: String, in cli: StoreCLI) throws -> String {
        let url = cli.folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func writesPersonalLinksAndStoresOnlyTheirHashes() throws {
        let cli = try StoreCLI()
        try openRounds(cli)
        let contacts = try write("Organisation,Email\nKooperativet Väst,info@kv.se\n\"Ideell förening, Umeå\",\nMikrofonden,hej@mikrofonden.se\n", to: "kontakter.csv", in: cli)
        let run = try cli.run(["invite", "--round", "forum-2025", contacts], environment: ["SAMLA_BASE_URL": "https://enkat.example.se/"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == """
            made 3 invitations to round forum-2025 (emails from column Email)
            row 2 of \(contacts) has no email address: a mail merge cannot send its link; send it another way
            wrote \(cli.folder.appendingPathComponent("kontakter-links.csv").path): its column link holds each invitee's link, https://enkat.example.se/t/… (from SAMLA_BASE_URL), for the mail merge; the only copy of the tokens: keep it safe for the mail merge and the reminders (samla remind), and delete it after the last

            """)
        let links = try String(contentsOfFile: cli.folder.appendingPathComponent("kontakter-links.csv").path, encoding: .utf8)
        let lines = links.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "Organisation,Email,token,link")
        #expect(lines[2].hasPrefix("\"Ideell förening, Umeå\",,"))
        let tokens = lines.dropFirst().map { line in String(line.split(separator: ",").suffix(2).first!) }
        #expect(Set(tokens).count == 3)
        for (line, token) in zip(lines.dropFirst(), tokens) {
            #expect(token.count == 43)
            #expect(line.hasSuffix(",https://enkat.example.se/t/\(token)"))
        }

        let store = try SQLiteStore(path: cli.database)
        for token in tokens { #expect(try store.invitation(tokenHash: InvitationToken.hash(token)) != nil) }
        #expect(try store.invitations(round: "forum-2025").compactMap(\.email) == ["info@kv.se", "hej@mikrofonden.se"])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: cli.database + "-wal")) { bytes.append(wal) }
        for token in tokens { #expect(bytes.range(of: Data(token.utf8)) == nil, "no token in clear in the database") }

        let rows = try cli.list()
        #expect(rows[1][6] == "3 (0 used)")
    }

    /// The list run again with three contacts added invites those three, in a links file of their
    /// own; run once more it invites nobody and writes nothing. The round counts each contact once.
    @Test func aGrownContactsListInvitesOnlyItsNewRows() throws {
        let cli = try StoreCLI()
        try openRounds(cli)
        let list = "namn;e-post;organisation\r\nÅsa Öberg;asa@example.se;Älvdalens kooperativ\r\nBo Ek;Bo@Example.org;Ek & Co\r\n"
        let first = try write("sep=;\r\n" + list, to: "kontakter.csv", in: cli)
        #expect(try cli.run(["invite", "--round", "forum-2025", first, "--base-url", "https://enkat.example.se"]).status == 0)
        let grown = try write(list + "Cilla Dahl;cilla@example.se;Dahls\r\nDan Berg;dan@example.se;Bergs\r\nEva Ros;eva@example.se;Ros AB\r\nBo Ek;bo@example.org;Ek & Co\r\n", to: "kontakter-2.csv", in: cli)
        let run = try cli.run(["invite", "--round", "forum-2025", grown, "--base-url", "https://enkat.example.se"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("made 3 invitations to round forum-2025 (emails from column e-post, labels from column namn); "
            + "left out rows 1, 2, 6 of \(grown), invited to round forum-2025 in an earlier batch (W441; --again invites them again)\n"))
        #expect(run.errors.components(separatedBy: "warning[W441]").count == 4)
        let links = try Data(contentsOf: cli.folder.appendingPathComponent("kontakter-2-links.csv"))
        #expect(links.starts(with: [0xEF, 0xBB, 0xBF]), "Excel and Word read Swedish letters right only with a byte order mark")
        #expect(String(decoding: links.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map { $0.split(separator: ";")[0] } == ["namn", "Cilla Dahl", "Dan Berg", "Eva Ros"])
        #expect(try cli.list()[1][6] == "5 (0 used)")

        let again = try cli.run(["invite", "--round", "forum-2025", grown, "--base-url", "https://enkat.example.se", "--out", "again.csv"])
        #expect(again.status == 0)
        #expect(again.output == "nobody new to invite to round forum-2025; left out rows 1–6 of \(grown), invited to round forum-2025 in an earlier batch (W441; --again invites them again): no invitation made, no links file written\n")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("again.csv").path))
        #expect(try cli.list()[1][6] == "5 (0 used)")
    }

    /// A long list grown by a few contacts: the rows invited before are one warning and one range on
    /// the command's line, not a line each.
    @Test func aLongGrownListIsWarnedOfInOneLine() throws {
        let cli = try StoreCLI()
        try openRounds(cli)
        let list = "name,email\n" + (1...400).map { "Deltagare \($0),deltagare\($0)@example.se\n" }.joined()
        _ = try write(list, to: "kontakter.csv", in: cli)
        #expect(try cli.run(["invite", "--round", "forum-2025", "kontakter.csv", "--base-url", "https://enkat.example.se"]).status == 0)
        _ = try write(list + "Ny Nilsson,ny@example.se\n", to: "kontakter-2.csv", in: cli)
        let run = try cli.run(["invite", "--round", "forum-2025", "kontakter-2.csv", "--base-url", "https://enkat.example.se"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors == "kontakter-2.csv: warning[W441]: 400 rows (1–400) have an invitation to round forum-2025 from an earlier batch, by their address or, without one, their label; "
            + "each such row is left out of the links file: its link is in the earlier links file and still works (--again gives it a second one)\n")
        #expect(run.output.hasPrefix("made 1 invitation to round forum-2025 (emails from column email, labels from column name); left out rows 1–400 of kontakter-2.csv, "
            + "invited to round forum-2025 in an earlier batch (W441; --again invites them again)\n"))
        #expect(try cli.list()[1][6] == "401 (0 used)")
    }

    /// A contacts file named by one character (`c`, or `c/` typed by mistake) crashed the command
    /// (SIGILL in Foundation's `deletingLastPathComponent`) before it made its links file's name.
    @Test func aContactsFileOfOneCharacterIsTaken() throws {
        let cli = try StoreCLI()
        try openRounds(cli)
        _ = try write("name,email\nEva,eva@example.se\n", to: "c", in: cli)
        let run = try cli.run(["invite", "--round", "forum-2025", "c", "--base-url", "https://enkat.example.se"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("c-links.csv").path))
        let folder = try cli.run(["invite", "--round", "forum-2025", "c/", "--base-url", "https://enkat.example.se"])
        #expect(folder.status == 1)
        #expect(!folder.errors.contains("crashed"), "\(folder.errors)")
    }

    @Test func refusedBatchesLeaveNothingBehind() throws {
        let cli = try StoreCLI()
        try openRounds(cli)
        let contacts = try write("name,email\nEva,eva@example\nJon,jon@example.se,x\n", to: "contacts.csv", in: cli)
        let base = ["--base-url", "https://enkat.example.se"]
        var run = try cli.run(["invite", "--round", "forum-2025", contacts] + base)
        #expect(run.status == 1)
        #expect(run.errors.split(separator: "\n").map(String.init) == [
            "\(contacts):2: error[E463]: row 1, column email: \"eva@example\" is not an email address (name@domain.se); correct it or leave the cell empty",
            "\(contacts):3: error[E461]: row 2: 3 fields, but the header has 2 columns",
        ])

        let good = try write("name,email\nEva,eva@example.se\n", to: "good.csv", in: cli)
        run = try cli.run(["invite", "--round", "forum-open", good] + base)
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E450]: round forum-open is anonymous: respondents use its start link (BASE/s/forum-open), and it takes no invitations; a round is anonymous or invitation-only from its opening, so for personal links open another round without --anonymous"))

        _ = try cli.run(["round", "close", "forum-2025"])
        run = try cli.run(["invite", "--round", "forum-2025", good] + base)
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E451]: round forum-2025 is closed"))

        run = try cli.run(["invite", "--round", "forum-2205", good] + base)
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E441]: there is no round forum-2205 (did you mean forum-2025?)"))

        let files = try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted()
        #expect(files == [".samla", "contacts.csv", "good.csv"], "no links file, no partial file")
        #expect(try cli.list()[1][6] == "0 (0 used)")
    }

    @Test func anExistingLinksFileIsKept() throws {
        let cli = try StoreCLI()
        try openRounds(cli)
        let contacts = try write("name\nEva\n", to: "contacts.csv", in: cli)
        let out = try write("earlier\n", to: "links.csv", in: cli)
        let run = try cli.run(["invite", "--round", "forum-2025", contacts, "--out", out, "--base-url", "https://enkat.example.se"])
        #expect(run.status == 1)
        #expect(run.errors.contains("error[E466]"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "earlier\n")
    }

    /// An existing links file is checked after the round and the contacts: a user who deleted it to
    /// get past E466 only to meet E441 (or E450, or a bad row) would have lost its tokens for nothing.
    @Test func theRoundAndTheContactsAreCheckedBeforeAnExistingLinksFile() throws {
        let cli = try StoreCLI()
        try openRounds(cli)
        let contacts = try write("name,email\nEva,eva@example.se\n", to: "contacts.csv", in: cli)
        let out = try write("earlier\n", to: "links.csv", in: cli)
        let base = ["--out", out, "--base-url", "https://enkat.example.se"]
        let refusals = [
            (["forum-2205", contacts], "error[E441]: there is no round forum-2205 (did you mean forum-2025?)"),
            (["forum-open", contacts], "error[E450]: round forum-open is anonymous"),
            (["forum-2025", try write("name,email\nEva,eva@example\n", to: "bad.csv", in: cli)], "error[E463]: row 1, column email"),
        ]
        for (arguments, expected) in refusals {
            let run = try cli.run(["invite", "--round"] + arguments + base)
            #expect(run.status == 1)
            #expect(run.errors.contains(expected) && !run.errors.contains("E466"), "\(arguments): \(run.errors)")
        }
        let last = try cli.run(["invite", "--round", "forum-2025", contacts] + base)
        #expect(last.errors == "\(out): error[E466]: the links file exists already; its tokens would be lost if it were replaced — choose another --out\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "earlier\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).sorted() == [".samla", "bad.csv", "contacts.csv", "links.csv"])
        #expect(try cli.list()[1][6] == "0 (0 used)")
    }

    /// A links file that cannot be made (a file in the way, a missing folder, a folder at its path,
    /// which is not taken for an earlier links file) says why in plain words and what to do, and stores nothing.
    @Test func anUnwritableLinksFileSaysWhyAndWhatToDo() throws {
        let cli = try StoreCLI()
        try openRounds(cli)
        let contacts = try write("name,email\nEva,eva@example.se\n", to: "contacts.csv", in: cli)
        let notes = try write("notes\n", to: "notes.txt", in: cli)
        let cases = [
            (notes + "/links.csv", UnwritableWords.fileInTheWay(notes, option: "--out")),
            (cli.folder.appendingPathComponent("nowhere/links.csv").path,
             "the folder \(cli.folder.appendingPathComponent("nowhere").path) does not exist; make it first, or give --out a file in a folder that exists"),
            (cli.folder.appendingPathComponent("mail").path, UnwritableWords.folderInTheWay(cli.folder.appendingPathComponent("mail").path, option: "--out")),
        ]
        try FileManager.default.createDirectory(at: cli.folder.appendingPathComponent("mail"), withIntermediateDirectories: true)
        for (out, reason) in cases {
            let run = try cli.run(["invite", "--round", "forum-2025", contacts, "--out", out, "--base-url", "https://enkat.example.se"])
            #expect(run.status == 1)
            #expect(run.errors == "\(out): error[E467]: the links file cannot be written here: \(reason); nothing was stored\n")
        }
        #expect(try cli.list()[1][6] == "0 (0 used)")
    }

    @Test(arguments: [
        ["invite", "--round", "forum-2025", "contacts.csv"],
        ["invite", "--round", "forum-2025", "contacts.csv", "--base-url", "enkat.example.se"],
        ["invite", "contacts.csv", "--base-url", "https://enkat.example.se"],
        ["invite", "--round", "forum-2025", "--base-url", "https://enkat.example.se"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let cli = try StoreCLI()
        let run = try cli.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.errors)")
    }
}
