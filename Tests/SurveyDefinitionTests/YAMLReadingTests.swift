import Diagnostics
import Testing
import YAMLReading

/// The generic YAML layer that the survey, framework and report loaders share.
@Suite struct YAMLReadingTests {
    private func parse(_ text: String) throws -> YAMLNode {
        let result = YAMLDocument.parse(text: text, path: "t.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        return try #require(result.document?.root)
    }

    private func at(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
        Diagnostics.SourceLocation(file: "t.yaml", line: line, column: column)
    }

    @Test func nodesKeepPositionsAndSourceText() throws {
        let root = try parse("a: no\nb: 'yes'\nlist:\n  - 1.10\n  - on\n")
        let pairs = try #require(root.mapping)
        #expect(pairs.map { $0.key.scalar?.text } == ["a", "b", "list"])
        #expect(pairs[0].value.scalar?.text == "no")
        #expect(pairs[0].value.scalar?.style == .plain)
        #expect(pairs[1].value.scalar?.text == "yes")
        #expect(pairs[1].value.location == at(2, 4))
        #expect(pairs[1].value.scalar?.textLocation == at(2, 5))
        let items = try #require(pairs[2].value.sequence)
        #expect(items.map { $0.scalar?.text } == ["1.10", "on"])
        #expect(items[1].location == at(5, 5))
    }

    @Test func blockScalarTextStartsOnItsFirstLine() throws {
        let root = try parse("x: |\n\n    first\n    second\n")
        let value = try #require(root.mapping?.first?.value.scalar)
        #expect(value.style == .literal)
        #expect(value.text == "\nfirst\nsecond\n")
        #expect(value.textLocation == at(3, 5))
    }

    @Test func crlfAndByteOrderMarkKeepPositions() throws {
        let root = try parse("\u{FEFF}a: 1\r\nb: 2\r\n")
        let second = try #require(root.mapping?.last)
        #expect(second.key.location == at(2, 1))
        #expect(second.value.scalar?.text == "2")
    }

    @Test func nullsAndKinds() throws {
        let root = try parse("a:\nb: ~\nc: \"\"\nd: []\n")
        let values = try #require(root.mapping).map(\.value)
        #expect(values[0].isNull && values[1].isNull)
        #expect(!values[2].isNull)
        #expect(values[3].kindDescription == "a list")
    }

    @Test func mappingReaderReportsUnknownAndMissingKeys() throws {
        let root = try parse("name: q\nlable: x\ncolour: red\n")
        var diagnostics = DiagnosticList()
        var map = try #require(MappingReader(root, place: "question `q`", diagnostics: &diagnostics))
        #expect(map.value("name")?.scalar?.text == "q")
        // `label` is missing but `lable` is there: one diagnostic, the did-you-mean.
        #expect(map.required("label", diagnostics: &diagnostics) == nil)
        #expect(map.required("type", example: "text", diagnostics: &diagnostics) == nil)
        map.reportUnknownKeys(into: &diagnostics)
        let lines = diagnostics.sorted.map(\.description)
        #expect(lines == [
            "t.yaml:1:1: error[E008]: question `q` has no `type`; add it, e.g. `type: text`",
            "t.yaml:2:1: error[E007]: unknown key 'lable' in question `q` (did you mean label?)",
            "t.yaml:3:1: error[E007]: unknown key 'colour' in question `q`; question `q` takes: name, label, type",
        ])
    }

    @Test func mappingReaderWantsAMapping() throws {
        let root = try parse("- a\n- b\n")
        var diagnostics = DiagnosticList()
        #expect(MappingReader(root, place: "the survey", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.items.map(\.code) == [.wrongNodeKind])
    }

    @Test func keysThatYAMLTypesApartAreStillTheSameName() throws {
        // `1` and "1" are different YAML keys (int and string), but the same name here.
        let root = try parse("? !!int 1\n: a\n\"1\": b\n")
        var diagnostics = DiagnosticList()
        _ = MappingReader(root, place: "a list", diagnostics: &diagnostics)
        #expect(diagnostics.items.map(\.code) == [.duplicateKey])
        #expect(diagnostics.items.first?.location == .source(at(3, 1)))
    }

    @Test func duplicateKeysArePlacedAtTheSecond() {
        let block = YAMLDocument.parse(text: "pages:\n  - id: a\n    title: x\n\n    # again\n    id: b\n", path: "t.yaml")
        #expect(block.diagnostics.map(\.description) == [
            "t.yaml:6:5: error[E010]: the key 'id' appears twice in the same mapping (first on line 2); keep one of them",
        ])
        let flow = YAMLDocument.parse(text: "x: {a: 1, b: 2, a: 3}\n", path: "t.yaml")
        #expect(flow.diagnostics.first?.location == .source(at(1, 17)))
    }

    @Test func booleansAreOnlyTrueAndFalse() throws {
        let root = try parse("a: true\nb: false\nc: yes\nd: \"true\"\ne: True\n")
        var diagnostics = DiagnosticList()
        let values = try #require(root.mapping).map { $0.value.bool("x", diagnostics: &diagnostics) }
        #expect(values == [true, false, nil, nil, nil])
        #expect(diagnostics.count == 3)
        #expect(diagnostics.items[0].message.contains("not 'yes'"))
    }

    /// `required: !!bool true` was refused as "not 'true'", which reads as nonsense.
    @Test func aTaggedBooleanNamesItsTag() throws {
        let root = try parse("a: !!bool true\n")
        var diagnostics = DiagnosticList()
        #expect(try #require(root.mapping).first?.value.bool("`required`", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.items.map(\.message) == ["`required` must be true or false (without quotes), not '!!bool true' (with a tag: write the value alone)"])
    }

    @Test func localizedTexts() throws {
        let root = try parse("one: Hej\ntwo: {sv: Hej, en: Hi}\nthree: {sv: Hej, de: Hallo}\nfour: {sv: Hej, en: ''}\n")
        let values = try #require(root.mapping).map(\.value)
        var diagnostics = DiagnosticList()
        let single = LocalizedTextReader(languages: ["sv"])
        #expect(single.read(values[0], what: "the title", diagnostics: &diagnostics) == ["sv": "Hej"])
        #expect(diagnostics.isEmpty)

        let both = LocalizedTextReader(languages: ["sv", "en"])
        #expect(both.read(values[1], what: "the title", diagnostics: &diagnostics) == ["sv": "Hej", "en": "Hi"])
        #expect(diagnostics.isEmpty)
        _ = both.read(values[0], what: "the title", diagnostics: &diagnostics)
        _ = both.read(values[2], what: "the title", diagnostics: &diagnostics)
        _ = both.read(values[3], what: "the title", diagnostics: &diagnostics)
        #expect(diagnostics.sorted.map(\.code) == [.missingTranslation, .missingTranslation, .undeclaredLanguage, .missingTranslation])
        #expect(diagnostics.sorted[0].message.contains("{sv: \"…\", en: \"…\"}"))
    }

    /// Swedish names get Swedish-friendly suggestions, and a character that looks like an ASCII
    /// letter, or cannot be seen, is named (a Cyrillic а in `dаta` looked like 'a').
    @Test func nameSuggestionsAndProblems() {
        #expect(NamePattern.suggestedIdentifier(for: "företag_år") == "foretag_ar")
        #expect(NamePattern.slug(from: "Sociala företag i Sverige", fallback: "x") == "sociala-foretag-i-sverige")
        #expect(NamePattern.identifierProblem("d\u{0430}ta") == "it contains 'а' (U+0430 CYRILLIC SMALL LETTER A), which is not an ASCII letter, digit or _")
        #expect(NamePattern.identifierProblem("a\u{200B}b").contains("(U+200B ZERO WIDTH SPACE)"))
        #expect(NamePattern.identifierProblem("a.b") == "it contains '.'")
        #expect(NamePattern.identifierProblem("år") == "it contains 'å', which is not an ASCII letter, digit or _")
    }

    /// "add it, e.g. …" shows a text as the survey's languages want it, not always `{sv, en}`.
    @Test func textExamplesFollowTheDeclaredLanguages() {
        #expect(LocalizedTextReader(languages: ["sv"]).example == "\"…\"")
        #expect(LocalizedTextReader(languages: ["sv", "en", "se"]).example == "{sv: \"…\", en: \"…\", se: \"…\"}")
    }

    /// `{sv: , en: Hi}` is one mistake, reported once where the text is missing.
    @Test func aLanguageWithoutItsTextIsReportedOnce() throws {
        let root = try parse("label: {sv: , en: Hi}\n")
        var diagnostics = DiagnosticList()
        let value = try #require(root.mapping?.first?.value)
        _ = LocalizedTextReader(languages: ["sv", "en"]).read(value, what: "the label", diagnostics: &diagnostics)
        #expect(diagnostics.items.map(\.message) == ["the label has no sv text; write it after `sv:`"])
        #expect(diagnostics.items.map(\.location) == [.source(at(1, 13))])
    }

    @Test func plainTextIsNotMistakenForStructure() throws {
        // Apostrophes, ampersands, stars and hashes inside text are not quotes, anchors,
        // aliases or comments; brackets inside quotes do not nest.
        let text = """
        a: it's R&D, 5 * 3 # a comment
        b: "[[[[[[ {{{{ *not &an alias"
        c: 'it''s [fine]'
        d: |
          - - - - [ [ [
          *text &here
        e: [x, "a]b", {y: "}"}]
        """
        let root = try parse(text)
        #expect(root.mapping?.count == 5)
        #expect(root.mapping?[0].value.scalar?.text == "it's R&D, 5 * 3")
    }
}
