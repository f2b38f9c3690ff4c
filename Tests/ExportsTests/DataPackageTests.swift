import Foundation
import Diagnostics
import SurveyDefinition
import Testing
@testable import Exports

/// datapackage.json: a Table Schema that matches the data file, types, categories, constraints.
@Suite struct DataPackageTests {
    @Test func fieldsFollowTheColumnsWithTheirTypes() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export()
        let package = try fixture.json("datapackage.json")
        #expect(package["profile"] as? String == "tabular-data-package")
        #expect(package["name"] as? String == "ex-2025")
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(resources.map { $0["path"] as? String } == ["responses.csv", "codebook.csv"])
        let schema = try #require(resources[0]["schema"] as? [String: Any])
        #expect(schema["missingValues"] as? [String] == [""])
        #expect(schema["primaryKey"] as? [String] == ["response_id"])
        let fields = try #require(schema["fields"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == (try fixture.table("responses.csv").header))
        let types = Dictionary(uniqueKeysWithValues: fields.map { ($0["name"] as! String, $0["type"] as! String) })
        #expect(types["response_id"] == "integer" && types["submitted_at"] == "datetime" && types["founded"] == "integer")
        #expect(types["women_share"] == "number" && types["certified"] == "boolean" && types["started"] == "date")
        #expect(types["legal_form"] == "string" && types["barriers_funding"] == "integer" && types["story"] == "string")
    }

    /// The package's description and its resources' titles are in the export's language, as the field titles are.
    @Test(arguments: [
        ("sv", "Omgång ex-2025 av enkäten export-test version 2025.2, öppen 2025-10-01 till 2026-01-31: 2 svar; en rad per svar; val som koder; partnerprofil Euclid: export_as-namn, inga personuppgifter, pseudonyma svarande; utan fritextsvar; kvasi-identifierare lokalt undertryckta till k-anonymitet med k = 3 (disclosure.csv). Kodboken (codebook.csv, codebook.md) beskriver varje kolumn. Villkor: pseudonymiserade uppgifter enligt GDPR, inte anonyma; använd dem bara enligt avtalet om datadelning, som förbjuder återidentifiering och publicering av mikrodata, och publicera bara aggregat med små celler undertryckta.",
         ["Svaren i omgång ex-2025", "Kodbok: en rad per kolumn i svaren", "Svar som rensningsreglerna i test.yaml tog bort",
          "Röjandeskydd: värden som blankats per kvasi-identifierare (k = 3)"]),
        ("en", "Round ex-2025 of survey export-test version 2025.2, open 2025-10-01 to 2026-01-31: 2 responses; one row per response; choices as codes; Euclid partner profile: export_as names, no personal data, pseudonymous respondents; without free-text answers; quasi-identifiers locally suppressed to k-anonymity with k = 3 (disclosure.csv). The codebook (codebook.csv, codebook.md) describes every column. Terms: pseudonymised data under the GDPR, not anonymous; use it only under the data-sharing agreement, which forbids re-identification and publishing the microdata, and publish only aggregates with small cells suppressed.",
         ["Responses of round ex-2025", "Codebook: one row per column of the responses", "Responses removed by the cleaning rules of test.yaml",
          "Disclosure control: values suppressed per quasi-identifier (k = 3)"]),
    ])
    func thePackageIsDescribedInTheExportsLanguage(language: String, description: String, titles: [String]) throws {
        let fixture = try ExportFixture()
        let ids = try fixture.insert(ExportFixture.sample)
        let cleaning = CleaningSummary(
            source: "frameworks/test.yaml", rules: [CleaningSummary.Rule(name: "duplicate", description: "duplicates", responses: [ids[1]])],
            removed: [ids[1]])
        try fixture.export(ExportOptions(language: language, profile: .euclid, cleaning: cleaning))
        let package = try fixture.json("datapackage.json")
        #expect(package["description"] as? String == description)
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(resources.map { $0["title"] as? String } == titles)
    }

    /// A pooling script finds when the round was open in the package itself, not only in the provenance file.
    @Test func thePackageGivesTheRoundsPeriod() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(profile: .euclid))
        let samla = try #require(try fixture.json("datapackage.json")["samla"] as? [String: Any])
        #expect(samla["roundPeriod"] as? [String: String] == ["opens": "2025-10-01", "closes": "2026-01-31"])
    }

    /// results.csv's schema says what a foreign analyst could misread: `n` is text (`< 10`), an empty
    /// estimate is a withheld cell, not zero, and what primary and secondary suppression are.
    @Test(arguments: [("en", "empty means withheld, not zero or no", "< 10"), ("sv", "tom betyder undanhållen, inte noll eller nej", "< 10")])
    func theResultsSchemaExplainsSuppression(language: String, empty: String, masked: String) throws {
        guard case .array(let fields)? = IndicatorTables.resultsSchema(language: language)["fields"] else { Issue.record("no fields"); return }
        func description(_ name: String) -> String? {
            guard let field = fields.first(where: { $0["name"] == .string(name) }), case .string(let text)? = field["description"] else { return nil }
            return text
        }
        #expect(description("estimate")?.contains(empty) == true)
        #expect(description("n")?.contains(masked) == true)
        #expect(description("suppressed")?.hasPrefix("primary: ") == true)
        for name in ["breakdown", "ci_low", "ci_high", "status"] { #expect(description(name) != nil, "\(name)") }
    }

    /// Beside a data file with blanked quasi-identifiers, `group_code` warns that its groups were counted before the blanking.
    @Test func theResultsOfAPartnerPackageSayTheirGroupsWereCountedBeforeSuppression() {
        func groupCode(_ schema: JSONValue) -> String? {
            guard case .array(let fields)? = schema["fields"], case .string(let text)? = fields.first(where: { $0["name"] == "group_code" })?["description"] else { return nil }
            return text
        }
        let note = "The groups were counted before disclosure control blanked quasi-identifiers in the data file"
        #expect(groupCode(IndicatorTables.resultsSchema(language: "en", suppressedData: true))?.contains(note) == true)
        #expect(groupCode(IndicatorTables.resultsSchema(language: "en"))?.contains(note) == false)
    }

    /// The provenance file gives, for the speed rule, how many responses it could not time.
    @Test func theProvenanceSaysHowManyResponsesTheSpeedRuleDidNotTime() throws {
        let fixture = try ExportFixture()
        let ids = try fixture.insert(ExportFixture.sample)
        let cleaning = CleaningSummary(
            source: "frameworks/test.yaml",
            rules: [CleaningSummary.Rule(name: "speed", description: "completed in under 3 minutes", responses: [ids[1]], untimed: 1),
                    CleaningSummary.Rule(name: "duplicate", description: "duplicates", responses: [])],
            removed: [ids[1]])
        try fixture.export(ExportOptions(cleaning: cleaning))
        let rules = try #require((try fixture.json("provenance.json")["cleaning"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["untimed"] as? Int } == [1, nil])
        #expect(rules.map { $0["removed"] as? Int } == [1, 0])
        #expect(try fixture.read("cleaning-log.csv").contains("ex-2025,speed,completed in under 3 minutes,\(ids[1])"))
    }

    /// For Excel in a Swedish locale: semicolons between fields and decimal commas, in every CSV
    /// file, which the package declares (`dialect.delimiter`, `decimalChar`) and the provenance file
    /// records; a partner package stays comma-separated with decimal points whatever is asked.
    @Test func aSemicolonExportWithDecimalCommasDeclaresItsDialect() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(delimiter: ";", decimalComma: true))
        let data = try fixture.read("responses.csv")
        #expect(data.drop { $0 == "\u{FEFF}" }.hasPrefix("response_id;language;submitted_at;"))
        #expect(try fixture.table("responses.csv", delimiter: ";").rows.map { $0["women_share"] } == ["37,5", "0,1", "100"])
        #expect(try fixture.read("codebook.csv").drop { $0 == "\u{FEFF}" }.hasPrefix("column;variable;question;"))
        let package = try fixture.json("datapackage.json")
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(resources.map { ($0["dialect"] as? [String: Any])?["delimiter"] as? String } == [";", ";"])
        #expect(try SpreadsheetSafetyTests.field("women_share", in: package)["decimalChar"] as? String == ",")
        #expect(try SpreadsheetSafetyTests.field("founded", in: package)["decimalChar"] == nil)
        let options = try #require(try fixture.json("provenance.json")["options"] as? [String: Any])
        #expect(options["delimiter"] as? String == ";" && options["decimalMark"] as? String == ",")

        try fixture.export(ExportOptions(profile: .euclid, delimiter: ";", decimalComma: true), to: "partner")
        #expect(!(try fixture.read("responses.csv", in: "partner")).contains(";"))
        let partner = try fixture.json("datapackage.json", in: "partner")
        let partnerResources = try #require(partner["resources"] as? [[String: Any]])
        #expect(partnerResources.map { ($0["dialect"] as? [String: Any])?["delimiter"] as? String } == [",", ",", ","])
        let partnerOptions = try #require(try fixture.json("provenance.json", in: "partner")["options"] as? [String: Any])
        #expect(partnerOptions["delimiter"] as? String == "," && partnerOptions["decimalMark"] as? String == ".")
    }

    @Test func choicesHaveCategoriesAndAnEnum() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(language: "en"))
        let package = try fixture.json("datapackage.json")
        let form = try SpreadsheetSafetyTests.field("legal_form", in: package)
        let categories = try #require(form["categories"] as? [[String: Any]])
        #expect(categories.map { $0["value"] as? String } == ["ab", "ek", "ideell"])
        #expect(categories.map { $0["label"] as? String } == ["Limited company", "Cooperative", "Non-profit association"])
        #expect((form["description"] as? String)?.contains("sv: Juridisk form") == true)
        #expect((form["description"] as? String)?.contains("en: Legal form") == true)
        let option = try SpreadsheetSafetyTests.field("barriers_skills", in: package)
        #expect((option["constraints"] as? [String: Any])?["enum"] as? [Int] == [0, 1])
        #expect((option["categories"] as? [[String: Any]])?.map { $0["value"] as? Int } == [0, 1])
        // An option column says it is one of a multiple choice, which its title alone does not tell from a matrix row.
        #expect((option["description"] as? String)?.hasSuffix("\nmultiple choice: barriers, one column per option; 1 = chosen, 0 = not chosen, empty = not answered") == true,
                "\(option["description"] ?? "")")
        let certified = try SpreadsheetSafetyTests.field("certified", in: package)
        #expect(certified["trueValues"] as? [String] == ["1"] && certified["falseValues"] as? [String] == ["0"])
    }

    @Test func boundsComeFromSimpleConstraints() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export()
        let package = try fixture.json("datapackage.json")
        let founded = try #require(try SpreadsheetSafetyTests.field("founded", in: package)["constraints"] as? [String: Any])
        #expect(founded["minimum"] as? Int == 1850 && founded["maximum"] as? Int == 2025)
        let share = try #require(try SpreadsheetSafetyTests.field("women_share", in: package)["constraints"] as? [String: Any])
        #expect(share["minimum"] as? Double == 0 && share["maximum"] as? Double == 100)
        let story = try #require(try SpreadsheetSafetyTests.field("story", in: package)["constraints"] as? [String: Any])
        #expect(story["minLength"] as? Int == 2)
        let age = try SpreadsheetSafetyTests.field("age", in: package)
        #expect(age["constraints"] == nil, "a calculation has no constraint of its own")
    }

    /// `exclusiveMinimum` is Table Schema v2: frictionless refuses it in a v1 package ("requires
    /// datapackage v2"), so `. > 0` must come out as a `minimum`.
    @Test func exclusiveBoundsAreWrittenAsInclusiveOnes() throws {
        var survey = try ExportFixture().survey
        for p in survey.pages.indices {
            for q in survey.pages[p].questions.indices {
                let question = survey.pages[p].questions[q]
                let rule = ["founded": ". > 1849.5 and . < 2026", "women_share": ". > 0 and . < 100"][question.name]
                if let rule, let location = question.constraint?.location {
                    survey.pages[p].questions[q].constraint = ExpressionSource(rule, at: location)
                }
            }
        }
        let layout = try ExportLayout(survey: survey, options: ExportOptions())
        let schema = TableSchema.wide(layout: layout, empties: Array(repeating: 1, count: layout.columns.count)).text()
        let package = ["resources": [["name": "responses", "schema": try JSONSerialization.jsonObject(with: Data(schema.utf8))]]]
        let founded = try #require(try SpreadsheetSafetyTests.field("founded", in: package)["constraints"] as? [String: Any])
        #expect(founded.keys.sorted() == ["maximum", "minimum"])
        #expect(founded["minimum"] as? Int == 1850 && founded["maximum"] as? Int == 2025)
        let share = try #require(try SpreadsheetSafetyTests.field("women_share", in: package)["constraints"] as? [String: Any])
        #expect(share.keys.sorted() == ["maximum", "minimum"])
        #expect(share["minimum"] as? Double == 0 && share["maximum"] as? Double == 100)
    }

    /// A date's days (`. >= '2020-01-01' and . < '2026-01-01'`) are the field's minimum and maximum.
    @Test func aDatesBoundsComeFromItsConstraint() throws {
        var survey = try ExportFixture().survey
        for p in survey.pages.indices {
            for q in survey.pages[p].questions.indices where survey.pages[p].questions[q].name == "started" {
                survey.pages[p].questions[q].constraint = ExpressionSource(
                    ". >= '2020-01-01' and . < '2026-01-01'", at: Diagnostics.SourceLocation(file: "export-test.yaml", line: 82, column: 9))
            }
        }
        let layout = try ExportLayout(survey: survey, options: ExportOptions())
        let schema = TableSchema.wide(layout: layout, empties: Array(repeating: 1, count: layout.columns.count)).text()
        let package = ["resources": [["name": "responses", "schema": try JSONSerialization.jsonObject(with: Data(schema.utf8))]]]
        let started = try #require(try SpreadsheetSafetyTests.field("started", in: package)["constraints"] as? [String: Any])
        #expect(started["minimum"] as? String == "2020-01-01" && started["maximum"] as? String == "2025-12-31")
    }

    @Test func requiredOnlyWhereNoCellIsEmpty() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(to: "all-answered")
        var missing = ExportFixture.sample[0]
        missing["founded"] = nil
        try fixture.insert([missing])
        try fixture.export(to: "one-missing")
        func required(_ name: String, _ folder: String) throws -> Bool {
            let field = try SpreadsheetSafetyTests.field(name, in: fixture.json("datapackage.json", in: folder))
            return (field["constraints"] as? [String: Any])?["required"] as? Bool == true
        }
        #expect(try required("founded", "all-answered"))
        #expect(try !required("founded", "one-missing"), "an answer missing from an older response must not break validation")
        #expect(try required("legal_form", "one-missing"))
        #expect(try !required("has_board", "all-answered"), "not required by the definition")
        #expect(try required("response_id", "one-missing"))
    }

    @Test func labelsMakeTheLabelsTheCategories() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(values: .labels))
        let package = try fixture.json("datapackage.json")
        let board = try SpreadsheetSafetyTests.field("has_board", in: package)
        #expect((board["constraints"] as? [String: Any])?["enum"] as? [String] == ["Ja", "Nej", "Vet ej"])
        let certified = try SpreadsheetSafetyTests.field("certified", in: package)
        #expect(certified["trueValues"] as? [String] == ["Ja"] && certified["falseValues"] as? [String] == ["Nej"])
    }

    @Test func theLongFormHasItsOwnSchema() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(shape: .long))
        let resources = try #require(try fixture.json("datapackage.json")["resources"] as? [[String: Any]])
        #expect(resources[0]["path"] as? String == "responses-long.csv")
        let schema = try #require(resources[0]["schema"] as? [String: Any])
        #expect((schema["fields"] as? [[String: Any]])?.map { $0["name"] as? String } == ["response_id", "variable", "value"])
        #expect(schema["primaryKey"] as? [String] == ["response_id", "variable"])
    }

    /// Each row of the long file is one response's cell: the id with the column is the key, the id
    /// keeps its pattern, and every column name is a row of the codebook, which frictionless checks.
    @Test func theLongFormIsKeyedAndRefersToTheCodebook() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(shape: .long, profile: .euclid))
        let resources = try #require(try fixture.json("datapackage.json")["resources"] as? [[String: Any]])
        #expect(resources.map { $0["name"] as? String } == ["responses", "codebook", "disclosure"])
        let schema = try #require(resources[0]["schema"] as? [String: Any])
        #expect(schema["primaryKey"] as? [String] == ["respondent_id", "variable"])
        let id = try #require((schema["fields"] as? [[String: Any]])?.first)
        let constraints = try #require(id["constraints"] as? [String: Any])
        #expect(constraints["required"] as? Bool == true)
        #expect(constraints["pattern"] as? String == Pseudonymizer.pattern)
        #expect(constraints["unique"] == nil, "an id is on one row per non-empty cell")
        let keys = try #require(schema["foreignKeys"] as? [[String: Any]])
        #expect(keys.count == 1)
        #expect(keys.first?["fields"] as? [String] == ["variable"])
        let reference = try #require(keys.first?["reference"] as? [String: Any])
        #expect(reference["resource"] as? String == "codebook" && reference["fields"] as? [String] == ["column"])
        let columns = Set(try fixture.table("codebook.csv").rows.compactMap { $0["column"] })
        let variables = Set(try fixture.table("responses-long.csv").rows.compactMap { $0["variable"] })
        #expect(!variables.isEmpty && variables.isSubset(of: columns))
    }

    @Test func jsonTextIsEscapedAndOrdered() {
        let value: JSONValue = .object([("b", "x\"y\\z\n\u{1}"), ("a", .array([1, .number(0.5), .null, true]))])
        #expect(value.text() == "{\n  \"b\": \"x\\\"y\\\\z\\n\\u0001\",\n  \"a\": [1, 0.5, null, true]\n}")
    }

    @Test func decimalsAreShortAndExact() {
        #expect(DecimalText.text(12) == "12")
        #expect(DecimalText.text(-0.0) == "0")
        #expect(DecimalText.text(0.1) == "0.1")
        #expect(DecimalText.text(1e-5) == "1e-05")
        #expect(Double(DecimalText.text(1.0 / 3)) == 1.0 / 3)
        #expect(DecimalText.text(1e300) == "1e+300")
        #expect(DecimalText.text(.nan) == "NaN" && DecimalText.text(-.infinity) == "-INF")
    }

    /// A CSV cell never has an exponent, which `samla import` refuses: the shortest digits, in plain notation.
    @Test(arguments: [
        (1e-5, "0.00001"), (-1.5e-7, "-0.00000015"), (0.00012, "0.00012"), (1.2345e-5, "0.000012345"),
        (1e16, "10000000000000000"), (-2.5e20, "-250000000000000000000"), (0.1, "0.1"), (12, "12"), (37.5, "37.5"),
    ])
    func decimalCellsAreInPlainNotation(value: Double, cell: String) {
        #expect(DecimalText.cell(value) == cell)
        #expect(Double(cell) == value)
    }
}
