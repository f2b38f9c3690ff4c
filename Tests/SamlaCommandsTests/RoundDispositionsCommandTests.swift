import Expressions
import Foundation
import Store
import Testing

/// `samla round dispositions`, run as the built binary after `samla invite`, against real SQLite files.
@Suite struct RoundDispositionsCommandTests {
    let v1 = StoreCLI.fixture("forum-v1.yaml")

    /// Round forum-2025 with five invitations (Anna, Bo, Cecilia, Dag, Eva), of which Anna's has a
    /// complete response; returns each contact's token.
    func invitedRound(_ cli: StoreCLI) throws -> [String: String] {
        #expect(try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-1), "--closes", day(30)]).status == 0)
        try Data("name;email\nAnna;anna@example.se\nBo;bo@example.org\nCecilia;cecilia@example.se\nDag;dag@example.se\nEva;eva@example.se\n".utf8)
            .write(to: cli.folder.appendingPathComponent("contacts.csv"))
        let invite = try cli.run(["invite", "--round", "forum-2025", "contacts.csv", "--base-url", "https://enkat.example.se"])
        #expect(invite.status == 0, "\(invite.errors)")
        let links = try String(contentsOf: cli.folder.appendingPathComponent("contacts-links.csv"), encoding: .utf8)
        var tokens: [String: String] = [:]
        for line in links.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ";").map(String.init)
            tokens[cells[0]] = cells[2]
        }
        let store = try SQLiteStore(path: cli.database)
        let annaToken = try #require(tokens["Anna"])
        let anna = try #require(try store.invitation(tokenHash: InvitationToken.hash(annaToken)))
        let response = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: anna.id), today: .today())
        _ = try store.completeResponse(response.id)
        return tokens
    }

    func write(_ text: String, to name: String, in cli: StoreCLI) throws {
        try Data(text.utf8).write(to: cli.folder.appendingPathComponent(name))
    }

    func dispositions(_ cli: StoreCLI) throws -> [InvitationDisposition?] {
        try SQLiteStore(path: cli.database).invitations(round: "forum-2025").map(\.disposition)
    }

    /// A preview changes nothing; `--yes` records, and the rates beyond RR2 appear: I = 1, R = 1,
    /// NC = 1, 1 ineligible, U = 1 (Eva), so RR1 = 1/4, e = 3/4, RR3 = 1/(3 + 0.75) = 26.7 %,
    /// COOP1 = 1/2, REF1 = 1/4, CON1 = 2/4.
    @Test func aPreviewThenTheDispositionsAndTheirRates() throws {
        let cli = try StoreCLI()
        let tokens = try invitedRound(cli)
        let rate = "forum-2025: Response rate (AAPOR RR1): 25.0% (1 of 4 invited; 1 ineligible of 5 invited left out); "
            + "with partial responses (RR2): 25.0%; without a response: 1 refused, 1 not reached, 1 ineligible, 1 unknown eligibility; "
            + "RR3 26.7%, RR4 26.7% (e = 0.750); COOP1 50.0%, REF1 25.0%, CON1 50.0%"
        let list = try cli.run(["round", "list"])
        #expect(list.output.contains("forum-2025: Response rate (AAPOR RR1): 20.0% (1 of 5 invited); with partial responses (RR2): 20.0%\n"),
                "no dispositions yet: RR1 and RR2 alone\n\(list.output)")

        try write("namn;token;utfall\nBo;\(tokens["Bo"]!);vägrat\nCecilia;\(tokens["Cecilia"]!);ej-behörig\nDag;\(tokens["Dag"]!);ej-kontakt\n",
                  to: "dispositions.csv", in: cli)
        let preview = try cli.run(["round", "dispositions", "--round", "forum-2025", "dispositions.csv"])
        #expect(preview.status == 0, "\(preview.errors)")
        #expect(preview.output == """
            dispositions.csv: 3 invitations of round forum-2025 (by token): would record 1 refused, 1 non-contact, 1 ineligible
            nothing was recorded; add --yes to record it

            """)
        #expect(try dispositions(cli).allSatisfy { $0 == nil })

        let recorded = try cli.run(["round", "dispositions", "--round", "forum-2025", "dispositions.csv", "--yes"])
        #expect(recorded.status == 0, "\(recorded.errors)")
        #expect(recorded.output == """
            dispositions.csv: 3 invitations of round forum-2025 (by token): recorded 1 refused, 1 non-contact, 1 ineligible
            \(rate)

            """)
        #expect(try dispositions(cli) == [nil, .refused, .ineligible, .nonContact, nil])
        #expect(try cli.run(["round", "list"]).output.contains(rate + "\n"))

        let json = try cli.run(["round", "list", "--format", "json"])
        let rounds = try #require((try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["rounds"] as? [[String: Any]])
        let object = try #require(rounds[0]["response_rate"] as? [String: Any])
        #expect(object["rr1"] as? Double == 0.25 && object["e"] as? Double == 0.75 && object["coop1"] as? Double == 0.5, "\(json.output)")
        #expect(abs((object["rr3"] as? Double ?? 0) - 1 / 3.75) < 1e-12)
        #expect(object["refused"] as? Int == 1 && object["non_contact"] as? Int == 1 && object["ineligible"] as? Int == 1
                && object["unknown_eligibility"] as? Int == 1, "\(json.output)")

        // By address, `none` clears Bo's; the rest stays.
        try write("email,disposition\nBO@example.org,none\n", to: "clear.csv", in: cli)
        let cleared = try cli.run(["round", "dispositions", "--round", "forum-2025", "clear.csv", "--yes"])
        #expect(cleared.output.hasPrefix("clear.csv: 1 invitation of round forum-2025 (by email): cleared 1 (unknown eligibility again)\n"), "\(cleared.output)")
        let again = try cli.run(["round", "dispositions", "--round", "forum-2025", "clear.csv"])
        #expect(again.output.hasPrefix("clear.csv: 1 invitation of round forum-2025 (by email): nothing to change, all as recorded already\n"), "\(again.output)")
        #expect(try dispositions(cli) == [nil, nil, .ineligible, .nonContact, nil])
    }

    /// A file with a bad row is refused whole (exit 1), each problem with its row and column, and
    /// nothing is recorded, with or without --yes.
    @Test func aBadRowRefusesTheWholeFile() throws {
        let cli = try StoreCLI()
        let tokens = try invitedRound(cli)
        try write("token,disposition\n\(tokens["Bo"]!),refused\n\(tokens["Anna"]!),refused\n\(tokens["Dag"]!),kanske\n", to: "bad.csv", in: cli)
        let before = try SQLiteStore(path: cli.database).invitations(round: "forum-2025")
        for extra in [[], ["--yes"]] {
            let run = try cli.run(["round", "dispositions", "--round", "forum-2025", "bad.csv"] + extra)
            #expect(run.status == 1)
            #expect(run.output == "dispositions refused: 3 rows read, 2 with errors, nothing recorded; correct the rows and run it again\n", "\(run.output)")
            let lines = run.errors.split(separator: "\n").map(String.init)
            #expect(lines.count == 2, "\(run.errors)")
            #expect(lines.first?.hasPrefix("bad.csv:3: error[E713]: row 2, column token: this invitation has a response") == true, "\(run.errors)")
            #expect(lines.last?.hasPrefix("bad.csv:4: error[E711]: row 3, column disposition: \"kanske\" is no disposition Samla knows") == true, "\(run.errors)")
            #expect(!run.errors.contains(tokens["Anna"]!), "no message repeats a token")
        }
        #expect(try SQLiteStore(path: cli.database).invitations(round: "forum-2025") == before)

        // A file refused before its rows are checked says so too.
        try write("email\nbo@example.org\n", to: "columnless.csv", in: cli)
        let columnless = try cli.run(["round", "dispositions", "--round", "forum-2025", "columnless.csv", "--yes"])
        #expect(columnless.status == 1 && columnless.errors.hasPrefix("columnless.csv:1:1: error[E710]: "), "\(columnless.errors)")
        #expect(columnless.output == "dispositions refused: nothing recorded; correct the file and run it again\n", "\(columnless.output)")
    }
}
