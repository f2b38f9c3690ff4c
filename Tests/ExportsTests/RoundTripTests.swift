import CSV
import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Exports

/// Export, read the files back, get the same values.
@Suite struct RoundTripTests {
    @Test func wideCSVReadsBackToTheStoredValues() throws {
        let fixture = try ExportFixture()
        let ids = try fixture.insert(ExportFixture.sample)
        let options = ExportOptions(includePII: true)
        let summary = try fixture.export(options)
        #expect(summary.facts.responses == 3 && summary.facts.rows == 3)
        let (header, rows) = try fixture.table("responses.csv")
        let layout = try ExportLayout(survey: fixture.survey, options: options)
        #expect(header == layout.columns.map(\.name))
        #expect(rows.count == ExportFixture.sample.count)
        for (index, row) in rows.enumerated() {
            #expect(row["response_id"] == String(ids[index]))
            #expect(row["language"] == "sv")
            #expect(row["submitted_at"] == "2025-10-12T09:31:05.000Z")
            #expect(Self.decode(row, layout: layout) == Self.normalized(ExportFixture.sample[index], survey: fixture.survey))
        }
    }

    @Test func longCSVHoldsEveryNonEmptyCellOfTheWideOne() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(includePII: true), to: "wide")
        let summary = try fixture.export(ExportOptions(shape: .long, includePII: true), to: "long")
        let wide = try fixture.table("responses.csv", in: "wide")
        let long = try fixture.table("responses-long.csv", in: "long")
        #expect(long.header == ["response_id", "variable", "value"])
        var fromWide: [String] = []
        for row in wide.rows {
            for name in wide.header.dropFirst() where !(row[name] ?? "").isEmpty {
                fromWide.append("\(row["response_id"]!)|\(name)|\(row[name]!)")
            }
        }
        let fromLong = long.rows.map { "\($0["response_id"]!)|\($0["variable"]!)|\($0["value"]!)" }
        #expect(fromLong == fromWide)
        #expect(summary.facts.rows == fromLong.count)
        #expect(summary.facts.responses == 3)
    }

    /// The progress bar of `samla export` is fed from here: it must end at the responses read,
    /// the total `expectedResponses` gave it.
    @Test func progressEndsAtTheResponsesReadAndTheExpectedTotal() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        let exporter = Exporter(store: fixture.store, samlaVersion: "test")
        let plan = try exporter.plan(round: fixture.round, options: ExportOptions())
        var reported: [Int] = []
        _ = try exporter.export(plan, to: fixture.outputPath(), progress: { reported.append($0) })
        #expect(try exporter.expectedResponses(plan) == 3)
        #expect(reported.last == 3)
    }

    @Test func bytesAreUTF8WithABOMAndCRLFLineEnds() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export()
        let bytes = try fixture.bytes("responses.csv")
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("response_id,language,submitted_at,source,api_client,legal_form,founded,"))
        let lineEnds = text.components(separatedBy: "\r\n").count - 1
        #expect(lineEnds == 5, "a header and three rows, each ending in CRLF, and the CRLF inside the first story")
        #expect(text.contains("\"rad ett\r\nrad två; 🍰\""))
    }

    @Test func labelsAreWrittenInTheChosenLanguage() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        try fixture.export(ExportOptions(values: .labels), to: "sv")
        try fixture.export(ExportOptions(values: .labels, language: "en"), to: "en")
        let sv = try fixture.table("responses.csv", in: "sv").rows
        let en = try fixture.table("responses.csv", in: "en").rows
        #expect(sv[0]["legal_form"] == "Aktiebolag")
        #expect(en[0]["legal_form"] == "Limited company")
        #expect(sv[2]["legal_form"] == "Ekonomisk förening")
        #expect(sv[0]["certified"] == "Ja" && sv[1]["certified"] == "Nej" && sv[2]["certified"] == "")
        #expect(en[0]["certified"] == "Yes" && en[1]["certified"] == "No")
        #expect(sv[0]["voice_staff"] == "Instämmer inte" && en[0]["voice_users"] == "Agree")
        #expect(sv[1]["has_board"] == "Vet ej")
        #expect(sv[0]["barriers_funding"] == "1" && sv[0]["barriers_skills"] == "0", "multiple-choice columns stay 0/1")
        #expect(sv[0]["founded"] == "1999", "numbers stay numbers")
    }

    @Test func anUnknownLanguageIsRefused() throws {
        let fixture = try ExportFixture()
        #expect(throws: ExportError.languageUnknown("de", available: ["sv", "en"])) {
            try fixture.export(ExportOptions(values: .labels, language: "de"))
        }
    }

    @Test func partialResponsesComeOnlyWhenAskedForWithTheirStatus() throws {
        let fixture = try ExportFixture()
        try fixture.insert(ExportFixture.sample)
        let partial = try fixture.insertPartial(["legal_form": .choice("ab"), "founded": .integer(2001)])
        try fixture.export(to: "complete")
        try fixture.export(ExportOptions(selection: .all), to: "all")
        #expect(try fixture.table("responses.csv", in: "complete").rows.count == 3)
        let all = try fixture.table("responses.csv", in: "all")
        #expect(all.header.prefix(6) == ["response_id", "language", "submitted_at", "source", "api_client", "status"])
        let row = try #require(all.rows.first { $0["response_id"] == String(partial) })
        #expect(row["status"] == "partial" && row["submitted_at"] == "" && row["language"] == "en" && row["founded"] == "2001")
        #expect(all.rows.filter { $0["status"] == "complete" }.count == 3)
    }

    // MARK: Reading back

    /// The values of a wide row by variable, from the layout's columns.
    static func decode(_ row: [String: String], layout: ExportLayout) -> [String: AnswerValue] {
        var result: [String: AnswerValue] = [:]
        var chosen: [String: [String]] = [:]
        var unanswered = Set<String>()
        for column in layout.columns {
            let cell = row[column.name] ?? ""
            switch column.content {
            case .value(let variable):
                guard !cell.isEmpty else { continue }
                result[variable.name] = value(cell, type: variable.type)
            case .option(let variable, let choice):
                if cell.isEmpty { unanswered.insert(variable.name); continue }
                if cell == "1" { chosen[variable.name, default: []].append(choice.value) }
                if chosen[variable.name] == nil { chosen[variable.name] = [] }
            default:
                continue
            }
        }
        for (name, codes) in chosen where !unanswered.contains(name) { result[name] = .choices(codes) }
        return result
    }

    static func value(_ cell: String, type: VariableType) -> AnswerValue? {
        switch type {
        case .text: .text(unneutralized(cell))
        case .choice: .choice(unneutralized(cell))
        case .integer: Int64(cell).map(AnswerValue.integer)
        case .decimal: Double(cell).map(AnswerValue.decimal)
        case .boolean: cell == "1" ? .boolean(true) : cell == "0" ? .boolean(false) : nil
        case .date: CalendarDate(iso: cell).map(AnswerValue.date)
        case .choices: nil
        }
    }

    /// The text before neutralisation: an apostrophe in front of a formula character goes.
    static func unneutralized(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let next = cell.dropFirst().unicodeScalars.first, FormulaNeutralization.triggers.contains(next) else { return cell }
        return String(cell.dropFirst())
    }

    /// Expected values as the store gives them back: whole numbers of decimal variables as decimals.
    static func normalized(_ answers: [String: AnswerValue], survey: Survey) -> [String: AnswerValue] {
        var result = answers
        for variable in survey.variables where variable.type == .decimal {
            if case .integer(let n)? = answers[variable.name] { result[variable.name] = .decimal(Double(n)) }
        }
        return result
    }
}
