import Foundation
import Testing

/// `samla validate`, run as the built binary: output formats and exit codes.
@Suite struct ValidateCommandTests {
    let valid = SamlaBinary.fixture("valid/complete.yaml")
    let broken = SamlaBinary.fixture("broken/unknown-key-misspelt.yaml")
    let warningOnly = SamlaBinary.fixture("broken/unused-choice-list.yaml")

    @Test func validFileExitsZero() throws {
        let run = try SamlaBinary.run(["validate", valid])
        #expect(run.status == 0)
        #expect(run.output == "no problems in 1 file\n")
    }

    @Test func errorsArePrintedOnePerLineAndExitOne() throws {
        let run = try SamlaBinary.run(["validate", broken, valid])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines == [
            "\(broken):20:9: error[E007]: unknown key 'lable' in question `founded` (did you mean label?)",
            "1 error in 2 files",
        ])
    }

    /// A survey's `refusal` is checked as its other expressions are: a misspelt name at its line
    /// and column, with the name meant.
    @Test func aMisspeltRefusalIsAnErrorAtItsPlace() throws {
        let file = SamlaBinary.fixture("broken/refusal-misspelt.yaml")
        let run = try SamlaBinary.run(["validate", file])
        #expect(run.status == 1)
        #expect(run.output == "\(file):7:11: error[E212]: ${consnt} names no variable known here (did you mean consent?)\n1 error in 1 file\n")
    }

    @Test func warningsAloneExitZero() throws {
        let run = try SamlaBinary.run(["validate", warningOnly])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("\(warningOnly):10:3: warning[W102]: "))
        #expect(run.output.hasSuffix("1 warning in 1 file\n"))
    }

    @Test func jsonForEditorsAndCI() throws {
        let run = try SamlaBinary.run(["validate", "--format", "json", broken, warningOnly])
        #expect(run.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        #expect(object["files"] as? Int == 2)
        let entries = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(entries.map { $0["code"] as? String } == ["E007", "W102"])
        #expect(entries[0]["line"] as? Int == 20)
        #expect(entries[0]["column"] as? Int == 9)
        #expect(entries[0]["file"] as? String == broken)
        #expect(entries[1]["severity"] as? String == "warning")
    }

    @Test func usageErrorsExitTwo() throws {
        let none = try SamlaBinary.run(["validate"])
        #expect(none.status == 2)
        #expect(none.errors.contains("give at least one definition file"))
        let format = try SamlaBinary.run(["validate", "--format", "xml", valid])
        #expect(format.status == 2)
        #expect(try SamlaBinary.run(["validate", "--frmat", "json", valid]).status == 2)
    }

    @Test func missingFileAndUnknownKindAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = folder.appendingPathComponent("notes.yaml").path
        try "title: Anteckningar\nitems: [a, b]\n".write(toFile: notes, atomically: true, encoding: .utf8)
        let missing = folder.appendingPathComponent("missing.yaml").path
        let run = try SamlaBinary.run(["validate", notes, missing])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("\(notes):1:1: error[E012]: the file does not say what it defines"))
        #expect(lines[1] == "\(missing): error[E001]: no such file; check the path")
        #expect(lines[2] == "2 errors in 2 files")
    }

    @Test func binaryGarbageIsADiagnostic() throws {
        let garbage = SamlaBinary.fixture("files/garbage.bin")
        let run = try SamlaBinary.run(["validate", garbage])
        #expect(run.status == 1)
        #expect(run.output.hasPrefix("\(garbage):1:1: error[E002]: "))
    }

    @Test func everyBrokenFixtureIsRefusedOrWarned() throws {
        let folder = SamlaBinary.fixture("broken")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        let run = try SamlaBinary.run(["validate", "--format", "json"] + files.map { "\(folder)/\($0)" })
        #expect(run.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let entries = try #require(object["diagnostics"] as? [[String: Any]])
        let filesWithDiagnostics = Set(entries.compactMap { $0["file"] as? String })
        #expect(filesWithDiagnostics.count == files.count)
    }
}
