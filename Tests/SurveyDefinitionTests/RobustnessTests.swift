import Diagnostics
import Foundation
import SurveyDefinition
import Testing
import YAMLReading

/// Whatever the file holds, loading gives diagnostics: never a crash, never a hang.
@Suite struct RobustnessTests {
    private func only(_ result: SurveyLoadResult, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        #expect(result.document == nil, sourceLocation: sourceLocation)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)", sourceLocation: sourceLocation)
        return result.diagnostics.first
    }

    @Test func binaryGarbageIsNotText() throws {
        let path = Fixtures.path("files/garbage.bin")
        let diagnostic = try #require(only(SurveyLoader.load(contentsOf: path)))
        #expect(diagnostic.code == .fileNotText)
        #expect(diagnostic.location == .source(Diagnostics.SourceLocation(file: path, line: 1, column: 1)))
    }

    @Test func emptyFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty.yaml").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let diagnostic = try #require(only(SurveyLoader.load(contentsOf: path)))
        #expect(diagnostic.code == .fileEmpty)
        #expect(diagnostic.location == .file(path))
        #expect(only(SurveyLoader.load(text: " \n\n  \n", path: "blank.yaml"))?.code == .fileEmpty)
    }

    @Test func tenMegabyteFileIsRefusedBeforeParsing() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.yaml").path
        let line = Data("      - {name: q, type: text, label: {sv: \"Fråga\", en: \"Question\"}}\n".utf8)
        var data = Data("id: huge\npages:\n  - id: p\n    questions:\n".utf8)
        while data.count < 10 * 1024 * 1024 { data.append(line) }
        try data.write(to: URL(fileURLWithPath: path))
        let diagnostic = try #require(only(SurveyLoader.load(contentsOf: path)))
        #expect(diagnostic.code == .fileTooLarge)
        #expect(diagnostic.message.contains("4 MiB"))
        let fromText = try #require(only(SurveyLoader.load(text: String(decoding: data, as: UTF8.self), path: path)))
        #expect(fromText.code == .fileTooLarge)
    }

    @Test func fileAtTheSizeLimitIsParsed() throws {
        let limits = YAMLLimits(maxBytes: 1000, maxDepth: 100)
        let text = "a: " + String(repeating: "x", count: 997)
        #expect(text.utf8.count == 1000)
        #expect(YAMLDocument.parse(text: text, path: "at-limit.yaml", limits: limits).document != nil)
        #expect(YAMLDocument.parse(text: text + "x", path: "over.yaml", limits: limits).diagnostics.map(\.code) == [.fileTooLarge])
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() throws {
        let flow = "x: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(only(SurveyLoader.load(text: flow, path: "flow.yaml"))?.code == .fileTooLarge)
        let block = "x: " + String(repeating: "- ", count: 200_000) + "a"
        #expect(only(SurveyLoader.load(text: block, path: "block.yaml"))?.code == .fileTooLarge)
        let mappings = "x: " + String(repeating: "{a: ", count: 200_000) + String(repeating: "}", count: 200_000)
        #expect(only(SurveyLoader.load(text: mappings, path: "map.yaml"))?.code == .fileTooLarge)
    }

    @Test func aliasExpansionIsRefused() {
        // "Billion laughs": ten levels of ten aliases would expand to 10^10 nodes.
        var text = "a0: &a0 [lol]\n"
        for level in 1...10 {
            let items = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(items)]\n"
        }
        let result = SurveyLoader.load(text: text, path: "laughs.yaml")
        #expect(result.document == nil)
        #expect(!result.diagnostics.isEmpty)
        #expect(result.diagnostics.allSatisfy { $0.code == .anchorOrAlias })
    }

    @Test func malformedYAMLGivesItsPosition() throws {
        let diagnostic = try #require(only(SurveyLoader.load(text: "id: x\ntitle: \"unclosed\npages: []\n", path: "m.yaml")))
        #expect(diagnostic.code == .yamlSyntax)
        guard case .source(let location) = diagnostic.location else { Issue.record("no position"); return }
        #expect(location.line >= 2)
    }

    /// The YAML mistakes survey authors make most get advice about what they wrote, not libyaml's
    /// words alone (`relevant: "${a}" = 1` used to be sent to check its indentation).
    @Test(arguments: [
        ("relevant: \"${a}\" = 1", "put the whole value in one pair of quotes, e.g. relevant: \"${a} = 1\""),
        ("relevant: '${a}' = 'yes'", "e.g. relevant: \"${a} = 'yes'\""),
        ("relevant: \"${a}\" != \"\"", "e.g. relevant: '${a} != \"\"'"),
        ("relevant: \"${a}\" >= 1 # adults", "e.g. relevant: \"${a} >= 1\""),
        ("label: \"Hej\" du", "e.g. label: \"Hej du\""),
        ("label: @home", "a value starting with @ must be quoted"),
        ("label: `home`", "a value starting with ` must be quoted"),
        ("label: {sv: \"a\" en: \"b\"}", "separate the items inside {…} with commas, and close the { on line 5 with }"),
        ("label: [a, b", "close the [ on line 5 with ]"),
        ("label: {sv: a, en: b}}", "this } closes nothing: remove it"),
    ])
    func yamlMistakesGetAdvice(line: String, advice: String) throws {
        let text = "id: x\nversion: \"1\"\npages:\n  - name: a\n    \(line)\n"
        let diagnostic = try #require(only(SurveyLoader.load(text: text, path: "m.yaml")))
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.message.contains(advice), "\(diagnostic.message)")
        #expect(!diagnostic.message.contains("indentation"), "\(diagnostic.message)")
    }

    /// A key indented one space too far is read as more of the value above; quoting would not help.
    @Test func anOverIndentedKeyIsAboutIndentation() throws {
        let text = "id: x\nversion: \"1\"\npages:\n  - name: a\n    type: integer\n     unit: persons\n"
        let diagnostic = try #require(only(SurveyLoader.load(text: text, path: "m.yaml")))
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.location == .source(Diagnostics.SourceLocation(file: "m.yaml", line: 6, column: 10)))
        #expect(diagnostic.message.hasSuffix("; this line is indented more than `type` on line 5, so YAML reads it as more of that value; start `unit` in column 5, under `type` (or, if the value above really goes on, quote it)"), "\(diagnostic.message)")
        // After `- name:` too, and past a blank line.
        let item = "id: x\npages:\n  - name: a\n\n     type: integer\n"
        let second = try #require(only(SurveyLoader.load(text: item, path: "m.yaml")))
        #expect(second.message.contains("indented more than `name` on line 3"), "\(second.message)")
        // A value that holds ': ' on its own line keeps the advice to quote it.
        let colon = try #require(only(SurveyLoader.load(text: "id: x\ntitle: Time: 10:30\n", path: "m.yaml")))
        #expect(colon.message.contains("must be quoted"), "\(colon.message)")
    }

    /// libyaml breaks lines at a lone `\r` (an old Mac line ending) too. Such a file is read with
    /// line feeds there, so a diagnostic's line, column and advice are those of the same file with
    /// line feeds (the advice once read past the end of a line split at `\n` only: the compute fuzz
    /// target crashed on such a framework, a trap on an index out of range).
    @Test func loneCarriageReturnsBreakLinesAsLineFeedsDo() throws {
        let returns = try #require(only(SurveyLoader.load(text: "a: b\r  c: d\r ee\r", path: "m.yaml")))
        let feeds = try #require(only(SurveyLoader.load(text: "a: b\n  c: d\n ee\n", path: "m.yaml")))
        #expect(returns.code == .yamlSyntax)
        #expect(returns.location == .source(Diagnostics.SourceLocation(file: "m.yaml", line: 2, column: 4)))
        #expect(returns == feeds)
        #expect(returns.message.contains("indented more than `a` on line 1"), "\(returns.message)")
        // Mixed with Windows line endings, which stay one break each.
        let mixed = try #require(only(SurveyLoader.load(text: "a: b\r\n\r  c: d\n", path: "m.yaml")))
        #expect(mixed.location == .source(Diagnostics.SourceLocation(file: "m.yaml", line: 3, column: 4)))
    }

    /// A whole survey saved with old Mac line endings loads as the same survey.
    @Test func aSurveyWithOldMacLineEndingsLoads() throws {
        let text = "id: x\nversion: \"1\"\nlanguages: [en]\ntitle: X\npages:\n  - id: p\n    title: P\n    questions:\n      - name: n\n        type: integer\n        label: N\n"
        let feeds = SurveyLoader.load(text: text, path: "m.yaml")
        let returns = SurveyLoader.load(text: text.replacingOccurrences(of: "\n", with: "\r"), path: "m.yaml")
        #expect(feeds.document != nil, "\(feeds.diagnostics)")
        #expect(returns.diagnostics == feeds.diagnostics)
        #expect(returns.document == feeds.document)
    }

    /// A key of a list item started under the item's `-` (a common slip when copying a question):
    /// libyaml only says it "did not find expected '-' indicator"; the advice says where the key goes.
    @Test func aKeyUnderTheDashOfItsItemIsAboutIndentation() throws {
        let text = "id: x\npages:\n  - id: p\n    questions:\n      - name: hours\n        label: a\n      type: decimal\n"
        let diagnostic = try #require(only(SurveyLoader.load(text: text, path: "m.yaml")))
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.location == .source(Diagnostics.SourceLocation(file: "m.yaml", line: 7, column: 7)))
        #expect(diagnostic.message.hasSuffix("; `type` starts under the `-` of the list item on line 5, where YAML expects the next item; a key of that item starts in column 9, under `name`: indent `type` to column 9 (or, for a new item, write `- type:`)"), "\(diagnostic.message)")
    }

    /// A key or item one or two columns left of where it belongs lines up with nothing above it:
    /// libyaml says only what it did not find; the advice names the column and the line to follow.
    @Test(arguments: [
        // A key of a question between its item's `-` and its keys.
        ("      - name: hours\n        type: decimal\n       unit: hours\n", 7, 8,
         "`unit` starts in column 8, under no key above it; start it in column 9, under `name` on line 5"),
        // A question's `-` right of its siblings'.
        ("      - name: hours\n        type: decimal\n       - name: place\n", 7, 8,
         "this item's `-` starts in column 8, under no `-` above it; start it in column 7, under the `-` on line 5"),
        // A question's `-` left of its siblings', past the rows of a matrix.
        ("      - name: m\n        rows:\n          - {name: a}\n    - name: place\n", 8, 5,
         "this item's `-` starts in column 5, under no `-` above it; start it in column 7, under the `-` on line 5"),
    ])
    func aLineUnderNothingAboveIsAboutIndentation(questions: String, line: Int, column: Int, advice: String) throws {
        let text = "id: x\npages:\n  - id: p\n    questions:\n" + questions
        let diagnostic = try #require(only(SurveyLoader.load(text: text, path: "m.yaml")))
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.location == .source(Diagnostics.SourceLocation(file: "m.yaml", line: line, column: column)))
        #expect(diagnostic.message.hasSuffix("; \(advice)"), "\(diagnostic.message)")
    }

    /// The same in a mapping of keys alone, and for a page's key left of its `id`.
    @Test func aKeyBetweenTwoLevelsIsLinedUpWithTheNearestAbove() throws {
        let mapping = try #require(only(SurveyLoader.load(text: "a:\n  b: 1\n c: 2\n", path: "m.yaml")))
        #expect(mapping.message.hasSuffix("; `c` starts in column 2, under no key above it; start it in column 3, under `b` on line 2"), "\(mapping.message)")
        let page = try #require(only(SurveyLoader.load(text: "id: x\npages:\n  - id: p\n   title: P\n", path: "m.yaml")))
        #expect(page.message.hasSuffix("; `title` starts in column 4, under no key above it; start it in column 5, under `id` on line 3"), "\(page.message)")
    }

    /// An unquoted value with `: ` inside `{…}` needs quotes, not the comma libyaml asks for.
    @Test func aColonInAFlowValueIsAboutQuoting() throws {
        let text = "id: x\ntitle: {sv: \"Hur långt?\", en: How far: do you agree?}\n"
        let diagnostic = try #require(only(SurveyLoader.load(text: text, path: "m.yaml")))
        #expect(diagnostic.location == .source(Diagnostics.SourceLocation(file: "m.yaml", line: 2, column: 38)))
        #expect(diagnostic.message.hasSuffix("; a value that contains ': ' must be quoted, e.g. en: \"How far: do you agree?\""), "\(diagnostic.message)")
    }

    /// A tab that indents says what to do with it.
    @Test func aTabIsToBeReplacedWithSpaces() throws {
        let text = "id: x\npages:\n  - id: p\n\ttitle: P\n"
        let diagnostic = try #require(only(SurveyLoader.load(text: text, path: "m.yaml")))
        #expect(diagnostic.location == .source(Diagnostics.SourceLocation(file: "m.yaml", line: 4, column: 1)))
        #expect(diagnostic.message.hasSuffix("YAML indents with spaces, never tabs: replace the tab with spaces"), "\(diagnostic.message)")
    }

    @Test func missingFileAndFolderAreUnreadable() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(only(SurveyLoader.load(contentsOf: folder.appendingPathComponent("none.yaml").path))?.code == .fileUnreadable)
        let diagnostic = try #require(only(SurveyLoader.load(contentsOf: folder.path)))
        #expect(diagnostic.code == .fileUnreadable)
        #expect(diagnostic.message.contains("folder"))
    }

    @Test func utf16AndNulAreNotText() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("utf16.yaml").path
        try #require("id: x\n".data(using: .utf16)).write(to: URL(fileURLWithPath: path))
        let diagnostic = try #require(only(SurveyLoader.load(contentsOf: path)))
        #expect(diagnostic.code == .fileNotText)
        #expect(diagnostic.message.contains("UTF-16"))
        let nul = try #require(only(SurveyLoader.load(text: "id: x\nversion: \"1\u{0}\"\n", path: "nul.yaml")))
        #expect(nul.code == .fileNotText)
        #expect(nul.location == .source(Diagnostics.SourceLocation(file: "nul.yaml", line: 2, column: 12)))
    }

    /// A survey saved in Latin-1 or Windows-1252 is told so at its first such letter or dash,
    /// which a reader of "an invalid byte" would not know to look for.
    @Test func aLatin1FileIsNamedAtItsFirstLetter() throws {
        func refusal(_ bytes: Data) -> Diagnostic? {
            guard case .failure(let diagnostic) = DefinitionText.decode(bytes, path: "l.yaml") else { return nil }
            return diagnostic
        }
        let latin1 = try #require(refusal(Data("id: x\ntitle: \"Uppf".utf8) + Data([0xF6]) + Data("ljning\"\n".utf8)))
        #expect(latin1.code == .fileNotText)
        #expect(latin1.location == .source(Diagnostics.SourceLocation(file: "l.yaml", line: 2, column: 13)))
        #expect(latin1.message == "the file is not UTF-8 text (the byte 0xF6 here is ö in Latin-1 or Windows-1252: was the file saved in that encoding?); save it as UTF-8")
        // After a byte order mark too, whose bytes are not counted.
        let marked = try #require(refusal(Data([0xEF, 0xBB, 0xBF]) + Data("id: \"1".utf8) + Data([0x96]) + Data("5\"\n".utf8)))
        #expect(marked.location == .source(Diagnostics.SourceLocation(file: "l.yaml", line: 1, column: 7)))
        #expect(marked.message.contains("(the byte 0x96 here is – in Windows-1252: was"), "\(marked.message)")
        let ellipsis = try #require(refusal(Data("id: ".utf8) + Data([0x85])))
        #expect(ellipsis.message.contains("(the byte 0x85 here is … in Windows-1252: was"), "\(ellipsis.message)")
        // A byte Windows-1252 leaves undefined is named by its code alone.
        let other = try #require(refusal(Data("id: ".utf8) + Data([0x81])))
        #expect(other.message == "the file is not UTF-8 text (an invalid byte here, 0x81); save it as UTF-8")
    }

    @Test func controlCharacterInAFileIsPositioned() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bell.yaml").path
        try Data("id: x\nti\u{7}tle: y\n".utf8).write(to: URL(fileURLWithPath: path))
        let diagnostic = try #require(only(SurveyLoader.load(contentsOf: path)))
        #expect(diagnostic.code == .fileNotText)
        #expect(diagnostic.location == .source(Diagnostics.SourceLocation(file: path, line: 2, column: 3)))
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 2025)
        let alphabet = Array("ab: -[]{},\"'#&*!|>?\n  \t\\%@`~1.")
        for round in 0..<300 {
            let length = Int.random(in: 0...400, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let result = SurveyLoader.load(text: text, path: "fuzz\(round).yaml")
            #expect(result.document != nil || !result.diagnostics.isEmpty)
        }
    }
}

/// A small deterministic generator (SplitMix64), so that the fuzz inputs are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
