import Foundation
import Testing

/// An invited ESEM respondent who answers no to the consent question, run through the built
/// binary: the response is kept and exported, and the rates count the invitation as a refusal.
@Suite struct DeclinedInFormCommandTests {
    /// Round esem-se-2025 open with Anna, Bo and Cecilia invited: the tool and their tokens, in that order.
    static func threeInvited() throws -> (StoreCLI, [String]) {
        let cli = try StoreCLI()
        let opened = try cli.run(["round", "open", ImportCommandTests.esem, "--name", "esem-se-2025", "--opens", day(-1), "--closes", day(30)])
        #expect(opened.status == 0, "\(opened.errors)")
        try Data("name,email\nAnna,anna@example.se\nBo,bo@example.se\nCecilia,cecilia@example.se\n".utf8)
            .write(to: cli.folder.appendingPathComponent("contacts.csv"))
        let invited = try cli.run(["invite", "--round", "esem-se-2025", "contacts.csv", "--base-url", "https://enkat.example.se"])
        #expect(invited.status == 0, "\(invited.errors)")
        let tokens = try String(contentsOf: cli.folder.appendingPathComponent("contacts-links.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[2]) }
        return (cli, tokens)
    }

    @Test func anInviteeWhoDeclinesInTheFormIsARefusalInTheRates() throws {
        let (cli, tokens) = try Self.threeInvited()
        // Anna's paper answer, imported with her token: she declined.
        try Data("consent,token\nno,\(tokens[0])\n".utf8).write(to: cli.folder.appendingPathComponent("paper.csv"))
        let imported = try cli.run(["import", "--round", "esem-se-2025", "paper.csv"])
        #expect(imported.status == 0, "\(imported.errors)")

        let json = try cli.run(["round", "list", "--format", "json"])
        #expect(json.status == 0, "\(json.errors)")
        let rounds = try #require((try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["rounds"] as? [[String: Any]])
        #expect(rounds[0]["complete"] as? Int == 1 && rounds[0]["invitations_used"] as? Int == 1, "the response stays complete: \(json.output)")
        #expect(rounds[0]["invitations_declined"] as? Int == 1, "\(json.output)")
        let rate = try #require(rounds[0]["response_rate"] as? [String: Any])
        #expect(rate["declined"] as? Int == 1 && rate["refusals"] as? Int == 1 && rate["refused"] as? Int == 0, "\(json.output)")
        #expect(rate["complete"] as? Int == 0 && rate["partial"] as? Int == 0 && rate["no_response"] as? Int == 2, "\(json.output)")
        #expect(rate["rr1"] as? Double == 0 && rate["rr2"] as? Double == 0, "\(json.output)")

        let text = try cli.run(["round", "list"])
        #expect(text.output.contains("  3 (1 used, 1 declined)  "), "\(text.output)")
        #expect(text.output.contains("esem-se-2025: Response rate (AAPOR RR1): 0.0% (0 of 3 invited); with partial responses (RR2): 0.0%; "
            + "1 invitee declined in the form and counts as a refusal\n"), "\(text.output)")

        let exported = try cli.run(["export", "--round", "esem-se-2025", "--out", "export"])
        #expect(exported.status == 0, "\(exported.errors)")
        let responses = try String(contentsOf: cli.folder.appendingPathComponent("export/responses.csv"), encoding: .utf8)
        let lines = responses.split(whereSeparator: \.isNewline)
        let consent = try #require(lines.first?.split(separator: ",").firstIndex(of: "consent"))
        #expect(lines.count == 2 && lines[1].split(separator: ",", omittingEmptySubsequences: false)[consent] == "no", "\(responses)")
    }

    /// An invitee whose saved answers declined, without submitting them, said no: `samla remind`
    /// leaves them out and says so, while one who began and said yes is reminded.
    @Test func anInviteeWhoDeclinedWithoutSubmittingIsNotReminded() throws {
        let (cli, tokens) = try Self.threeInvited()
        try Data("consent,status,token\nno,partial,\(tokens[0])\nyes,partial,\(tokens[1])\n".utf8).write(to: cli.folder.appendingPathComponent("begun.csv"))
        let imported = try cli.run(["import", "--round", "esem-se-2025", "begun.csv"])
        #expect(imported.status == 0, "\(imported.errors)")

        let reminded = try cli.run(["remind", "--round", "esem-se-2025", "contacts-links.csv", "--out", "reminders.csv"])
        #expect(reminded.status == 0, "\(reminded.errors)")
        #expect(reminded.output.contains("2 of 3 invitations in contacts-links.csv to remind for round esem-se-2025: 1 not started, 1 started and not finished; "
            + "1 declined in the form (the survey's refusal) and is not reminded\n"), "\(reminded.output)")
        let rows = try String(contentsOf: cli.folder.appendingPathComponent("reminders.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(rows.count == 3 && !rows.contains { $0.contains("anna@") }, "\(rows)")
        #expect(rows.contains { $0.contains("bo@") && $0.hasSuffix(",not finished") } && rows.contains { $0.contains("cecilia@") && $0.hasSuffix(",not started") }, "\(rows)")
    }

    /// A report's cleaning log says which of the responses its rules removed declined in the form:
    /// ESEM's eligibility rule removes Anna's "no" as outside the population, though the rates count her as a refusal.
    @Test func theReportsCleaningLogNamesTheResponsesThatDeclinedInTheForm() throws {
        let (cli, tokens) = try Self.threeInvited()
        try Data("consent,token\nno,\(tokens[0])\n".utf8).write(to: cli.folder.appendingPathComponent("paper.csv"))
        let imported = try cli.run(["import", "--round", "esem-se-2025", "paper.csv"])
        #expect(imported.status == 0, "\(imported.errors)")

        for (language, words) in [("en", "; 1 of them declined in the form (the survey&#39;s refusal) and counts as a refusal in the response rate</td><td class=\"num\">1</td>"),
                                  ("sv", "; varav 1 som avböjde i formuläret (enligt enkätens villkor för vägran) och räknas som vägran i svarsfrekvensen</td><td class=\"num\">1</td>")] {
            let report = try cli.run(["report", ImportCommandTests.root.appendingPathComponent("reports/esem-se-topline.yaml").path,
                                      "--lang", language, "--out", "report-\(language).html"])
            #expect(report.status == 0, "\(report.errors)")
            let html = try String(contentsOf: cli.folder.appendingPathComponent("report-\(language).html"), encoding: .utf8)
            let log = html.range(of: "<tbody>", options: .backwards).map { String(html[$0.lowerBound...].prefix(2000)) } ?? html
            let said = log.contains(words)
            #expect(said, "\(log)")
        }
    }
}
