import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// The Euclid profile: export names only, no personal data anywhere, pseudonymous respondents.
@Suite struct PartnerProfileTests {
    /// A partner package goes to the Euclid Network and its partners across Europe, whose shared
    /// language is English: it is in English unless `--lang` says otherwise or the survey has none.
    @Test func aPartnerPackageIsInEnglishUnlessAskedOtherwise() throws {
        let survey = try ExportFixture().survey
        #expect(survey.languages == ["sv", "en"])
        #expect(try ExportLayout(survey: survey, options: ExportOptions(profile: .euclid)).language == "en")
        #expect(try ExportLayout(survey: survey, options: ExportOptions(language: "sv", profile: .euclid)).language == "sv")
        #expect(try ExportLayout(survey: survey, options: ExportOptions()).language == "sv", "the organisation's own export: the survey's first")
        #expect(ExportOptions(profile: .euclid).language(offered: ["sv"]) == "sv", "a survey without English")
        #expect(ExportOptions(language: "fi", profile: .euclid).language(offered: ["sv", "en"]) == "fi", "asked for, and refused by the layout")
    }

    @Test func personalDataIsInNoFileOfAPartnerExport() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(includePII: true, profile: .euclid))
        try fixture.export(ExportOptions(shape: .long, values: .labels, includePII: true, profile: .euclid), to: "long")
        let personal = ExportFixture.sample.flatMap { answers in
            fixture.survey.variables.filter(\.isPII).compactMap { variable -> String? in
                if case .text(let text)? = answers[variable.name] { return text }
                return nil
            }
        }
        #expect(personal.count == 5)
        let needles = personal + ["org_name", "contact", "example.se", "response_id"]
        for folder in ["out", "long"] {
            let files = try fixture.allFiles(in: folder)
            #expect(files.keys.sorted() == (folder == "out"
                ? ["codebook.csv", "codebook.md", "datapackage.json", "disclosure.csv", "provenance.json", "responses.csv", "responses.sps"]
                : ["codebook.csv", "codebook.md", "datapackage.json", "disclosure.csv", "provenance.json", "responses-long.csv"]))
            for (name, bytes) in files {
                for needle in needles {
                    #expect(!Self.contains(bytes, Array(needle.utf8)), "\(folder)/\(name) holds \(needle)")
                }
            }
        }
    }

    /// A calculation that uses a personal answer, directly or through another calculation, is
    /// personal data too, though not marked pii.
    @Test func aCalculationMadeFromPersonalDataIsPersonalData() throws {
        let fixture = try ExportFixture(survey: "personal-calculation.yaml")
        try fixture.insert([
            ["contact": .text("anna@example.se"), "size": .integer(60), "signature": .text("<anna@example.se>"), "signed": .integer(1), "large": .integer(1)],
        ])
        try fixture.export(ExportOptions(profile: .euclid))
        try fixture.export(ExportOptions(), to: "standard")
        for folder in ["out", "standard"] {
            for (name, bytes) in try fixture.allFiles(in: folder) {
                #expect(!Self.contains(bytes, Array("anna@example.se".utf8)), "\(folder)/\(name) holds the address")
            }
        }
        #expect(try fixture.table("responses.csv").header == ["respondent_id", "language", "source", "PC_SIZE", "PC_LARGE"])
        #expect(try fixture.table("responses.csv", in: "standard").header == ["response_id", "language", "submitted_at", "source", "api_client", "size", "large"])
        try fixture.export(ExportOptions(includePII: true), to: "personal")
        let codebook = try fixture.table("codebook.csv", in: "personal").rows
        #expect(codebook.filter { $0["pii"] == "yes" }.map { $0["column"]! } == ["contact", "signature", "signed"])
    }

    @Test func columnsAreTheExportNamesAndOthersAreLeftOut() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(profile: .euclid))
        let (header, rows) = try fixture.table("responses.csv")
        #expect(header == [
            "respondent_id", "language", "source", "EX_FORM", "EX_FOUNDED", "EX_WOMEN", "EX_BOARD",
            "EX_BARRIERS_FUNDING", "EX_BARRIERS_SKILLS", "EX_BARRIERS_RULES", "EX_BARRIERS__OTHER",
            "EX_CERT", "EX_VOICE_STAFF", "EX_VOICE_USERS", "EX_AGE",
        ])
        #expect(rows[0]["EX_BARRIERS__OTHER"] == "1")
        let codebook = try fixture.table("codebook.csv").rows
        #expect(codebook.map { $0["column"]! } == header)
        #expect(codebook.first { $0["column"] == "EX_FORM" }?["variable"] == "legal_form")
        // codebook.md's conditions name variables (`${legal_form}`): each partner column's rules say which is its own.
        let markdown = try fixture.read("codebook.md")
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| `EX_FORM` |") })
        #expect(row.contains("| variable `legal_form`"), "\(row)")
        #expect(markdown.contains("“Asked when” and the rules are written in the survey's own variable names"))
    }

    /// A choice's `export_as` is the partners' category: a partner export writes it in the data, the
    /// option columns, both codebooks and the data package; every other export keeps the round's codes.
    @Test func aPartnerExportWritesThePartnersCodesOfChoices() throws {
        let fixture = try ExportFixture(survey: "partner-codes.yaml")
        try fixture.insert([
            ["form": .choice("ideell_forening"), "support": .choices(["almi", "vinnova"]), "size": .choice("small")],
            ["form": .choice("other"), "form_other": .text("Kooperativ"), "support": .choices(["vinnova"]), "size": .choice("large")],
        ])
        try fixture.export(ExportOptions(profile: .euclid))
        try fixture.export(ExportOptions(), to: "standard")

        let (header, rows) = try fixture.table("responses.csv")
        #expect(header == ["respondent_id", "language", "source", "PC_FORM", "PC_SUPPORT_PUBLIC_LOAN", "PC_SUPPORT_INNOVATION_GRANT", "PC_SIZE"])
        #expect(rows.map { $0["PC_FORM"] } == ["association", "other"])
        #expect(rows.map { $0["PC_SUPPORT_PUBLIC_LOAN"] } == ["1", "0"])
        #expect(rows.map { $0["PC_SIZE"] } == ["small", "large"])

        let codebook = try fixture.table("codebook.csv").rows
        #expect(codebook.first { $0["column"] == "PC_FORM" }?["choices_en"]
            == "company, Limited company | association, Non-profit association | other, Other")
        #expect(codebook.first { $0["column"] == "PC_SUPPORT_INNOVATION_GRANT" }?["option"] == "innovation_grant")
        // provenance.json's expressions and weighting use the definition's codes: the codebook maps them.
        #expect(codebook.first { $0["column"] == "PC_FORM" }?["definition_codes"] == "company = ab | association = ideell_forening | other = other")
        #expect(codebook.first { $0["column"] == "PC_SUPPORT_INNOVATION_GRANT" }?["definition_codes"] == "innovation_grant = vinnova")
        #expect(codebook.first { $0["column"] == "PC_SIZE" }?["definition_codes"] == "", "its codes are the definition's")
        let markdown = String(decoding: try fixture.allFiles()["codebook.md"]!, as: UTF8.self)
        #expect(markdown.contains("| code | code in the definition | sv | en |"))
        #expect(markdown.contains("| `association` | `ideell_forening` | Ideell förening | Non-profit association |"))
        #expect(!markdown.contains("| `small` | `small` |"), "a list without partner codes has no second code")

        let package = try fixture.json("datapackage.json")
        let fields = ((package["resources"] as! [[String: Any]])[0]["schema"] as! [String: Any])["fields"] as! [[String: Any]]
        let form = fields.first { $0["name"] as? String == "PC_FORM" }!
        #expect((form["constraints"] as! [String: Any])["enum"] as? [String] == ["company", "association", "other"])

        let standard = try fixture.table("responses.csv", in: "standard")
        #expect(standard.header.contains("support_almi"))
        #expect(standard.rows.map { $0["form"] } == ["ideell_forening", "other"])
        for (name, bytes) in try fixture.allFiles(in: "standard") {
            for code in ["public_loan", "innovation_grant"] {
                #expect(!Self.contains(bytes, Array(code.utf8)), "standard/\(name) holds the partner code \(code)")
            }
        }
    }

    /// A respondent may write a name in any free text ("other: our chair Anna Berg"): a partner
    /// export leaves the texts out unless asked for, and the option column keeps its name either way.
    @Test func freeTextAnswersAreLeftOutOfAPartnerExportUnlessAskedFor() throws {
        let fixture = try ExportFixture(survey: "free-text.yaml")
        try fixture.insert([
            ["form": .choice("other"), "form_other": .text("Anna Bergs stiftelse"), "story": .text("Ring Anna Berg"), "country": .text("SE")],
        ])
        try fixture.export(ExportOptions(language: "sv", profile: .euclid))
        try fixture.export(ExportOptions(shape: .long, profile: .euclid), to: "long")
        for folder in ["out", "long"] {
            for (name, bytes) in try fixture.allFiles(in: folder) {
                #expect(!Self.contains(bytes, Array("Anna Berg".utf8)), "\(folder)/\(name) holds a free text")
            }
        }
        let (header, rows) = try fixture.table("responses.csv")
        #expect(header == ["respondent_id", "language", "source", "FT_FORM", "FT_COUNTRY"])
        #expect(rows[0]["FT_FORM"] == "other" && rows[0]["FT_COUNTRY"] == "SE", "a calculated text is not a free text")
        #expect((try fixture.json("provenance.json")["options"] as? [String: Any])?["freeText"] as? Bool == false)
        #expect(try fixture.read("codebook.md").contains("Fritextsvar (textfrågor och ”annat”-texter) är borttagna"))

        try fixture.export(ExportOptions(profile: .euclid, includeFreeText: true), to: "agreed")
        let agreed = try fixture.table("responses.csv", in: "agreed")
        #expect(agreed.header == ["respondent_id", "language", "source", "FT_FORM", "FT_FORM_OTHER", "FT_STORY", "FT_COUNTRY"])
        #expect(agreed.rows[0]["FT_FORM_OTHER"] == "Anna Bergs stiftelse")
        #expect((try fixture.json("provenance.json", in: "agreed")["options"] as? [String: Any])?["freeText"] as? Bool == true)

        let spread = try ExportLayout(survey: try ExportFixture().survey, options: ExportOptions(profile: .euclid))
        let agreedSpread = try ExportLayout(survey: try ExportFixture().survey, options: ExportOptions(profile: .euclid, includeFreeText: true))
        #expect(spread.columns.map(\.name).contains("EX_BARRIERS__OTHER") && agreedSpread.columns.map(\.name).contains("EX_BARRIERS__OTHER"),
                "the option other is named alike with and without the texts")
        #expect(!spread.columns.map(\.name).contains("EX_BARRIERS_OTHER"))
    }

    /// A calculation can copy a free text (`concat('Berättelse: ', ${story})`), directly or through
    /// another calculation: it is left out with the text. One that only measures it (its length)
    /// cannot carry a name and stays.
    @Test func aCalculationThatCopiesAFreeTextIsLeftOutWithIt() throws {
        let fixture = try ExportFixture(survey: "free-text-copied.yaml")
        try fixture.insert([[
            "story": .text("Ring Anna Berg"), "story_line": .text("Berättelse: Ring Anna Berg"),
            "story_quoted": .text("«Berättelse: Ring Anna Berg»"), "story_length": .integer(14),
        ]])
        try fixture.export(ExportOptions(profile: .euclid))
        for (name, bytes) in try fixture.allFiles() {
            #expect(!Self.contains(bytes, Array("Anna Berg".utf8)), "\(name) holds a free text")
        }
        let (header, rows) = try fixture.table("responses.csv")
        #expect(header == ["respondent_id", "language", "source", "FT_STORY_LENGTH"])
        #expect(rows[0]["FT_STORY_LENGTH"] == "14")

        try fixture.export(ExportOptions(profile: .euclid, includeFreeText: true), to: "agreed")
        #expect(try fixture.table("responses.csv", in: "agreed").header
                == ["respondent_id", "language", "source", "FT_STORY", "FT_STORY_LINE", "FT_STORY_QUOTED", "FT_STORY_LENGTH"])
    }

    @Test func pseudonymsAreStableWithinTheRoundAndNotTheIds() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(profile: .euclid), to: "first")
        try fixture.export(ExportOptions(profile: .euclid), to: "second")
        let first = try fixture.table("responses.csv", in: "first").rows.map { $0["respondent_id"]! }
        let second = try fixture.table("responses.csv", in: "second").rows.map { $0["respondent_id"]! }
        #expect(first == second)
        #expect(Set(first).count == 3)
        for pseudonym in first {
            #expect(pseudonym.wholeMatch(of: /R-[A-Z2-7]{12}/) != nil)
        }
    }

    @Test func theSameIdGetsUnrelatedPseudonymsUnderDifferentRoundKeys() throws {
        let fixture = try ExportFixture(round: "ex-2026")
        let key2025 = try fixture.store.pseudonymKey(round: "ex-2025")
        let key2026 = try fixture.store.pseudonymKey(round: "ex-2026")
        let a = Pseudonymizer(key: key2025)
        let b = Pseudonymizer(key: key2026)
        let differing = (1...200).filter { a.pseudonym(for: Int64($0)) != b.pseudonym(for: Int64($0)) }.count
        #expect(differing == 200)
        #expect(Set((1...1000).map { a.pseudonym(for: Int64($0)) }).count == 1000)
    }

    @Test func aKnownKeyGivesAKnownPseudonym() {
        // HMAC-SHA256(key = 32 zero bytes, message = 00 00 00 00 00 00 00 01), first 60 bits in base32.
        let pseudonymizer = Pseudonymizer(key: [UInt8](repeating: 0, count: 32))
        #expect(pseudonymizer.pseudonym(for: 1) == Self.expectedPseudonymOfOneUnderZeroKey)
    }

    /// Computed independently: `python3 -c "import hmac,hashlib,base64; m=hmac.new(bytes(32), (1).to_bytes(8,'big'), hashlib.sha256).digest(); print('R-'+base64.b32encode(m[:8]).decode()[:12])"`.
    static let expectedPseudonymOfOneUnderZeroKey = "R-USQRZZP35D4W"

    @Test func provenanceNamesTheDefinitionRoundAndCleaning() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(profile: .euclid))
        let provenance = try fixture.json("provenance.json")
        let definition = try #require(provenance["definition"] as? [String: Any])
        #expect(definition["version"] as? String == "2025.2")
        #expect(definition["sha256"] as? String == fixture.document.contentHash)
        #expect((provenance["round"] as? [String: Any])?["name"] as? String == "ex-2025")
        #expect(provenance["producer"] as? String == "Samla test")
        #expect(provenance["exportedAt"] as? String == "2025-11-01T12:00:00.000Z")
        #expect((provenance["cleaning"] as? [String: Any])?["applied"] as? Bool == false)
        #expect((provenance["options"] as? [String: Any])?["personalData"] as? Bool == false)
    }

    @Test func cleanedResponsesAreLeftOutAndCounted() throws {
        let fixture = try ExportFixture()
        let ids = try fixture.insert(ExportFixture.sample)
        let cleaning = CleaningSummary(
            source: "frameworks/test.yaml", rules: [CleaningSummary.Rule(name: "duplicate", description: "duplicates", responses: [ids[1]])],
            removed: [ids[1]])
        let summary = try fixture.export(ExportOptions(profile: .euclid, cleaning: cleaning))
        #expect(summary.facts.read == 3 && summary.facts.responses == 2)
        #expect(try fixture.table("responses.csv").rows.count == 2)
        let log = try #require(try fixture.json("provenance.json")["cleaning"] as? [String: Any])
        #expect(log["applied"] as? Bool == true && log["removed"] as? Int == 1 && log["kept"] as? Int == 2)
        let removed = try fixture.table("cleaning-log.csv").rows
        #expect(removed.count == 1 && removed[0]["rule"] == "duplicate")
        #expect(removed[0]["respondent_id"] == Pseudonymizer(key: try fixture.store.pseudonymKey(round: "ex-2025")).pseudonym(for: ids[1]),
                "a partner sees which pseudonymous responses were removed, never their ids")
        let resources = try #require(try fixture.json("datapackage.json")["resources"] as? [[String: Any]])
        let logResource = try #require(resources.first { $0["name"] as? String == "cleaning-log" })
        let fields = try #require((logResource["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        let id = try #require(fields.first { $0["name"] as? String == "respondent_id" })
        #expect((id["constraints"] as? [String: Any])?["pattern"] as? String == Pseudonymizer.pattern)
    }

    @Test func aPartnerSeesTheFrameworksFileNameNotTheFoldersOnTheStaffsComputer() throws {
        let fixture = try ExportFixture()
        let ids = try fixture.insert(ExportFixture.sample)
        let cleaning = CleaningSummary(
            source: "/Users/anna.berg/Documents/msi/frameworks/msi-toc.yaml",
            rules: [CleaningSummary.Rule(name: "duplicate", description: "duplicates", responses: [ids[1]])], removed: [ids[1]])
        try fixture.export(ExportOptions(profile: .euclid, cleaning: cleaning))
        for (name, bytes) in try fixture.allFiles() {
            #expect(!Self.contains(bytes, Array("anna.berg".utf8)), "\(name) holds the folder of the framework")
        }
        let log = try #require(try fixture.json("provenance.json")["cleaning"] as? [String: Any])
        #expect(log["source"] as? String == "msi-toc.yaml")
        try fixture.export(ExportOptions(cleaning: cleaning), to: "standard")
        let standard = try #require(try fixture.json("provenance.json", in: "standard")["cleaning"] as? [String: Any])
        #expect(standard["source"] as? String == cleaning.source, "MSI's own export cites the file as given")
    }

    @Test func aSurveyWithoutExportNamesCannotBeExportedForAPartner() throws {
        var survey = try ExportFixture().survey
        for p in survey.pages.indices { for q in survey.pages[p].questions.indices { survey.pages[p].questions[q].exportAs = nil } }
        #expect(throws: ExportError.profileEmpty(survey: "export-test")) { try ExportLayout(survey: survey, options: ExportOptions(profile: .euclid)) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}
