import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// How each response was collected (`source`: web, import, api) and by which partner system
/// (`api_client`), in the files of an export.
@Suite struct CollectionModeTests {
    /// One imported response, one from partner system `crm.one`, one from `-crm` (a name that
    /// starts like a formula), and a partial one begun on the web.
    func fixture(survey: String = "export-test.yaml") throws -> (ExportFixture, imported: Int64, api: Int64, formulaLike: Int64, web: Int64) {
        let fixture = try ExportFixture(survey: survey)
        let answers: [String: AnswerValue] = survey == "export-test.yaml" ? ["legal_form": .choice("ab"), "founded": .integer(1999)] : [:]
        let imported = try fixture.insert([answers])[0]
        let api = try fixture.insertFromAPI(answers, client: "crm.one")
        let formulaLike = try fixture.insertFromAPI(answers, client: "-crm")
        let web = survey == "export-test.yaml" ? try fixture.insertPartial(["founded": .integer(2001)]) : 0
        return (fixture, imported, api, formulaLike, web)
    }

    @Test func theWideFileSaysHowEachResponseWasCollectedAndByWhichSystem() throws {
        let (fixture, imported, api, formulaLike, web) = try fixture()
        try fixture.export(ExportOptions(selection: .all))
        let (header, rows) = try fixture.table("responses.csv")
        #expect(Array(header.prefix(7)) == ["response_id", "language", "submitted_at", "source", "api_client", "status", "legal_form"])
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["response_id"]!, $0) })
        #expect(byID[String(imported)]?["source"] == "import" && byID[String(imported)]?["api_client"] == "")
        #expect(byID[String(api)]?["source"] == "api" && byID[String(api)]?["api_client"] == "crm.one")
        #expect(byID[String(formulaLike)]?["api_client"] == "'-crm", "a client's name is text: one that starts like a formula gets the apostrophe")
        #expect(byID[String(web)]?["source"] == "web" && byID[String(web)]?["api_client"] == "" && byID[String(web)]?["status"] == "partial")
    }

    @Test func theLongFileHasTheSourceOfEveryResponseAndTheClientOfAnAPIOne() throws {
        let (fixture, imported, api, _, _) = try fixture()
        try fixture.export(ExportOptions(shape: .long))
        let rows = try fixture.table("responses-long.csv").rows
        func cells(_ id: Int64, _ variable: String) -> [String] {
            rows.filter { $0["response_id"] == String(id) && $0["variable"] == variable }.map { $0["value"]! }
        }
        #expect(cells(imported, "source") == ["import"] && cells(imported, "api_client").isEmpty)
        #expect(cells(api, "source") == ["api"] && cells(api, "api_client") == ["crm.one"])
        #expect(rows.filter { $0["response_id"] == String(api) }.prefix(4).map { $0["variable"]! } == ["language", "submitted_at", "source", "api_client"])
    }

    @Test func theSchemaDeclaresTheSourcesAndTheCodebookDescribesBothColumns() throws {
        let (fixture, _, _, _, _) = try fixture()
        try fixture.export()
        let package = try fixture.json("datapackage.json")
        let resources = try #require(package["resources"] as? [[String: Any]])
        let fields = try #require((resources[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        let source = try #require(fields.first { $0["name"] as? String == "source" })
        #expect(source["type"] as? String == "string")
        let constraints = try #require(source["constraints"] as? [String: Any])
        #expect(constraints["enum"] as? [String] == ["web", "import", "api"] && constraints["required"] as? Bool == true)
        #expect(source["title"] as? String == "Hur svaret samlades in: web (webbformuläret), import (inläst från fil) eller api (från ett partnersystem)")
        let client = try #require(fields.first { $0["name"] as? String == "api_client" })
        #expect(client["type"] as? String == "string" && client["constraints"] == nil, "empty for every response not sent through the API")
        #expect((client["description"] as? String)?.contains("en: The partner system that sent an api response; empty for others") == true)
        #expect((client["description"] as? String)?.contains(SpreadsheetRule.text("sv")) == true)

        let codebook = try fixture.table("codebook.csv").rows
        let rows = codebook.filter { ["source", "api_client"].contains($0["column"]) }
        #expect(rows.map { [$0["column"]!, $0["type"]!, $0["label_en"]!] } == [
            ["source", "code", "How the response was collected: web (the web form), import (read from a file) or api (from a partner system)"],
            ["api_client", "text", "The partner system that sent an api response; empty for others"],
        ])
        let markdown = try fixture.read("codebook.md")
        #expect(markdown.contains("`source`") && markdown.contains("`api_client`"))
    }

    @Test func questionsNamedLikeTheModeColumnsKeepTheirNamesAndTheMetadataTakesThePrefix() throws {
        let (fixture, _, api, _, _) = try fixture(survey: "mode-names.yaml")
        let stored = try fixture.store.round(named: fixture.round)!
        let batch = try fixture.store.commit([.submitComplete(CompleteSubmission(
            round: fixture.round, definitionHash: stored.definitionHash, language: "en", source: .api, apiClient: "crm.two",
            answers: ["source": .choice("press"), "api_client": .text("Salesforce")], idempotency: nil, today: ExportFixture.today))])
        guard case .response(let record) = try batch.results[0].get() else { Issue.record("not stored"); return }
        try fixture.export()
        let (header, rows) = try fixture.table("responses.csv")
        #expect(header == ["response_id", "language", "submitted_at", "response_source", "response_api_client", "source", "api_client"])
        let row = try #require(rows.first { $0["response_id"] == String(record.id) })
        #expect(row["response_source"] == "api" && row["response_api_client"] == "crm.two")
        #expect(row["source"] == "press" && row["api_client"] == "Salesforce")
        #expect(rows.first { $0["response_id"] == String(api) }?["response_api_client"] == "crm.one")
        let fields = ((try fixture.json("datapackage.json")["resources"] as? [[String: Any]])?[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]]
        let names = (fields ?? []).compactMap { $0["name"] as? String }
        #expect(names == header)
    }

    @Test func aPartnerPackageSaysHowEachResponseWasCollectedButNotByWhichSystem() throws {
        let (fixture, _, _, _, _) = try fixture()
        try fixture.export(ExportOptions(selection: .all, profile: .euclid))
        let (header, rows) = try fixture.table("responses.csv")
        #expect(Array(header.prefix(4)) == ["respondent_id", "language", "source", "status"])
        #expect(!header.contains("api_client"))
        #expect(rows.map { $0["source"] ?? "" }.sorted() == ["api", "api", "import", "web"])
        for (file, bytes) in try fixture.allFiles() {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("crm.one") && !text.contains("-crm") && !text.contains("api_client"), "\(file) names a partner system")
        }
        let fields = ((try fixture.json("datapackage.json")["resources"] as? [[String: Any]])?[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]]
        let source = try #require(fields?.first { $0["name"] as? String == "source" })
        #expect((source["constraints"] as? [String: Any])?["enum"] as? [String] == ["web", "import", "api"])
    }
}
