import Foundation
import Store
import Testing

/// `samla erase`, run as the built binary against real SQLite files: a preview unless `--yes`,
/// each kind of erasure, the log, the refusals, and the erased values gone from the files.
@Suite struct EraseCommandTests {
    let v1 = StoreCLI.fixture("forum-v1.yaml")

    /// Round forum-2025 with invitations to Anna and Bo (`contacts-links.csv`) and two imported
    /// responses: Anna's (with her token) and one without an invitation. Returns the links file's tokens.
    func roundWithResponses(_ cli: StoreCLI) throws -> (anna: String, bo: String) {
        #expect(try cli.run(["round", "open", v1, "--name", "forum-2025", "--opens", day(-1), "--closes", day(30)]).status == 0)
        try Data("name,email\nAnna Svensson,Anna@Example.se\nBo Ek,bo@example.org\n".utf8).write(to: cli.folder.appendingPathComponent("contacts.csv"))
        let invited = try cli.run(["invite", "--round", "forum-2025", "contacts.csv", "--base-url", "https://enkat.example.se"])
        #expect(invited.status == 0, "\(invited.errors)")
        let links = try String(contentsOf: cli.folder.appendingPathComponent("contacts-links.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        let tokens = (anna: links[0][2], bo: links[1][2])
        try Data("sector,useful,new_contacts,email,token\ncivil,3,4,zebra-quagga@example.se,\(tokens.anna)\npublic,2,1,okapi-lemur@example.se,\n".utf8)
            .write(to: cli.folder.appendingPathComponent("responses.csv"))
        let imported = try cli.run(["import", "--round", "forum-2025", "responses.csv"])
        #expect(imported.status == 0, "\(imported.errors)")
        return tokens
    }

    /// Whether `text` is anywhere in the database file or its `-wal` file.
    func databaseHolds(_ text: String, _ cli: StoreCLI) -> Bool {
        [cli.database, cli.database + "-wal"].contains { file in
            ((try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()).range(of: Data(text.utf8)) != nil
        }
    }

    @Test func personalDataIsErasedOnlyWithYesAndLeavesTheFiles() throws {
        let cli = try StoreCLI()
        _ = try roundWithResponses(cli)
        #expect(databaseHolds("zebra-quagga@example.se", cli))

        let preview = try cli.run(["erase", "--response", "1"])
        #expect(preview.status == 0, "\(preview.errors)")
        #expect(preview.output == """
            would erase the personal data of response 1 (round forum-2025, complete): 1 personal answer, the invitation's e-mail address and label; its other answers stay, and it counts in results as before
            nothing was erased; add --yes to erase it

            """)
        #expect(try SQLiteStore(path: cli.database).response(1)?.answers["email"] == .text("zebra-quagga@example.se"))

        let erased = try cli.run(["erase", "--response", "1", "--yes"])
        #expect(erased.status == 0, "\(erased.errors)")
        #expect(erased.output == """
            erased the personal data of response 1 (round forum-2025, complete): 1 personal answer, the invitation's e-mail address and label; its other answers stay, and it counts in results as before; logged as erasure 1

            """)
        #expect(!databaseHolds("zebra-quagga@example.se", cli), "the erased answer is in neither the database file nor its -wal")
        #expect(!databaseHolds("Anna@Example.se", cli) && !databaseHolds("Anna Svensson", cli), "nor the invitation's address and label")
        #expect(databaseHolds("okapi-lemur@example.se", cli), "the other response keeps its personal answer")
        let store = try SQLiteStore(path: cli.database)
        #expect(try store.response(1)?.answers == ["sector": .choice("civil"), "useful": .choice("3"), "new_contacts": .integer(4)])
        #expect(try store.roundSummaries()[0].complete == 2)

        let round = try cli.run(["erase", "--round", "forum-2025", "--personal-data", "--yes", "--format", "json"])
        #expect(round.status == 0, "\(round.errors)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(round.output.utf8)) as? [String: Any])
        #expect(outcome["erased"] as? Bool == true)
        let erasure = try #require(outcome["erasure"] as? [String: Any])
        #expect(erasure["kind"] as? String == "round-personal-data" && erasure["round"] as? String == "forum-2025")
        #expect(erasure["responses"] as? Int == 1 && erasure["personal_answers"] as? Int == 1 && erasure["emails"] as? Int == 1)
        #expect(!databaseHolds("okapi-lemur@example.se", cli) && !databaseHolds("bo@example.org", cli))

        let log = try cli.run(["erase", "--log"])
        #expect(log.status == 0, "\(log.errors)")
        let lines = log.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("erasure 1, ") && lines[0].hasSuffix(
            " UTC: personal-data, round forum-2025, response 1 (complete), invitation 1: 1 personal answer, the invitation's e-mail address and label"), "\(lines[0])")
        #expect(lines[1].hasSuffix(" UTC: round-personal-data, round forum-2025: 1 personal answer of 1 response, 1 invitation e-mail address"), "\(lines[1])")
        let json = try cli.run(["erase", "--log", "--format", "json"])
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["erasures"] as? [[String: Any]])
        #expect(entries.map { $0["kind"] as? String } == ["personal-data", "round-personal-data"])
        #expect(entries[0]["response_id"] as? Int == 1 && entries[0]["invitation_id"] as? Int == 1 && entries[0]["erased_at"] is String)
        #expect(!log.output.contains("@") && !json.output.contains("@"), "the log holds no address")
    }

    /// A withdrawn respondent's link begins no response: an import with its token is refused, a
    /// reminder leaves it out, and the response rate counts it as a refusal.
    @Test func aWithdrawalRemovesTheResponseAndRevokesTheLink() throws {
        let cli = try StoreCLI()
        let tokens = try roundWithResponses(cli)
        let preview = try cli.run(["erase", "--token=\(tokens.anna)", "--withdraw"])
        #expect(preview.status == 0, "\(preview.errors)")
        #expect(preview.output.hasPrefix("would withdraw response 1 (round forum-2025, complete): the response with 4 answers (1 personal), the invitation's e-mail address and label; "
            + "the invitation stays, withdrawn: its link begins no new response, and the round's response rate counts it as a refusal (AAPOR R); "
            + "its address goes on the survey's suppression list as a keyed hash, so that samla invite leaves it out of later rounds\n"))
        // The token from standard input (`--token -`), out of the shell's history.
        let withdrawn = try cli.run(["erase", "--token", "-", "--withdraw", "--yes"], input: tokens.anna + "\n")
        #expect(withdrawn.status == 0, "\(withdrawn.errors)")
        #expect(withdrawn.output.hasPrefix("withdrew response 1 (round forum-2025, complete): "))
        #expect(!withdrawn.output.contains(tokens.anna) && !withdrawn.errors.contains(tokens.anna), "the token is never printed")
        #expect(!databaseHolds("zebra-quagga@example.se", cli) && !databaseHolds("Anna@Example.se", cli))
        let store = try SQLiteStore(path: cli.database)
        #expect(try store.response(1) == nil)
        #expect(try store.roundSummaries()[0].responseRate == .invited(InvitationOutcomes(invitations: 2, complete: 0, partial: 0, withoutInvitation: 1, withdrawn: 1)))

        // samla round list counts it among the invitations, and its rate says it is a refusal.
        let list = try cli.run(["round", "list"])
        #expect(list.output.contains("  2 (0 used, 1 withdrew)  "), "\(list.output)")
        #expect(list.output.contains("forum-2025: Response rate (AAPOR RR1): 0.0% (0 of 2 invited); with partial responses (RR2): 0.0%; "
            + "1 invitee withdrew (the answers erased) and counts as a refusal; 1 response without an invitation"), "\(list.output)")
        let json = try cli.run(["round", "list", "--format", "json"])
        let rounds = try #require((try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["rounds"] as? [[String: Any]])
        #expect(rounds[0]["invitations_withdrawn"] as? Int == 1, "\(json.output)")
        let rate = try #require(rounds[0]["response_rate"] as? [String: Any])
        #expect(rate["withdrawn"] as? Int == 1 && rate["no_response"] as? Int == 2, "\(json.output)")

        try Data("sector,token\nprivate,\(tokens.anna)\n".utf8).write(to: cli.folder.appendingPathComponent("again.csv"))
        let imported = try cli.run(["import", "--round", "forum-2025", "again.csv"])
        #expect(imported.status == 1)
        #expect(imported.errors.contains("again.csv:2: error[E706]: row 1, column token: this token's respondent withdrew on "), "\(imported.errors)")
        #expect(imported.errors.contains("(samla erase --withdraw): their response was removed and the invitation takes no other; leave the row out"))

        let reminded = try cli.run(["remind", "--round", "forum-2025", "contacts-links.csv", "--out", "reminders.csv"])
        #expect(reminded.status == 0, "\(reminded.errors)")
        #expect(reminded.output.hasPrefix("1 of 2 invitations in contacts-links.csv to remind for round forum-2025: 1 not started, 0 started and not finished; "
            + "1 withdrew (samla erase --withdraw) and is not reminded\n"))
        let reminders = try String(contentsOf: cli.folder.appendingPathComponent("reminders.csv"), encoding: .utf8)
        #expect(reminders.contains(tokens.bo) && !reminders.contains(tokens.anna))

        let again = try cli.run(["erase", "--token=\(tokens.anna)", "--withdraw", "--yes"])
        #expect(again.status == 1)
        #expect(again.errors.hasPrefix("field --token: error[E705]: the respondent of invitation 1 of round forum-2025 withdrew on "))
        let byID = try cli.run(["erase", "--response", "1"])
        #expect(byID.status == 1)
        #expect(byID.errors.hasPrefix("field --response: error[E700]: response 1 was withdrawn on "))
    }

    /// A response whose personal data are gone has nothing more to erase: the preview, --yes and
    /// --format json are refused alike, saying what it holds and that --withdraw removes it; no log entry.
    @Test func aResponseWithoutPersonalDataIsRefusedAndNotLogged() throws {
        let cli = try StoreCLI()
        _ = try roundWithResponses(cli)
        #expect(try cli.run(["erase", "--response", "2", "--yes"]).status == 0)
        let before = try SQLiteStore(path: cli.database).response(2)
        for extra in [[], ["--yes"], ["--format", "json"], ["--yes", "--format", "json"]] {
            let run = try cli.run(["erase", "--response", "2"] + extra)
            #expect(run.status == 1, "\(extra): \(run.output)")
            #expect(run.output.isEmpty, "\(extra): \(run.output)")
            #expect(run.errors.hasPrefix("field --response: error[E704]: response 2 of round forum-2025 (complete) holds no personal data: "
                + "none of its 3 answers is personal (its personal answers were erased on "), "\(extra): \(run.errors)")
            #expect(run.errors.hasSuffix("; samla erase --log lists it), and it came without an invitation; nothing was erased. "
                + "To remove the whole response, for a respondent who withdraws consent, add --withdraw\n"), "\(extra): \(run.errors)")
        }
        #expect(try SQLiteStore(path: cli.database).erasures().count == 1, "the refusals logged nothing")
        #expect(try SQLiteStore(path: cli.database).response(2) == before, "nor changed the response")
        let withdrawn = try cli.run(["erase", "--response", "2", "--withdraw", "--yes"])
        #expect(withdrawn.status == 0 && withdrawn.output.hasPrefix("withdrew response 2 (round forum-2025, complete): the response with 3 answers (0 personal)"),
                "\(withdrawn.output)")
    }

    /// A round's personal data erased while the round still takes answers: erased all the same, with
    /// W705 saying that answers given after it bring personal data again; none once the round is closed.
    @Test func aRoundStillCollectingIsErasedWithAWarning() throws {
        let cli = try StoreCLI()
        _ = try roundWithResponses(cli)
        let warning = "field --personal-data: warning[W705]: round forum-2025 still takes answers (its last day is \(day(30))): personal answers "
            + "given on its form or through the API after this erasure "
        let preview = try cli.run(["erase", "--round", "forum-2025", "--personal-data"])
        #expect(preview.status == 0 && preview.errors.hasPrefix(warning + "would be stored as before"), "\(preview.errors)")
        let erased = try cli.run(["erase", "--round", "forum-2025", "--personal-data", "--yes"])
        #expect(erased.status == 0 && erased.output.hasPrefix("erased the personal data of round forum-2025: "), "\(erased.output)")
        #expect(erased.errors == warning + "are stored as before, so the round holds personal data again; a round's personal data is erased "
            + "when its retention period ends, after samla round close forum-2025 (to erase one respondent's now, name them: docs/erasure.md)\n")

        #expect(try cli.run(["round", "close", "forum-2025"]).status == 0)
        let closed = try cli.run(["erase", "--round", "forum-2025", "--personal-data", "--yes"])
        #expect(closed.status == 0 && closed.errors.isEmpty, "\(closed.errors)")
    }

    @Test func whatCannotBeErasedIsRefusedWithItsReason() throws {
        let cli = try StoreCLI()
        let tokens = try roundWithResponses(cli)
        func refused(_ arguments: [String]) throws -> String {
            let run = try cli.run(["erase"] + arguments + ["--yes"])
            #expect(run.status == 1, "\(arguments): \(run.output)")
            return run.errors
        }
        #expect(try refused(["--response", "7"]) == "field --response: error[E700]: there is no response 7 in .samla/samla.sqlite; take the id from the round's export "
            + "(column response_id) or from `samla compute`, or name the respondent by --token or --round and --email\n")
        let stranger = String(repeating: "A", count: 43)
        #expect(try refused(["--token=\(stranger)"]) == "field --token: error[E701]: no invitation in .samla/samla.sqlite has this token; copy it from the links file "
            + "that samla invite wrote for the round (the row's link ends in it), or name the respondent by --round and --email\n")
        #expect(try refused(["--round", "forum-2025", "--email", "cecilia@example.se"]) == "field --email: error[E702]: no invitation of round forum-2025 "
            + "has this address (compared without case); check the address, the round, or name the respondent by --token or --response\n")
        try Data("name,email\nBo igen,BO@example.org\n".utf8).write(to: cli.folder.appendingPathComponent("more.csv"))
        #expect(try cli.run(["invite", "--round", "forum-2025", "more.csv", "--base-url", "https://enkat.example.se", "--again"]).status == 0)
        #expect(try refused(["--round", "forum-2025", "--email", "bo@example.org", "--withdraw"]) == "field --email: error[E703]: 2 invitations of round forum-2025 "
            + "have this address (2 not begun); nothing was erased; name each with --response ID, or with --token from the links file\n")
        #expect(try cli.run(["erase", "--token=\(tokens.bo)", "--yes"]).status == 0, "the address of an invitation not begun")
        #expect(try refused(["--token=\(tokens.bo)"]) == "field --token: error[E704]: invitation 2 of round forum-2025 has no response yet, no e-mail address "
            + "and no label, so it holds no personal data; nothing was erased; to revoke its link (it then begins no response), add --withdraw\n")
        #expect(try refused(["--round", "forum-2026", "--personal-data"]).contains("error[E441]: there is no round forum-2026; `samla round list` shows the rounds"))
        #expect(try SQLiteStore(path: cli.database).erasures().count == 1)

        for (arguments, message) in [
            ([String](), "name what to erase: --response ID, --token TOKEN, --round R --email ADDRESS, or --round R --personal-data"),
            (["--response", "1", "--token=\(tokens.bo)"], "name what to erase in one way only"),
            (["--email", "bo@example.org"], "--email needs the round: --round R"),
            (["--round", "forum-2025"], "--round goes with --email ADDRESS (one invitation) or --personal-data (the whole round)"),
            (["--response", "1", "--round", "forum-2025"], "--round goes with --email or --personal-data"),
            (["--round", "forum-2025", "--personal-data", "--withdraw"], "--withdraw removes one respondent's response"),
            (["--token", "not-a-token"], "--token is not a token as samla invite writes them"),
            (["--log", "--response", "1"], "--log lists the erasures made and takes only --db and --format"),
        ] {
            let run = try cli.run(["erase"] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.errors.hasPrefix("Error: " + message), "\(arguments): \(run.errors)")
            #expect(!run.errors.contains("not-a-token"), "a token is never repeated")
        }
        let empty = try cli.run(["erase", "--token", "-"], input: "")
        #expect(empty.status == 2 && empty.errors.hasPrefix("Error: --token is not a token as samla invite writes them"), "\(empty.errors)")
    }
}
