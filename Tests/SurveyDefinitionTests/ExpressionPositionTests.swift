import Diagnostics
import SurveyDefinition
import Testing

/// An error inside an expression is reported where its token is in the file, however YAML lets
/// the expression be written: folded or literal blocks, plain and quoted text over several lines,
/// CRLF line ends. Only a `\` escape hides the place; the error is then at the expression's start.
@Suite struct ExpressionPositionTests {
    /// The relevant of question `q` written as `value` (the lines after the key indented 10
    /// spaces), with `${zz}`, which names no question, somewhere in it.
    private func survey(relevant value: String) -> String {
        OnePageSurvey.yaml(questions: """
              - {name: age, type: integer, label: A}
              - name: q
                type: integer
                label: Q
                relevant: \(value)
        """)
    }

    /// Where each diagnostic of `text` is.
    private func locations(_ text: String) -> [DiagnosticLocation] {
        SurveyLoader.load(text: text, path: "s.yaml").diagnostics.map(\.location)
    }

    /// The line and column of the first `needle` in `text`, columns in Unicode scalars
    /// (lines end in LF or CRLF, which Swift counts as one Character).
    private func position(of needle: String, in text: String) throws -> DiagnosticLocation {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let index = try #require(lines.firstIndex { $0.contains(needle) })
        let line = lines[index]
        let range = try #require(line.range(of: needle))
        let column = line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1
        return .source(Diagnostics.SourceLocation(file: "s.yaml", line: index + 1, column: column))
    }

    @Test(arguments: [">", ">-", "|", "|-", ">+"])
    func blockScalarsAreReportedAtTheToken(indicator: String) throws {
        let text = survey(relevant: """
        \(indicator)
                  ${age} > 18

                    and ${zz} = 1
        """)
        #expect(locations(text) == [try position(of: "${zz}", in: text)])
    }

    @Test func aBlankLineBeforeTheFirstLineOfALiteralBlockKeepsThePlace() throws {
        let text = survey(relevant: "|\n\n            ${zz} = 1 or\n            ${age} > 1")
        #expect(locations(text) == [try position(of: "${zz}", in: text)])
    }

    @Test func crlfLineEndsKeepThePlace() throws {
        let text = survey(relevant: ">\n          ${age} > 18 and\n\n          ${zz} = 1").replacing("\n", with: "\r\n")
        #expect(text.contains("\r\n"))
        #expect(locations(text) == [try position(of: "${zz}", in: text)])
    }

    @Test func plainAndQuotedTextsOverSeveralLinesAreReportedAtTheToken() throws {
        let plain = survey(relevant: "${age} > 18 and\n            ${zz} = 1")
        #expect(locations(plain) == [try position(of: "${zz}", in: plain)])
        let single = survey(relevant: "'${age} > 18 and\n            ${zz} = ''x'''")
        #expect(locations(single) == [try position(of: "${zz}", in: single)])
        let double = survey(relevant: "\"${age} > 18 and\n\n            ${zz} = 1\"")
        #expect(locations(double) == [try position(of: "${zz}", in: double)])
    }

    /// `''` is one `'` in the value but two columns in the file: the columns after it move on by one.
    @Test func aDoubledQuoteOnOneLineCountsTwice() throws {
        let text = survey(relevant: "'${age} = ''1'' or ${zz} = 1'")
        #expect(locations(text) == [try position(of: "${zz}", in: text)])
    }

    /// `\"` and `\n` stand for other characters than they are written as: the expression's start.
    @Test func anEscapeInADoubleQuotedTextGivesTheStart() throws {
        let text = survey(relevant: "\"${age} > 1 and\n            ${zz} = \\\"x\\\"\"")
        let start = try position(of: "\"${age}", in: text)
        guard case .source(let quote) = start else { Issue.record("not a source location"); return }
        #expect(locations(text) == [.source(quote.advanced(byColumns: 1))])
    }

    /// The example file's folded expression: its misspelt name is on the block's second line.
    @Test func theFoldedFixtureIsReportedOnItsSecondLine() throws {
        let path = Fixtures.path("broken/expression-folded-over-lines.yaml")
        let diagnostics = SurveyLoader.load(contentsOf: path).diagnostics
        #expect(diagnostics.map(\.description) == [
            "\(path):23:11: error[E212]: ${has_boardd} names no variable known here (did you mean has_board?)",
        ])
    }
}
