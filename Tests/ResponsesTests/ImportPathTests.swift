import Expressions
import SurveyDefinition
import Testing
@testable import Responses

/// The import's fast paths agree with the general ones: dates read from bytes, a row's cells set
/// in one pass, and the check loop over question steps.
@Suite struct ImportPathTests {
    @Test func datesFromBytesReadAsCalendarDateReadsThem() {
        var texts = ["2025-03-14", "2024-02-29", "2025-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "2025-00-10",
                     "2025-12-32", "2025-3-14", "+025-03-14", "2025-03-1 ", "2025/03/14", "2025-03-14 ", "", "20250314"]
        // Every position of a valid date replaced by each of a few bytes, including multi-byte text.
        let valid = Array("2025-11-30".utf8)
        for position in valid.indices {
            for replacement in ["0", "9", "-", " ", "a", "/", "٣", "é"] {
                var bytes = valid
                bytes.replaceSubrange(position...position, with: Array(replacement.utf8))
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for text in texts {
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { ByteText.date($0) }
            #expect(fromBytes == CalendarDate(iso: text), "\(text)")
        }
    }

    @Test func aRowSetInOnePassChecksAsCellsSetOneByOne() throws {
        let survey = ValidatorLogicTests.survey
        let validator = try ResponseValidator(survey: survey, today: CalendarDate(year: 2025, month: 6, day: 1)!)
        let names = ["has_staff", "staff", "women", "size", "founded_on", "voice_staff", "voice_users", "region", "city",
                     "city_other", "sdg", "later", "big_later"]
        let variables = names.map { validator.index(ofVariable: $0)! }
        let rows: [[String]] = [
            ["yes", "12", "5", "", "2020-01-01", "1", "2", "M", "lund", "", "3 8", "2.5", ""],
            ["yes", "0", "1", "large", "2030-01-01", "4", "", "AB", "malmo", "", "3 8 10", "6", ""],
            ["no", "3", "", "", "1 maj", "1", "1", "", "other", "Ystad", "", " 7 ", "x"],
            ["", "", "", "", "", "", "", "", "", "", "", "", ""],
            ["yes", " 4 ", "9", "", "2025-06-01", "3", "3", "M", "other", "", "10", "2,5", "  "],
        ]
        var oneByOne = validator.makeSheet()
        var onePass = validator.makeSheet()
        // Both sheets are reused from row to row, as the import reuses its sheet.
        for row in rows {
            oneByOne.reset()
            onePass.reset()
            let bytes = row.map { Array($0.utf8) }
            for (i, variable) in variables.enumerated() {
                bytes[i].withUnsafeBufferPointer { oneByOne.setAnswer(bytes: $0, variable: variable) }
            }
            // The cells point into one buffer, as a record's fields point into the reader's.
            bytes.flatMap { $0 }.withUnsafeBufferPointer { flat in
                var offset = 0
                let cells = bytes.map { cell in
                    defer { offset += cell.count }
                    return UnsafeBufferPointer(rebasing: flat[offset..<(offset + cell.count)])
                }
                cells.withUnsafeBufferPointer { cells in
                    variables.withUnsafeBufferPointer { onePass.setAnswers(cells: cells, variables: $0) }
                }
            }
            #expect(onePass.values == oneByOne.values, "\(row)")
            validator.check(&oneByOne, mode: .complete)
            validator.check(&onePass, mode: .complete)
            #expect(onePass.values == oneByOne.values, "\(row)")
            #expect(onePass.problems == oneByOne.problems, "\(row)")
            #expect(onePass.relevantQuestions == oneByOne.relevantQuestions, "\(row)")
        }
        // The rows give both kinds of outcome, so the comparison covers problems and values.
        var sheet = validator.makeSheet()
        for (i, variable) in variables.enumerated() { sheet.setAnswer(text: rows[2][i], variable: variable) }
        validator.check(&sheet, mode: .complete)
        #expect(!sheet.problems.isEmpty)
    }
}
