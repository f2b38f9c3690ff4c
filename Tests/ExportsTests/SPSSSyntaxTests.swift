import Foundation
import SurveyDefinition
import Testing
@testable import Exports

/// `responses.sps`: SPSS syntax that reads the wide data file with every variable's label, type,
/// measurement level and value labels, from the codebook's descriptions and the cells written.
@Suite struct SPSSSyntaxTests {
    private func exported(_ options: ExportOptions = ExportOptions(), survey: String = "export-test.yaml",
                          rows: [[String: AnswerValue]] = ExportFixture.sample) throws -> (ExportFixture, String) {
        let fixture = try ExportFixture(survey: survey)
        try fixture.insert(rows)
        try fixture.export(options)
        return (fixture, try fixture.read(SPSSSyntax.file))
    }

    /// The `/VARIABLES=` lines: name → input format.
    private func formats(_ syntax: String) -> [String: String] {
        let block = syntax.components(separatedBy: "/VARIABLES=\n")[1].components(separatedBy: ".\n")[0]
        return Dictionary(uniqueKeysWithValues: block.split(separator: "\n").flatMap { line in
            let parts = line.split(separator: " ")
            return stride(from: 0, to: parts.count - 1, by: 2).map { (String(parts[$0]), String(parts[$0 + 1])) }
        })
    }

    @Test func theSyntaxDeclaresEveryColumnWithItsTypeFromTheCodebookAndTheCells() throws {
        let (fixture, syntax) = try exported()
        let header = try fixture.table("responses.csv").header
        let formats = formats(syntax)
        #expect(syntax.components(separatedBy: "/VARIABLES=\n")[1].split(separator: "\n").prefix(header.count)
            .map { String($0.split(separator: " ")[0]) } == header)
        // Numbers are read without implied decimals and shown as measured: 37.5, 0.1 and 100.
        #expect(formats["women_share"] == "F40.0" && syntax.contains("women_share (F5.1)"))
        #expect(syntax.contains("founded (F4.0)") && syntax.contains("balance (F7.0)") && syntax.contains("response_id (F1.0)"))
        #expect(formats["started"] == "SDATE10")
        // Codes that are all whole numbers are numbers; others (yes, no, -1) strings as wide as the widest.
        #expect(formats["voice_staff"] == "F40.0" && syntax.contains("voice_staff (F1.0)"))
        #expect(formats["has_board"] == "A3" && formats["legal_form"] == "A6")
        #expect(formats["barriers_funding"] == "F40.0" && formats["certified"] == "F40.0")
        // Texts as wide as the longest cell in bytes: "rad ett\r\nrad två; 🍰" is 23 bytes (å 2, 🍰 4).
        #expect(formats["story"] == "A23")
        // The apostrophe of "'=HYPERLINK(…)" counts: the cell is read whole, then repaired.
        #expect(formats["barriers_other"] == "A\("'=HYPERLINK(\"http://x\")".utf8.count)")
        #expect(formats["submitted_at"] == "A\("2025-10-12T09:31:05.000Z".utf8.count)" && formats["language"] == "A2")
        #expect(syntax.contains("VARIABLE LEVEL response_id language submitted_at"))
        #expect(syntax.contains("/founded balance women_share started age (SCALE)."))
    }

    @Test func labelsAndValueLabelsAreTheCodebooksInTheExportsLanguage() throws {
        let (_, syntax) = try exported(ExportOptions(language: "en"))
        #expect(syntax.contains("VARIABLE LABELS response_id 'The response''s number in the database'"))
        #expect(syntax.contains("  /barriers_skills 'Barriers – Skills'"))
        #expect(syntax.contains("VALUE LABELS legal_form\n    'ab' 'Limited company'"))
        #expect(syntax.contains("  /has_board\n    'yes' 'Yes'\n    'no' 'No'\n    '-1' 'Don''t know'"))
        #expect(syntax.contains("  /barriers_funding\n    0 'not chosen'\n    1 'chosen'"))
        #expect(syntax.contains("  /certified\n    1 'Yes'\n    0 'No'"))
        #expect(syntax.contains("  /voice_staff\n    1 'Disagree'"))
        let (_, swedish) = try exported()
        #expect(swedish.contains("'Ideell förening, \"allmännyttig\"'"))
        #expect(swedish.contains("  /certified\n    1 'Ja'\n    0 'Nej'"))
    }

    @Test func aTextWithALineBreakIsReadFromACopyThatMarksItsLineBreaks() throws {
        let (fixture, syntax) = try exported()
        #expect(syntax.contains("  /FILE='\(SPSSDataCopy.file)'"))
        #expect(syntax.contains("COMPUTE story = REPLACE(REPLACE(story, X'1E', X'0A'), X'1F', X'0D')."))
        let copy = try fixture.read(SPSSDataCopy.file)
        let original = try fixture.read("responses.csv")
        // The cell needs no quotes without its line break.
        #expect(copy == original.replacingOccurrences(of: "\"rad ett\r\nrad två; 🍰\"", with: "rad ett\u{1F}\u{1E}rad två; 🍰"))
        #expect(copy.split(separator: "\r\n").count == 4)
        let provenance = try fixture.json("provenance.json")
        let files = try #require(provenance["files"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(files.contains(SPSSDataCopy.file) && files.contains(SPSSSyntax.file))

        let (plain, plainSyntax) = try exported(rows: [["legal_form": .choice("ab"), "founded": .integer(1999), "story": .text("en rad")]])
        #expect(plainSyntax.contains("  /FILE='responses.csv'") && !plainSyntax.contains("REPLACE(REPLACE"))
        #expect(!FileManager.default.fileExists(atPath: (plain.outputPath() as NSString).appendingPathComponent(SPSSDataCopy.file)))
    }

    /// An export over one whose texts had line breaks, with --overwrite, leaves no copy of that data behind.
    @Test func anOverwritingExportRemovesAnEarlierCopy() throws {
        let (fixture, _) = try exported()
        let copy = (fixture.outputPath() as NSString).appendingPathComponent(SPSSDataCopy.file)
        #expect(FileManager.default.fileExists(atPath: copy))
        try fixture.export(ExportOptions(overwrite: true))
        #expect(FileManager.default.fileExists(atPath: copy))
        try fixture.export(ExportOptions(values: .labels, overwrite: true))
        #expect(!FileManager.default.fileExists(atPath: copy))
        #expect(!FileManager.default.fileExists(atPath: (fixture.outputPath() as NSString).appendingPathComponent(SPSSSyntax.file)))
    }

    @Test func cellsWithTheSpreadsheetApostropheAreRepaired() throws {
        let (_, syntax) = try exported()
        #expect(syntax.contains("COMPUTE #rest = RTRIM(LTRIM(barriers_other, \"'\"))."))
        #expect(syntax.contains("    story = SUBSTR(story, 2)."))
        // Columns whose cells never carry one are left alone.
        #expect(!syntax.contains("LTRIM(legal_form") && !syntax.contains("LTRIM(has_board"))
    }

    @Test func aSemicolonFileWithDecimalCommasIsReadAsWritten() throws {
        let (fixture, syntax) = try exported(ExportOptions(delimiter: ";", decimalComma: true))
        #expect(syntax.contains("SET DECIMAL=COMMA.") && syntax.contains("  /DELIMITERS=';'") && syntax.contains("RESTORE."))
        #expect(try fixture.read("responses.csv").contains("37,5"))
        let (_, standard) = try exported()
        #expect(standard.contains("SET DECIMAL=DOT.") && standard.contains("  /DELIMITERS=','"))
    }

    @Test func aPartnerExportDeclaresItsNamesAndBands() throws {
        let fixture = try ExportFixture(survey: "export-bands.yaml")
        try fixture.insert(ExportBandsTests.edges)
        try fixture.export(ExportOptions(language: "sv", profile: .euclid, kAnonymity: 1))
        let syntax = try fixture.read(SPSSSyntax.file)
        let formats = formats(syntax)
        #expect(formats["respondent_id"] == "A14" && formats["QB_FOUNDED"] == "A10" && formats["QB_RESULT"] == "A7")
        #expect(syntax.contains("  /QB_RESULT\n    '<-1' 'under -1'\n    '-1-<0' '-1 till under 0'"))
        #expect(syntax.contains("/QB_FOUNDED QB_RESULT (ORDINAL)"))
        // The band -1-<0 is written '-1-<0 in the data, so the column is repaired.
        #expect(syntax.contains("LTRIM(QB_RESULT") && !syntax.contains("LTRIM(QB_FOUNDED"))
    }

    @Test func longAndLabelledExportsWriteNoSyntax() throws {
        for options in [ExportOptions(shape: .long), ExportOptions(values: .labels)] {
            let fixture = try ExportFixture()
            try fixture.insert(ExportFixture.sample)
            let summary = try fixture.export(options)
            #expect(!summary.files.contains { $0.hasSuffix(SPSSSyntax.file) })
            let samla = try #require(try fixture.json("datapackage.json")["samla"] as? [String: Any])
            #expect(samla["spssSyntax"] == nil)
        }
        let (fixture, _) = try exported()
        let samla = try #require(try fixture.json("datapackage.json")["samla"] as? [String: Any])
        #expect(samla["spssSyntax"] as? String == SPSSSyntax.file)
        let resources = try #require(try fixture.json("datapackage.json")["resources"] as? [[String: Any]])
        #expect(!resources.contains { ($0["path"] as? String)?.hasSuffix(".sps") == true })
    }

    @Test func namesSPSSRefusesAreRenamedAndSaidSo() throws {
        let (fixture, syntax) = try exported(survey: "spss-names.yaml", rows: [
            ["with": .integer(12), "_note": .text("'=x"), "place": .choices(["-1", "home"])],
        ])
        let formats = formats(syntax)
        #expect(formats["with_"] == "F40.0" && formats["v_note"] == "A4")
        #expect(formats["place_v_1"] == nil && formats["place__1"] == "F40.0" && formats["place_a_b"] == "F40.0")
        #expect(syntax.contains("*   with is with_.") && syntax.contains("*   _note is v_note.") && syntax.contains("*   place_-1 is place__1."))
        let codebook = try fixture.read("codebook.md")
        #expect(codebook.contains("`with` → `with_`") && codebook.contains("`place_a/b` → `place_a_b`"))
        let summary = try fixture.export(ExportOptions(overwrite: true))
        let warning = try #require(summary.warnings.first { $0.code == .exportSPSSRenamed })
        #expect(warning.message.hasPrefix("SPSS does not take the column names with, _note, place_-1, place_a/b; the syntax file names them with_, v_note, place__1, place_a_b"))
    }

    /// PSPP reads a line whose first word is `COMM`…`COMMENT` or `DOC`…`DOCUMENT` as that command,
    /// inside GET DATA too: a question named `comment` ended the variable list there, and every
    /// column after it went unread. Such a name is kept, and never put first on a line.
    @Test func aNamePSPPReadsAsACommentNeverBeginsALine() throws {
        let (_, syntax) = try exported(survey: "spss-names.yaml", rows: [
            ["with": .integer(1), "comment": .text("=1+1"), "document": .integer(3)],
        ])
        let firstWords = syntax.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!firstWords.contains { SPSSSyntax.readsAsComment($0) }, "\(firstWords)")
        let formats = formats(syntax)
        #expect(formats["comment"] == "A5" && formats["document"] == "F40.0")
        #expect(syntax.contains(" comment = SUBSTR(comment, 2)."), "the apostrophe of '=1+1 is taken off")
        #expect(!syntax.contains("comment is ") && !syntax.contains("document is "), "not renamed")
        for name in ["comm", "Comment", "COMMENT", "doc", "documen", "document"] { #expect(SPSSSyntax.readsAsComment(name), "\(name)") }
        for name in ["com", "comments", "comment_x", "do", "docs", "documents"] { #expect(!SPSSSyntax.readsAsComment(name), "\(name)") }
    }

    @Test func labelsLongerThanSPSSHoldsAreCutBetweenCharacters() throws {
        let (_, syntax) = try exported(survey: "spss-names.yaml", rows: [["with": .integer(1)]])
        #expect(syntax.contains("Labels longer than SPSS holds (variable labels 255 bytes, value labels 120) are cut."))
        #expect(syntax.contains("'Kommentar med radbrytning och ''apostrofer'''"))
        let cut = SPSSSyntax.cut(String(repeating: "å", count: 200), bytes: 255)
        #expect(cut.utf8.count == 254 && cut.allSatisfy { $0 == "å" })
        #expect(SPSSSyntax.cut("kort", bytes: 120) == "kort")
        #expect(SPSSSyntax.oneLine("a\r\nb\nc\rd\te") == "a b c d e")
    }

    @Test func literalsDoubleApostrophesAndSplitLongTexts() {
        #expect(SPSSSyntax.literal("Don't") == "'Don''t'")
        let long = SPSSSyntax.literal(String(repeating: "ö", count: 70))
        #expect(long == "'" + String(repeating: "ö", count: 30) + "' +\n    '" + String(repeating: "ö", count: 30) + "' +\n    '" + String(repeating: "ö", count: 10) + "'")
    }

    @Test(arguments: [
        ("founded", "founded"), ("BY", "BY_"), ("with", "with_"), ("_x", "v_x"), ("1st", "v1st"), ("q_-1", "q__1"),
        ("q_a/b", "q_a_b"), ("q_@home", "q_@home"), ("näring", "näring"), ("a.", "a_"),
    ])
    func namesAreMadeValid(column: String, name: String) {
        #expect(SPSSNames(columns: [column]).names == [name])
    }

    @Test func renamedNamesDoNotMeetOthersAndStayShort() {
        let names = SPSSNames(columns: ["q__1", "q_-1", "Q_+1"])
        #expect(names.names == ["q__1", "q__1_2", "Q__1_3"])
        #expect(names.renamed.map(\.column) == ["q_-1", "Q_+1"])
        let long = String(repeating: "x", count: 70)
        let made = SPSSNames(columns: [String(repeating: "x", count: 64), "_" + long])
        #expect(made.names[1].utf8.count == 64 && made.names[1].hasPrefix("v_x"))
        #expect(SPSSNames(columns: [long]).names[0].utf8.count == 64)
    }
}
