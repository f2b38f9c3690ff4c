import Foundation
import Testing
@testable import Diagnostics

@Suite struct RenderingTests {
    let source = Diagnostic(.unknownKey, at: SourceLocation(file: "s.yaml", line: 4, column: 7), "unknown key 'lable' (did you mean label?)")
    let cell = Diagnostic(.invalidValue, at: .record(file: "r.csv", row: 3, column: "founded", line: 5), "'abc' is not a whole number")

    @Test func sourceLine() {
        #expect(source.description == "s.yaml:4:7: error[E007]: unknown key 'lable' (did you mean label?)")
    }

    @Test func recordLine() {
        #expect(cell.description == "r.csv:5: error[E009]: row 3, column founded: 'abc' is not a whole number")
    }

    @Test func fieldAndFileLines() {
        #expect(Diagnostic(.missingKey, at: .field("email"), "required").description == "field email: error[E008]: required")
        #expect(Diagnostic(.fileEmpty, at: .file("x.yaml"), "empty").description == "x.yaml: error[E003]: empty")
    }

    @Test func summaryCountsAndPlurals() {
        #expect(DiagnosticRenderer.summary(errors: 0, warnings: 0, files: 3) == "no problems in 3 files")
        #expect(DiagnosticRenderer.summary(errors: 1, warnings: 2, files: 1) == "1 error and 2 warnings in 1 file")
        #expect(DiagnosticRenderer.summary(errors: 0, warnings: 1, files: 2) == "1 warning in 2 files")
    }

    @Test func jsonCarriesStructuredLocations() throws {
        let text = DiagnosticRenderer.json([source, cell], files: 2)
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 2)
        #expect(object["files"] as? Int == 2)
        let entries = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(entries[0]["code"] as? String == "E007")
        #expect(entries[0]["line"] as? Int == 4)
        #expect(entries[0]["column"] as? Int == 7)
        #expect(entries[1]["row"] as? Int == 3)
        #expect(entries[1]["field"] as? String == "founded")
    }

    @Test func listSortsByPlaceErrorsFirstAndDropsRepeats() {
        let early = Diagnostic(.missingKey, at: SourceLocation(file: "s.yaml", line: 1, column: 1), "a")
        var list = DiagnosticList()
        list.report(source)
        list.report(early)
        list.report(source)
        #expect(list.sorted == [early, source])
        #expect(list.hasErrors)
    }
}
