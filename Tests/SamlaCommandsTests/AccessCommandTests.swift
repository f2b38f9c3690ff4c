import Foundation
import Store
import Testing

/// `samla access`, run as the built binary against real SQLite files: everything held about one
/// respondent by address in every round or one, by response id and by token; a withdrawn one by
/// their suppression-list entry and erasure log; nothing held; the JSON copy read back; and usage.
@Suite struct AccessCommandTests {
    /// `EraseCommandTests.roundWithResponses` (Anna's response 1 with her token, response 2 without an
    /// invitation, Bo not begun), and round forum-2026 of the same survey, to which Anna is invited too.
    func twoRounds(_ cli: StoreCLI) throws -> (anna: String, bo: String) {
        let tokens = try EraseCommandTests().roundWithResponses(cli)
        #expect(try cli.run(["round", "open", EraseCommandTests().v1, "--name", "forum-2026", "--opens", day(-1), "--closes", day(30)]).status == 0)
        try Data("name,email\nAnna Öberg,anna@example.se\n".utf8).write(to: cli.folder.appendingPathComponent("next.csv"))
        let invited = try cli.run(["invite", "--round", "forum-2026", "next.csv", "--base-url", "https://enkat.example.se"])
        #expect(invited.status == 0, "\(invited.errors)")
        return tokens
    }

    @Test func anAddressShowsItsInvitationsInEveryRoundAndEveryAnswer() throws {
        let cli = try StoreCLI()
        _ = try twoRounds(cli)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        let run = try cli.run(["access", "--email", "ANNA@example.se"])
        #expect(run.status == 0 && run.errors.isEmpty, "\(run.errors)")
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("What .samla/samla.sqlite holds about the e-mail address ANNA@example.se in every round, read ")
            && lines[0].hasSuffix(" UTC: 2 invitations, 1 response, 0 suppression-list entries, 0 erasures"), "\(lines[0])")
        #expect(run.output.contains("\nInvitation 1 of round forum-2025\n  e-mail address: Anna@Example.se\n  label: Anna Svensson\n  created: "))
        #expect(run.output.contains("\n  disposition: none recorded\n  withdrawn: no\n  response: 1\n"))
        #expect(run.output.contains("\nInvitation 3 of round forum-2026\n  e-mail address: anna@example.se\n  label: Anna Öberg\n"))
        #expect(run.output.contains("\nResponse 1 of round forum-2025 (survey msi-forum)\n  status: complete\n  language: sv\n  source: import\n  invitation: 1\n  started: "))
        #expect(run.output.contains("""
              answers: 4, 1 of them personal data
                sector (Din sektor): civil (Civilsamhälle)
                useful (Var forumet användbart?): 3 (Mycket)
                new_contacts (Nya kontakter): 4
                email (E-post för uppföljning), personal data: zebra-quagga@example.se

            """), "\(run.output)")
        #expect(!run.output.contains("okapi-lemur"), "not another respondent's answers")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before, "read only")

        let oneRound = try cli.run(["access", "--round", "forum-2026", "--email", "anna@example.se"])
        #expect(oneRound.status == 0, "\(oneRound.errors)")
        #expect(oneRound.output.contains(" UTC: 1 invitation, 0 responses, ") && oneRound.output.contains("\nInvitation 3 of round forum-2026\n"), "\(oneRound.output)")
        #expect(!oneRound.output.contains("forum-2025"))
    }

    @Test func anAnonymousResponseByItsIdAndAnInvitationByItsToken() throws {
        let cli = try StoreCLI()
        let tokens = try twoRounds(cli)
        let anonymous = try cli.run(["access", "--response", "2"])
        #expect(anonymous.status == 0, "\(anonymous.errors)")
        #expect(anonymous.output.contains(" UTC: 0 invitations, 1 response, "), "\(anonymous.output)")
        #expect(anonymous.output.contains("\n  invitation: none\n") && anonymous.output.contains("personal data: okapi-lemur@example.se\n"))
        #expect(!anonymous.output.contains("zebra-quagga") && !anonymous.output.contains("Anna"))

        let byToken = try cli.run(["access", "--token", "-"], input: tokens.bo + "\n")
        #expect(byToken.status == 0, "\(byToken.errors)")
        #expect(byToken.output.contains("the respondent of the invitation whose token was given") && byToken.output.contains("\nInvitation 2 of round forum-2025\n  e-mail address: bo@example.org\n"))
        #expect(byToken.output.contains("\n  response: none\n") && !byToken.output.contains(tokens.bo), "the token is never printed")
    }

    @Test func aWithdrawnRespondentShowsTheSuppressionAndTheLogWithNoValueLeft() throws {
        let cli = try StoreCLI()
        _ = try twoRounds(cli)
        #expect(try cli.run(["erase", "--round", "forum-2025", "--email", "anna@example.se", "--withdraw", "--yes"]).status == 0)
        let run = try cli.run(["access", "--email", "anna@example.se"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains(" UTC: 2 invitations, 0 responses, 1 suppression-list entry, 1 erasure\n"), "\(run.output)")
        #expect(run.output.contains("\nInvitation 1 of round forum-2025\n  e-mail address: none (erased by the withdrawal)\n  label: none\n"))
        #expect(run.output.contains("\n  withdrawn: ") && run.output.contains(": its response, e-mail address and label were erased, and its link begins no response\n  response: none\n"))
        #expect(run.output.contains("\nSuppression list of survey msi-forum: the address is on it since ")
            && run.output.contains(" (the withdrawal of invitation 1 of round forum-2025), kept as a keyed hash (HMAC-SHA256 under a key in the database), not as the address, so it cannot be shown"))
        #expect(run.output.contains("\nErasures logged (what went, counted; never the values):\n  erasure 1, ")
            && run.output.contains(" UTC: withdrawal, round forum-2025, response 1 (complete), invitation 1: the response with 4 answers (1 personal), "))
        #expect(!run.output.contains("zebra-quagga") && !run.output.contains("Anna Svensson") && !run.output.contains("\nResponse 1"))

        let byID = try cli.run(["access", "--response", "1"])
        #expect(byID.status == 0 && byID.errors.isEmpty, "\(byID.errors)")
        #expect(byID.output.contains(" UTC: 1 invitation, 0 responses, 1 suppression-list entry, 1 erasure\n"), "\(byID.output)")
    }

    @Test func nothingHeldIsSaidAndIsNoError() throws {
        let cli = try StoreCLI()
        _ = try twoRounds(cli)
        let run = try cli.run(["access", "--email", "nobody@example.se"])
        #expect(run.status == 0)
        #expect(run.output.hasSuffix(" UTC: nothing (no invitation, response, suppression-list entry or erasure)\n"), "\(run.output)")
        #expect(run.errors.hasPrefix("field --email: warning[W704]: no invitation of any round in .samla/samla.sqlite has this address (compared trimmed and without case), and no suppression list has it; "), "\(run.errors)")
        #expect(!run.errors.contains("nobody@"), "the diagnostic does not repeat the address")
        let response = try cli.run(["access", "--response", "9", "--format", "json"])
        #expect(response.status == 0 && response.errors.hasPrefix("field --response: warning[W704]: there is no response 9 in "), "\(response.errors)")
        let copy = try #require(try JSONSerialization.jsonObject(with: Data(response.output.utf8)) as? [String: Any])
        #expect(copy["found"] as? Bool == false && (copy["responses"] as? [Any])?.isEmpty == true)
    }

    @Test func theJSONCopyReadsBackFieldByField() throws {
        let cli = try StoreCLI()
        _ = try twoRounds(cli)
        let run = try cli.run(["access", "--email", "anna@example.se", "--format", "json", "--out", "anna.json"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "wrote anna.json: what .samla/samla.sqlite holds about the e-mail address anna@example.se in every round; "
            + "it holds personal data: send it to the person by a safe way and delete it after\n")
        let data = try Data(contentsOf: cli.folder.appendingPathComponent("anna.json"))
        let copy = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(copy["found"] as? Bool == true && copy["database"] as? String == ".samla/samla.sqlite")
        #expect(copy["subject"] as? String == "the e-mail address anna@example.se in every round" && copy["read_at"] is String)
        let invitations = try #require(copy["invitations"] as? [[String: Any]])
        #expect(invitations.map { $0["id"] as? Int } == [1, 3] && invitations.map { $0["round"] as? String } == ["forum-2025", "forum-2026"])
        #expect(invitations[0]["email"] as? String == "Anna@Example.se" && invitations[0]["label"] as? String == "Anna Svensson")
        #expect(invitations[0]["response_id"] as? Int == 1 && invitations[0]["created_at"] is String && invitations[0]["withdrawn_at"] == nil)
        #expect(invitations[1]["label"] as? String == "Anna Öberg" && invitations[1]["response_id"] == nil)
        let responses = try #require(copy["responses"] as? [[String: Any]])
        #expect(responses.count == 1)
        let response = responses[0]
        #expect(response["id"] as? Int == 1 && response["round"] as? String == "forum-2025" && response["survey"] as? String == "msi-forum")
        #expect(response["status"] as? String == "complete" && response["language"] as? String == "sv" && response["source"] as? String == "import")
        #expect(response["invitation_id"] as? Int == 1 && response["started_at"] is String && response["submitted_at"] is String)
        let answers = try #require(response["answers"] as? [[String: Any]])
        #expect(answers.map { $0["variable"] as? String } == ["sector", "useful", "new_contacts", "email"])
        #expect(answers.map { $0["label"] as? String } == ["Din sektor", "Var forumet användbart?", "Nya kontakter", "E-post för uppföljning"])
        #expect(answers.map { $0["personal"] as? Bool } == [false, false, false, true])
        #expect(answers[0]["value"] as? String == "civil" && answers[2]["value"] as? Int == 4 && answers[3]["value"] as? String == "zebra-quagga@example.se")
        #expect((copy["suppressions"] as? [Any])?.isEmpty == true && (copy["erasures"] as? [Any])?.isEmpty == true)

        #expect(try cli.run(["erase", "--response", "1", "--withdraw", "--yes"]).status == 0)
        let after = try cli.run(["access", "--round", "forum-2025", "--email", "anna@example.se", "--format", "json"])
        let withdrawn = try #require(try JSONSerialization.jsonObject(with: Data(after.output.utf8)) as? [String: Any])
        let entry = try #require((withdrawn["suppressions"] as? [[String: Any]])?.first)
        #expect(entry["survey"] as? String == "msi-forum" && entry["round"] as? String == "forum-2025" && entry["invitation_id"] as? Int == 1)
        #expect(entry["stored_as"] as? String == "keyed hash (HMAC-SHA256) of the address; the address is not kept" && entry["suppressed_at"] is String)
        let erasure = try #require((withdrawn["erasures"] as? [[String: Any]])?.first)
        #expect(erasure["kind"] as? String == "withdrawal" && erasure["response_id"] as? Int == 1 && erasure["personal_answers"] as? Int == 1)
        #expect((withdrawn["responses"] as? [Any])?.isEmpty == true && !after.output.contains("zebra-quagga"))
        let invitation = try #require((withdrawn["invitations"] as? [[String: Any]])?.first)
        #expect(invitation["withdrawn_at"] is String && invitation["email"] == nil && invitation["label"] == nil)
    }

    @Test func theRespondentIsNamedInExactlyOneWay() throws {
        let cli = try StoreCLI()
        _ = try twoRounds(cli)
        for arguments in [["access"], ["access", "--response", "1", "--email", "a@example.se"], ["access", "--round", "forum-2025", "--response", "1"],
                          ["access", "--token", "not-a-token"], ["access", "--email", " "]] {
            let run = try cli.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.errors)")
        }
        let unknownRound = try cli.run(["access", "--round", "forum-2027", "--email", "anna@example.se"])
        #expect(unknownRound.status == 1 && unknownRound.errors.contains("error[E441]"), "\(unknownRound.errors)")
    }
}
