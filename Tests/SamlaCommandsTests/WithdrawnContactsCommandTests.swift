import Expressions
import Foundation
import Store
import Testing

/// The suppression list through the built binary: a respondent withdrawn in one round of a survey
/// is left out of `samla invite` for the survey's later rounds, by row number and never by address,
/// until `samla erase --suppression` lifts it; an erasure of personal data alone keeps nothing.
@Suite struct WithdrawnContactsCommandTests {
    let v1 = StoreCLI.fixture("forum-v1.yaml")

    /// Rounds forum-2025 and forum-2026 of one survey, and Anna's and Bo's invitations to forum-2025.
    func invitedToTheFirstRound(_ cli: StoreCLI) throws {
        for name in ["forum-2025", "forum-2026"] {
            #expect(try cli.run(["round", "open", v1, "--name", name, "--opens", day(-1), "--closes", day(30)]).status == 0)
        }
        try write("name,email\nAnna Svensson,Anna@Example.se\nBo Ek,bo@example.org\n", to: "contacts.csv", in: cli)
        let invited = try invite("forum-2025", "contacts.csv", cli)
        #expect(invited.status == 0, "\(invited.errors)")
    }

    func write(_ text: String, to name: String, in cli: StoreCLI) throws {
        try Data(text.utf8).write(to: cli.folder.appendingPathComponent(name))
    }

    func invite(_ round: String, _ contacts: String, _ cli: StoreCLI) throws -> SamlaBinary.Run {
        try cli.run(["invite", "--round", round, contacts, "--base-url", "https://enkat.example.se"])
    }

    func linksFile(_ name: String, _ cli: StoreCLI) throws -> [String] {
        try String(contentsOf: cli.folder.appendingPathComponent(name), encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    }

    /// Whether `text` is anywhere in the database file or its `-wal` file.
    func databaseHolds(_ text: String, _ cli: StoreCLI) -> Bool {
        EraseCommandTests().databaseHolds(text, cli)
    }

    @Test func aWithdrawnContactIsLeftOutOfTheNextRoundUntilTheSuppressionIsLifted() throws {
        let cli = try StoreCLI()
        try invitedToTheFirstRound(cli)
        let withdrawn = try cli.run(["erase", "--round", "forum-2025", "--email", "anna@example.se", "--withdraw", "--yes"])
        #expect(withdrawn.status == 0, "\(withdrawn.errors)")
        #expect(withdrawn.output.contains("; its address goes on the survey's suppression list as a keyed hash, so that samla invite leaves it out of later rounds; logged as erasure 1"),
                "\(withdrawn.output)")
        #expect(!databaseHolds("Anna@Example.se", cli) && !databaseHolds("anna@example.se", cli), "the address itself is not kept")

        // The mailing list again, the address in other case and with spaces around it.
        try write("name,email\nCecilia Berg,cecilia@example.se\nAnna S.,\"  ANNA@example.SE \"\nBo Ek,bo@example.org\n", to: "next.csv", in: cli)
        let next = try invite("forum-2026", "next.csv", cli)
        #expect(next.status == 0, "\(next.errors)")
        let today = String(Timestamp(Date()).text.prefix(10))
        #expect(next.errors == "next.csv:3: warning[W700]: row 2, column email: this address withdrew from survey msi-forum on \(today) "
            + "(samla erase --withdraw, invitation 1 of round forum-2025); the row is not invited and is left out of the links file. "
            + "If the person asks to take part again: samla erase --suppression --email ADDRESS\n")
        #expect(next.output.hasPrefix("made 2 invitations to round forum-2026 (emails from column email, labels from column name); "
            + "left out row 2 of next.csv, whose address withdrew from the survey (W700)\n"), "\(next.output)")
        #expect(!(next.errors + next.output).lowercased().contains("anna"), "never the address, nor the name")
        let links = try linksFile("next-links.csv", cli)
        #expect(links.count == 3 && links[1].hasPrefix("Cecilia Berg,") && links[2].hasPrefix("Bo Ek,"), "\(links)")
        #expect(try SQLiteStore(path: cli.database).invitations(round: "forum-2026").compactMap(\.email) == ["cecilia@example.se", "bo@example.org"])

        // Anna asks to take part again: the steward lifts the suppression, previewed first, and it is logged.
        let preview = try cli.run(["erase", "--suppression", "--email", " anna@EXAMPLE.se"])
        #expect(preview.status == 0, "\(preview.errors)")
        #expect(preview.output == """
            would lift the suppression of this address, kept since the withdrawal of invitation 1 of round forum-2025: samla invite invites it to the survey's rounds again
            nothing was erased; add --yes to erase it

            """)
        let lifted = try cli.run(["erase", "--suppression", "--email", "anna@example.se", "--yes", "--format", "json"])
        #expect(lifted.status == 0, "\(lifted.errors)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(lifted.output.utf8)) as? [String: Any])
        let erasures = try #require(outcome["erasures"] as? [[String: Any]])
        #expect(outcome["erased"] as? Bool == true && erasures.count == 1)
        #expect(erasures[0]["kind"] as? String == "suppression" && erasures[0]["round"] as? String == "forum-2025" && erasures[0]["suppressions"] as? Int == 1)
        let log = try cli.run(["erase", "--log"])
        let lines = log.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(log.output)")
        #expect(lines[0].hasSuffix(": withdrawal, round forum-2025, invitation 1: the invitation's e-mail address and label; the address kept as a keyed hash on the suppression list"),
                "\(lines[0])")
        #expect(lines[1].hasPrefix("erasure 2, ") && lines[1].hasSuffix(" UTC: suppression, round forum-2025, invitation 1: the withdrawn address's entry on the suppression list"),
                "\(lines[1])")
        #expect(!log.output.contains("@"), "the log holds no address")

        try write("name,email\nAnna S.,anna@example.se\n", to: "again.csv", in: cli)
        let again = try invite("forum-2026", "again.csv", cli)
        #expect(again.status == 0 && again.errors.isEmpty, "\(again.errors)")
        #expect(try linksFile("again-links.csv", cli).count == 2)

        let twice = try cli.run(["erase", "--suppression", "--email", "anna@example.se", "--yes"])
        #expect(twice.status == 1)
        #expect(twice.errors == "field --email: error[E708]: this address is not on the suppression list of .samla/samla.sqlite (compared trimmed and without case): "
            + "no withdrawal of it was recorded, or its suppression was lifted already; nothing was erased, and samla invite invites it. "
            + "A withdrawal made before Samla kept the list left no entry\n")
        #expect(try SQLiteStore(path: cli.database).erasures().count == 2, "a refusal logs nothing")
    }

    /// Anna is invited to forum-2025 (complete), forum-2026 (begun) and forum-2027 (not begun), her
    /// address in three spellings. Withdrawing her from forum-2027 leaves the other two as they
    /// are, and says so for each (W702), by round, invitation and state, never by address; then
    /// `samla remind` leaves her forum-2026 invitation out (W703). Cecilia, invited once, gets no W702.
    @Test func aWithdrawalNamesTheOtherRoundsInvitationsAndRemindLeavesThemOut() throws {
        let cli = try StoreCLI()
        try invitedToTheFirstRound(cli)
        #expect(try cli.run(["round", "open", v1, "--name", "forum-2027", "--opens", day(-1), "--closes", day(30)]).status == 0)
        try write("name,email\nAnna S.,ANNA@example.se\nBo Ek,bo@example.org\nCecilia Berg,cecilia@example.se\n", to: "contacts-2026.csv", in: cli)
        try write("name,email\nAnna,anna@example.SE\n", to: "contacts-2027.csv", in: cli)
        #expect(try invite("forum-2026", "contacts-2026.csv", cli).status == 0)
        #expect(try invite("forum-2027", "contacts-2027.csv", cli).status == 0)
        let store = try SQLiteStore(path: cli.database)
        let today = CalendarDate.today()
        let done = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: 1), today: today)
        _ = try store.completeResponse(done.id)
        _ = try store.createResponse(NewResponse(round: "forum-2026", language: "sv", source: .web, invitationID: 3), today: today)

        let preview = try cli.run(["erase", "--round", "forum-2027", "--email", "anna@example.se", "--withdraw"])
        #expect(preview.status == 0, "\(preview.errors)")
        let advice = "Ask the person whether their withdrawal covers it; to withdraw it too: samla erase --round"
        #expect(preview.errors == """
            field --email: warning[W702]: this address also has invitation 1 of round forum-2025 (complete response), which withdrawing invitation 6 leaves as it is: \
            its link keeps working, and samla remind leaves it out once the address is on the suppression list. \(advice) forum-2025 --email ADDRESS --withdraw
            field --email: warning[W702]: this address also has invitation 3 of round forum-2026 (partial response), which withdrawing invitation 6 leaves as it is: \
            its link keeps working, and samla remind leaves it out once the address is on the suppression list. \(advice) forum-2026 --email ADDRESS --withdraw

            """)
        #expect(!(preview.output + preview.errors).lowercased().contains("anna"), "never the address")
        let json = try cli.run(["erase", "--round", "forum-2027", "--email", "anna@example.se", "--withdraw", "--format", "json"])
        let others = try #require((try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["other_invitations"] as? [[String: Any]])
        #expect(others.map { "\($0["round"] ?? ""), \($0["invitation_id"] ?? ""), \($0["response_status"] ?? "none")" }
            == ["forum-2025, 1, complete", "forum-2026, 3, partial"], "\(json.output)")

        // The same withdrawal by its token: the warnings say it was made.
        let token = try #require(try linksFile("contacts-2027-links.csv", cli)[1].split(separator: ",").map(String.init).dropLast().last)
        let withdrawn = try cli.run(["erase", "--token=\(token)", "--withdraw", "--yes"])
        #expect(withdrawn.status == 0, "\(withdrawn.errors)")
        let lines = withdrawn.errors.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines.allSatisfy { $0.hasPrefix("field --token: warning[W702]: this address also has invitation ") }, "\(withdrawn.errors)")
        #expect(lines.last == "field --token: warning[W702]: this address also has invitation 3 of round forum-2026 (partial response), which this withdrawal left "
            + "as it is: its link keeps working, and samla remind leaves it out while the address is on the suppression list. \(advice) forum-2026 --email ADDRESS --withdraw")
        #expect(!(withdrawn.output + withdrawn.errors).lowercased().contains("anna"))
        #expect(try store.invitations(round: "forum-2026").map(\.isWithdrawn) == [false, false, false], "the link of another round keeps working")

        let reminded = try cli.run(["remind", "--round", "forum-2026", "contacts-2026-links.csv", "--out", "reminders.csv"])
        #expect(reminded.status == 0, "\(reminded.errors)")
        #expect(reminded.errors.hasPrefix("contacts-2026-links.csv: warning[W703]: left out of the reminders 1 invitation not completed (row 1) whose address is on "
            + "the survey's suppression list"), "\(reminded.errors)")
        #expect(reminded.output.hasPrefix("2 of 3 invitations in contacts-2026-links.csv to remind for round forum-2026: 2 not started, 0 started and not finished; "
            + "left out 1, whose address withdrew from the survey with another invitation (W703)\n"), "\(reminded.output)")
        #expect(!(reminded.output + reminded.errors).lowercased().contains("anna"))
        let reminders = try linksFile("reminders.csv", cli)
        #expect(reminders.count == 3 && reminders[1].hasPrefix("Bo Ek,") && reminders[2].hasPrefix("Cecilia Berg,"), "\(reminders)")

        let cecilia = try cli.run(["erase", "--round", "forum-2026", "--email", "cecilia@example.se", "--withdraw", "--yes"])
        #expect(cecilia.status == 0 && cecilia.errors.isEmpty, "an address without other invitations: \(cecilia.errors)")
    }

    /// Two invitations of forum-2026 have Anna's address: `--round forum-2026 --email` would name
    /// neither (E703), so W702 gives the response id of the begun one and the token of the other.
    @Test func twoOtherInvitationsOfOneRoundAreNamedByResponseAndToken() throws {
        let cli = try StoreCLI()
        try invitedToTheFirstRound(cli)
        try write("name,email\nAnna,anna@example.se\nAnna igen,Anna@Example.se\n", to: "contacts-2026.csv", in: cli)
        #expect(try cli.run(["invite", "--round", "forum-2026", "contacts-2026.csv", "--base-url", "https://enkat.example.se", "--again"]).status == 0)
        let begun = try SQLiteStore(path: cli.database).createResponse(
            NewResponse(round: "forum-2026", language: "sv", source: .web, invitationID: 3), today: CalendarDate.today())
        let run = try cli.run(["erase", "--round", "forum-2025", "--email", "anna@example.se", "--withdraw"])
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.errors.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(run.errors)")
        #expect(lines.first?.hasPrefix("field --email: warning[W702]: this address also has invitation 3 of round forum-2026 (partial response), ") == true)
        #expect(lines.first?.hasSuffix("; to withdraw it too: samla erase --response \(begun.id) --withdraw") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("field --email: warning[W702]: this address also has invitation 4 of round forum-2026 (not begun), ") == true)
        #expect(lines.last?.hasSuffix("; to withdraw it too: samla erase --token=TOKEN --withdraw, with its token from the links file of round forum-2026") == true,
                "\(lines)")
    }

    /// A round's personal data erased when its retention ends is no withdrawal: the next round
    /// invites everyone. A withdrawal after that has no address to keep, and warns (W701).
    @Test func erasingARoundsPersonalDataSuppressesNobody() throws {
        let cli = try StoreCLI()
        try invitedToTheFirstRound(cli)
        let links = try linksFile("contacts-links.csv", cli)
        let boToken = try #require(links[2].split(separator: ",").map(String.init).dropLast().last)
        #expect(try cli.run(["erase", "--round", "forum-2025", "--personal-data", "--yes"]).status == 0)
        let withdrawn = try cli.run(["erase", "--token=\(boToken)", "--withdraw", "--yes"])
        #expect(withdrawn.status == 0, "\(withdrawn.errors)")
        #expect(withdrawn.errors == "field --token: warning[W701]: invitation 2 of round forum-2025 has no e-mail address (erased before, or its contacts file had none), "
            + "so it cannot go on the suppression list: samla invite will not recognise the person in a later contacts file; "
            + "take their row out of the survey's contacts files by hand\n")
        #expect(!withdrawn.output.contains("suppression list"), "\(withdrawn.output)")

        try write("name,email\nAnna Svensson,Anna@Example.se\nBo Ek,bo@example.org\n", to: "contacts-2026.csv", in: cli)
        let next = try invite("forum-2026", "contacts-2026.csv", cli)
        #expect(next.status == 0 && next.errors.isEmpty, "\(next.errors)")
        #expect(next.output.hasPrefix("made 2 invitations to round forum-2026 (emails from column email, labels from column name)\n"), "\(next.output)")
    }

    /// When every row withdrew, nothing is invited and no links file is written (E709).
    @Test func aContactsFileOfWithdrawnPeopleOnlyInvitesNobody() throws {
        let cli = try StoreCLI()
        try invitedToTheFirstRound(cli)
        for address in ["anna@example.se", "bo@example.org"] {
            #expect(try cli.run(["erase", "--round", "forum-2025", "--email", address, "--withdraw", "--yes"]).status == 0)
        }
        try write("name,email\nAnna Svensson,Anna@Example.se\nBo Ek,bo@example.org\n", to: "contacts-2026.csv", in: cli)
        let run = try invite("forum-2026", "contacts-2026.csv", cli)
        #expect(run.status == 1)
        let lines = run.errors.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[0].hasPrefix("contacts-2026.csv:2: warning[W700]: row 1, column email: ")
                && lines[1].hasPrefix("contacts-2026.csv:3: warning[W700]: row 2, "),
                "\(run.errors)")
        #expect(lines.last == "contacts-2026.csv: error[E709]: every row of the contacts file (2) is a person who withdrew from the survey (W700 above); "
            + "no invitation was made and no links file written")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("contacts-2026-links.csv").path))
        #expect(try SQLiteStore(path: cli.database).invitations(round: "forum-2026").isEmpty)

        for (arguments, message) in [
            (["--suppression"], "--suppression lifts the suppression of one address"),
            (["--suppression", "--email", "anna@example.se", "--round", "forum-2025"], "--suppression lifts the suppression of one address"),
            (["--suppression", "--email", " "], "--email needs the withdrawn address"),
            (["--log", "--suppression"], "--log lists the erasures made"),
        ] {
            let usage = try cli.run(["erase"] + arguments)
            #expect(usage.status == 2, "\(arguments)")
            #expect(usage.errors.hasPrefix("Error: " + message), "\(arguments): \(usage.errors)")
        }
    }
}
