import Diagnostics
import Foundation
import SurveyDefinition
import Testing

/// What the survey's checks say, where the code alone does not tell the advice.
@Suite struct SurveyMessageTests {
    private func messages(_ questions: String) -> [String] {
        SurveyLoader.load(text: OnePageSurvey.yaml(questions: questions, yesNo: true), path: "s.yaml").diagnostics.map(\.message)
    }

    /// `.` is the question's answer (or the matrix row being checked): advising it for the `other`
    /// text or another row would change what the constraint means.
    @Test func ownOtherTextAndRowsAreNotTheAnswer() {
        let other = messages("""
              - {name: q, type: select_one, choices: yes_no, other: true, label: Q, constraint: ". != 'other' or ${q_other} != ''"}
        """)
        #expect(other == ["the constraint of question `q` refers to ${q_other}, the `other` text of this question, which is answered with it; to ask for more when `other` is chosen, add a question after this one"])
        let row = messages("""
              - name: m
                type: matrix
                choices: yes_no
                label: M
                rows: [{name: r1, label: R1}, {name: r2, label: R2}]
                constraint: ". = 1 or ${m_r1} = 1"
        """)
        #expect(row == ["the constraint of question `m` refers to ${m_r1}, a row of this matrix, which is answered with it; the constraint checks each row in turn as .; rows cannot depend on each other"])
        let own = messages("""
              - {name: n, type: select_one, choices: yes_no, label: N, constraint: "${n} = 1"}
        """)
        #expect(own == ["the constraint of question `n` refers to ${n}, which is this question; write . for the answer being checked"])
    }

    /// A `${name}` near no variable said only that it names none; it now says what to do as well.
    @Test func anUnknownNameWithoutSuggestionSaysWhatToDo() {
        let far = messages("""
              - {name: q, type: integer, label: Q, relevant: "${zzz} > 1"}
        """)
        #expect(far.filter { $0.contains("zzz") } == ["${zzz} names no variable known here: check the spelling against the questions' names, or add a question named `zzz`"])
        let near = messages("""
              - {name: age, type: integer, label: A}
              - {name: q, type: integer, label: Q, relevant: "${agee} > 1"}
        """)
        #expect(near.filter { $0.contains("agee") } == ["${agee} names no variable known here (did you mean age?)"])
    }

    /// A question partners receive, asked under a condition on free text (a `text` question, an
    /// `other` text): a partner package leaves the free text out unless `--include-free-text`, so
    /// the warning says so and what to do instead. A condition on a free text was not warned about.
    /// A calculation that uses itself is told to drop that reference; a longer cycle is spelt out.
    @Test func aCalculationOfItselfIsToldToDropTheReference() {
        let own = messages("""
              - {name: n, type: integer, label: N}
              - {name: c, type: calculate, calculation: "${n} + ${c}"}
        """)
        #expect(own.filter { $0.contains("calculation") } == ["the calculation of `c` uses ${c}, its own result, which does not exist until the calculation is done; remove ${c} from it"])
        let pair = messages("""
              - {name: a, type: calculate, calculation: "${b} + 1"}
              - {name: b, type: calculate, calculation: "${a} - 1"}
        """)
        #expect(pair.filter { $0.contains("calculation") } == ["the calculation of `a` depends on itself: a → b → a; a calculation can only use values that do not depend on it, so break the cycle"])
    }

    /// `choice:` for `choices:` is one mistake: the unknown key with the key meant, not also the
    /// missing `choices` that the type needs.
    @Test func aMisspeltKeyTheTypeNeedsIsReportedOnce() {
        let result = SurveyLoader.load(text: OnePageSurvey.yaml(questions: """
              - {name: q, type: select_one, choice: yes_no, label: Q}
        """, yesNo: true), path: "s.yaml")
        #expect(result.diagnostics.map(\.code) == [.unknownKey])
        #expect(result.diagnostics.first?.message == "unknown key 'choice' in question `q` (did you mean choices?)")
    }

    @Test func aConditionOnFreeTextIsOneOnAnAnswerPartnersDoNotReceive() {
        let text = messages("""
              - {name: yn, type: select_one, choices: yes_no, label: Y}
              - {name: story, type: text, label: S, export_as: EX_STORY}
              - {name: helped, type: integer, label: H, export_as: EX_HELPED, relevant: "${story} != ''"}
        """)
        #expect(text == ["question `helped` goes to partners as EX_HELPED, but is asked only when `${story} != ''`, and `story` is free text, which partner packages leave out unless exported with --include-free-text, so a partner cannot tell a question skipped from one left unanswered; condition it on an answer partners receive, such as a choice, or export with --include-free-text"])
        let other = messages("""
              - {name: q, type: select_one, choices: yes_no, other: true, label: Q, export_as: EX_Q}
              - {name: more, type: integer, label: M, export_as: EX_MORE, relevant: "${q_other} != ''"}
        """)
        #expect(other.count == 1 && other.first?.contains("`q_other` is free text") == true, "\(other)")
        let choice = messages("""
              - {name: q, type: select_one, choices: yes_no, other: true, label: Q, export_as: EX_Q}
              - {name: more, type: integer, label: M, export_as: EX_MORE, relevant: "${q} = 'other'"}
        """)
        #expect(choice.isEmpty, "the choice itself travels: \(choice)")
    }

    /// File columns count Unicode scalars; an expression's columns count Characters. After a
    /// Character of several scalars (`👍🏽`, `é` written as e and an accent) they differ.
    @Test func columnsAfterClustersAreFileColumns() throws {
        let text = OnePageSurvey.yaml(questions: """
              - {name: x, type: text, label: X}
              - {name: y, type: integer, label: Y, relevant: "${x} = '👍🏽' and ${zz} = 1"}
              - {name: z, type: integer, label: Z, relevant: "${x} = 'e\u{301}' or ${zz} = 1"}
        """)
        let diagnostics = SurveyLoader.load(text: text, path: "s.yaml").diagnostics
        let expected = text.split(separator: "\n").enumerated().compactMap { index, line -> DiagnosticLocation? in
            guard line.contains("${zz}"), let range = line.range(of: "${zz}") else { return nil }
            let column = line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1
            return .source(Diagnostics.SourceLocation(file: "s.yaml", line: index + 1, column: column))
        }
        #expect(expected.count == 2)
        #expect(diagnostics.map(\.location) == expected)
    }

    /// "add it, e.g. …" shows a text as the survey's languages want it, not always `{sv, en}`.
    @Test func textExamplesFollowTheDeclaredLanguages() {
        let text = "id: x\nversion: \"1\"\ntitle: X\nlanguages: [sv]\npages:\n  - id: p\n    questions:\n      - {name: a, type: integer}\n"
        let messages = SurveyLoader.load(text: text, path: "s.yaml").diagnostics.map(\.message)
        #expect(messages == ["page `p` has no `title`; add it, e.g. `title: \"…\"`", "question `a` has no `label`; add it, e.g. `label: \"…\"`"])
    }

    /// XLSForm allows `today()` as a default; here a default is a fixed answer, and the message says so.
    @Test func aFunctionAsDefaultIsExplained() {
        let found = messages("""
              - {name: d, type: date, label: D, default: today()}
              - {name: t, type: text, label: T, default: "Vi (AB)"}
              - {name: s, type: select_one, choices: yes_no, label: S, default: 1}
        """)
        #expect(found == ["the default of question `d` is a fixed answer, not an expression; to start from a computed value, add a calculate question"])
    }

    /// Export names that differ only in case are one column in the tools partners open them in.
    @Test func exportNamesThatDifferOnlyInCaseClash() throws {
        let text = OnePageSurvey.yaml(questions: """
              - {name: founded, type: integer, label: Grundat, export_as: Founded}
              - {name: started, type: integer, label: Startat, export_as: founded}
              - {name: voice, type: matrix, choices: yes_no, label: Röst, rows: [{name: staff, label: Personal}], export_as: ESEM_VOICE}
              - {name: staff_voice, type: integer, label: Personal, export_as: esem_voice_staff}
        """, yesNo: true)
        let diagnostics = SurveyLoader.load(text: text, path: "s.yaml").diagnostics
        #expect(diagnostics.map(\.description) == [
            "s.yaml:14:67: error[E113]: the export name founded is already used by founded (line 13) as Founded: names that differ only in upper and lower case are the same column in Excel, SPSS, Stata and SQL; each variable needs its own export_as",
            "s.yaml:16:72: error[E113]: the export name esem_voice_staff is already used by voice_staff (line 15) as ESEM_VOICE_STAFF: names that differ only in upper and lower case are the same column in Excel, SPSS, Stata and SQL; each variable needs its own export_as",
        ])
    }

    /// `1` and `01` (or `2` and `2.0`) in one list: a spreadsheet and an expression cannot tell them apart.
    /// Codes equal only as text (`1` and `"1"`) are E106; other lists may reuse the number.
    @Test func valuesThatAreTheSameNumberAreRefused() throws {
        let text = """
            id: example
            version: "1"
            title: Exempel
            languages: [sv]
            choices:
              sizes:
                - {value: 1, label: En}
                - {value: "01", label: Noll-ett}
                - {value: 2.0, label: Två}
                - {value: 2, label: Två igen}
                - {value: "-0", label: Minus noll}
                - {value: 0, label: Noll}
              other:
                - {value: 1, label: En}
            pages:
              - id: start
                title: Start
                questions:
                  - {name: size, type: select_one, choices: sizes, label: Storlek}
                  - {name: o, type: select_one, choices: other, label: Annan}
            """
        let diagnostics = SurveyLoader.load(text: text, path: "s.yaml").diagnostics
        #expect(diagnostics.map(\.description) == [
            "s.yaml:8:15: error[E118]: the values '01' and '1' (line 7) of choice list `sizes` are both the number 1: a spreadsheet writes both as 1, and `= 1` in an expression holds for both; give one of them a code that is another number or not a number",
            "s.yaml:10:15: error[E118]: the values '2' and '2.0' (line 9) of choice list `sizes` are both the number 2: a spreadsheet writes both as 2, and `= 2` in an expression holds for both; give one of them a code that is another number or not a number",
            "s.yaml:12:15: error[E118]: the values '0' and '-0' (line 11) of choice list `sizes` are both the number 0: a spreadsheet writes both as 0, and `= 0` in an expression holds for both; give one of them a code that is another number or not a number",
        ])
    }

    /// A constraint whose bounds leave no answer would refuse every answer; the form and the import
    /// would say so only to respondents.
    @Test func constraintsThatNoAnswerCanMeetAreRefused() throws {
        let diagnostics = SurveyLoader.load(text: OnePageSurvey.yaml(questions: """
              - {name: a, type: integer, label: A, constraint: ". >= 10 and . <= 5"}
              - {name: b, type: integer, label: B, constraint: ". > 5 and . < 6"}
              - {name: c, type: decimal, label: C, constraint: ". > 3 and . <= 3"}
              - {name: d, type: long_text, label: D, constraint: "string-length(.) > 200 and string-length(.) < 10"}
              - {name: e, type: decimal, label: E, constraint: ". > 5 and . < 6"}
              - {name: f, type: integer, label: F, constraint: ". >= 10 and . <= 5 or . = 0"}
              - {name: g, type: integer, label: G, constraint: ". >= ${a} and . <= 5"}
              - {name: h, type: integer, label: H, constraint: ". >= 5 and . <= 5"}
              - {name: i, type: date, label: I, constraint: ". >= '2026-12-31' and . < '2026-01-01'"}
              - {name: j, type: date, label: J, constraint: ". >= '2026-01-01' and . <= '2026-01-01'"}
        """), path: "s.yaml").diagnostics
        #expect(diagnostics.map(\.description) == [
            "s.yaml:9:57: error[E119]: the constraint of question `a` can never hold: no whole number is both >= 10 and <= 5, so every answer would be refused; check the numbers (are the two bounds swapped?)",
            "s.yaml:10:57: error[E119]: the constraint of question `b` can never hold: no whole number is both > 5 and < 6, so every answer would be refused; check the numbers (are the two bounds swapped?)",
            "s.yaml:11:57: error[E119]: the constraint of question `c` can never hold: no number is both > 3 and <= 3, so every answer would be refused; check the numbers (are the two bounds swapped?)",
            "s.yaml:12:59: error[E119]: the constraint of question `d` can never hold: no text is at least 201 and at most 9 characters long, so every answer would be refused; check the numbers (are the two bounds swapped?)",
            "s.yaml:17:54: error[E119]: the constraint of question `i` can never hold: no day is both on or after 2026-12-31 and on or before 2025-12-31, so every answer would be refused; check the numbers (are the two bounds swapped?)",
        ])
    }
}
