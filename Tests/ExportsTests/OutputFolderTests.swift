import Foundation
import GRDB
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// The output folder is never left half-written, and earlier files are kept unless replaced on purpose.
@Suite struct OutputFolderTests {
    @Test func anEarlierExportIsNotReplacedWithoutOverwrite() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export()
        let before = try fixture.allFiles()
        let target = (fixture.outputPath() as NSString).appendingPathComponent("responses.csv")
        #expect(throws: ExportError.outputExists(path: target)) { try fixture.export() }
        #expect(try fixture.allFiles() == before)
        try fixture.insert([ExportFixture.sample[0]])
        try fixture.export(ExportOptions(overwrite: true))
        #expect(try fixture.table("responses.csv").rows.count == 4)
        #expect(try fixture.allFiles().keys.sorted() == before.keys.sorted(), "no staging folder is left behind")
    }

    @Test func overwriteLeavesNoFileOfTheEarlierExportBehind() throws {
        // An earlier export with personal data in the wide form, replaced by one in the long form:
        // its responses.csv must not stay next to the new export (a folder that is sent on).
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(includePII: true))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: (fixture.outputPath() as NSString).appendingPathComponent("notes.txt")))
        try fixture.export(ExportOptions(shape: .long, overwrite: true))
        #expect(try fixture.allFiles().keys.sorted() == [
            "codebook.csv", "codebook.md", "datapackage.json", "notes.txt", "provenance.json", "responses-long.csv",
        ], "the earlier responses.csv is gone; files that are not an export's are kept")
        #expect(try fixture.read("notes.txt") == "mine")
    }

    @Test func aCodeMissingFromTheDefinitionStopsTheExportAndWritesNothing() throws {
        let fixture = try ExportFixture()
        var answers = ExportFixture.sample[0]
        answers["legal_form"] = .choice("gmbh")
        let ids = try fixture.insert([ExportFixture.sample[1], answers])
        #expect(throws: ExportError.unknownCode(response: ids[1], variable: "legal_form", code: "gmbh")) { try fixture.export() }
        #expect(!FileManager.default.fileExists(atPath: fixture.outputPath()), "the folder the export made is gone again")
        // Into a folder that was there, and into one whose parent it would have made too.
        try FileManager.default.createDirectory(atPath: fixture.outputPath("kept"), withIntermediateDirectories: true)
        #expect(throws: ExportError.self) { try fixture.export(to: "kept") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.outputPath("kept")).isEmpty)
        #expect(throws: ExportError.self) { try fixture.export(to: "new/deeper") }
        #expect(!FileManager.default.fileExists(atPath: fixture.outputPath("new")))
        let diagnostic = ExportError.unknownCode(response: ids[1], variable: "legal_form", code: "gmbh").diagnostics(database: "db.sqlite")[0]
        #expect(diagnostic.description.hasPrefix("db.sqlite: error[E604]: response \(ids[1]) holds the code 'gmbh' in legal_form"))
    }

    /// A definition stored by an earlier Samla that checks less: the export says how to recover,
    /// and re-opening the round with the corrected file recovers it with its answers.
    @Test func aStoredDefinitionThatNoLongerLoadsSaysHowToRecover() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        let broken = fixture.document.sourceText.replacingOccurrences(of: "pages:", with: "lable: x\npages:")
        try DatabaseQueue(path: fixture.folder.appendingPathComponent("samla.sqlite").path).write { db in
            try db.execute(sql: "UPDATE definitions SET source = ?", arguments: [broken])
        }
        var refusal: ExportError?
        do { try fixture.export() } catch let error as ExportError { refusal = error }
        let diagnostic = try #require(refusal?.diagnostics(database: "db.sqlite").first)
        #expect(diagnostic.code.id == "E605")
        #expect(diagnostic.message.hasSuffix(
            "; correct the definition file and re-open the round with it (samla round open FILE --name ex-2025), which keeps its answers (nothing was exported)"),
            "\(diagnostic.message)")
        #expect(!FileManager.default.fileExists(atPath: fixture.outputPath()))

        let corrected = SurveyDocument(survey: fixture.survey, sourceText: fixture.document.sourceText + "\n# corrected\n")
        try fixture.store.openRound(RoundRequest(name: fixture.round, document: corrected, opens: nil, closes: nil, anonymous: true))
        let summary = try fixture.export()
        #expect(summary.facts.responses == ExportFixture.sample.count)
    }

    @Test func anUnknownMultipleChoiceCodeIsRefusedToo() throws {
        let fixture = try ExportFixture()
        var answers = ExportFixture.sample[0]
        answers["barriers"] = .choices(["funding", "weather"])
        let ids = try fixture.insert([answers])
        #expect(throws: ExportError.unknownCode(response: ids[0], variable: "barriers", code: "weather")) { try fixture.export() }
    }

    @Test func aFileWhereTheFolderShouldBeIsRefused() throws {
        let fixture = try ExportFixture()
        let path = fixture.outputPath("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ExportError.outputUnwritable(path: path, reason: "it is a file, not a folder; give --out a folder")) { try fixture.export(to: "plain-file") }
    }

    /// A folder to be made under a file is refused by naming the file, where Foundation said only
    /// "NSCocoaErrorDomain error 512".
    @Test func aFileAboveTheFolderToMakeIsNamed() throws {
        let fixture = try ExportFixture()
        let file = fixture.outputPath("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: ExportError.outputUnwritable(path: file + "/export/2025", reason: "\(file) is a file, not a folder; give --out a path that does not run through it, or move \(file) out of the way")) {
            try fixture.export(to: "plain-file/export/2025")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
    }

    @Test func anEmptyRoundGivesHeadersAndAWarning() throws {
        let fixture = try ExportFixture()
        let summary = try fixture.export()
        #expect(summary.warnings.map(\.code.id) == ["W600"])
        #expect(try fixture.table("responses.csv").rows.isEmpty)
    }

    @Test func anUnknownRoundIsTheStoresRefusalWithASuggestion() throws {
        let fixture = try ExportFixture()
        #expect(throws: StoreError.unknownRound("ex-2052", suggestion: "ex-2025")) { try fixture.export(round: "ex-2052") }
    }
}
