import CSV
import Store
import SurveyDefinition

/// Writes the cells of one scanned response, column by column, straight from the store's cursor
/// into the CSV writer: numbers without Strings, texts and codes as bytes, each multiple choice
/// parsed once per row into its 0/1 columns. Text cells are neutralised for spreadsheets
/// (``FormulaNeutralization``); numbers, dates and 0/1 never need it.
final class RowEncoder {
    private enum Cell {
        case responseID
        case pseudonym
        case language
        case submittedAt
        case status
        case integer(Int)
        case decimal(Int)
        case boolean(Int)
        case date(Int)
        case text(Int)
        case choice(Int, ChoiceTable)
        case option(slot: Int, option: Int)
    }

    /// A multiple-choice variable whose options are spread over columns.
    private struct Spread {
        var variableIndex: Int
        var table: ChoiceTable
        /// Where its options start in `chosen`.
        var offset: Int
    }

    private let cells: [Cell]
    private let spreads: [Spread]
    private let pseudonymizer: Pseudonymizer?
    private let yes: [UInt8]
    private let no: [UInt8]
    /// Per spread: whether the variable is unanswered in the current row.
    private var spreadIsNull: [Bool]
    /// Per option of every spread: 1 when chosen in the current row.
    private var chosen: [UInt8]
    private var scratch: [UInt8] = []
    private var currentID: Int64 = 0

    init(layout: ExportLayout, pseudonymizer: Pseudonymizer?) {
        self.pseudonymizer = pseudonymizer
        let booleans = BooleanText.forExport(layout.options.values, language: layout.language)
        yes = Array(FormulaNeutralization.neutralized(booleans.yes).utf8)
        no = Array(FormulaNeutralization.neutralized(booleans.no).utf8)
        let fallbacks = layout.survey.languages
        var spreads: [Spread] = []
        var spreadOfVariable: [Int: Int] = [:]
        var optionCount = 0
        var cells: [Cell] = []
        for column in layout.columns {
            switch column.content {
            case .responseID: cells.append(.responseID)
            case .pseudonym: cells.append(.pseudonym)
            case .language: cells.append(.language)
            case .submittedAt: cells.append(.submittedAt)
            case .status: cells.append(.status)
            case .value(let variable):
                let i = column.variableIndex!
                switch variable.type {
                case .integer: cells.append(.integer(i))
                case .decimal: cells.append(.decimal(i))
                case .boolean: cells.append(.boolean(i))
                case .date: cells.append(.date(i))
                case .text: cells.append(.text(i))
                case .choice, .choices:
                    cells.append(.choice(i, ChoiceTable(
                        variable: variable.name, choices: layout.choices(of: variable), values: layout.options.values,
                        language: layout.language, fallbacks: fallbacks)))
                }
            case .option(let variable, let choice):
                let i = column.variableIndex!
                let slot: Int
                if let existing = spreadOfVariable[i] {
                    slot = existing
                } else {
                    let choices = layout.choices(of: variable)
                    slot = spreads.count
                    spreadOfVariable[i] = slot
                    spreads.append(Spread(
                        variableIndex: i,
                        table: ChoiceTable(variable: variable.name, choices: choices, values: .codes, language: layout.language, fallbacks: fallbacks),
                        offset: optionCount))
                    optionCount += choices.count
                }
                let option = spreads[slot].table.codes.firstIndex(of: Array(choice.value.utf8))!
                cells.append(.option(slot: slot, option: option))
            }
        }
        self.cells = cells
        self.spreads = spreads
        spreadIsNull = Array(repeating: true, count: spreads.count)
        chosen = Array(repeating: 0, count: optionCount)
    }

    var columnCount: Int { cells.count }

    /// Reads what several columns share: the id, and each multiple choice's chosen options.
    /// Throws `ExportError.unknownCode` for a code the choice list does not have.
    func prepare(_ row: ResponseRow) throws(ExportError) {
        currentID = row.responseID
        for (slot, spread) in spreads.enumerated() {
            let start = spread.offset
            let count = spread.table.codes.count
            for i in start..<(start + count) { chosen[i] = 0 }
            var unknown: String?
            let answered = row.withUTF8(spread.variableIndex) { bytes -> Bool in
                var tokenStart = 0
                for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                    if i > tokenStart {
                        let token = UnsafeBufferPointer(rebasing: bytes[tokenStart..<i])
                        if let option = spread.table.index(of: token) {
                            chosen[start + option] = 1
                        } else if unknown == nil {
                            unknown = String(decoding: token, as: UTF8.self)
                        }
                    }
                    tokenStart = i + 1
                }
                return true
            }
            if let unknown { throw .unknownCode(response: currentID, variable: spread.table.variable, code: unknown) }
            spreadIsNull[slot] = answered == nil
        }
    }

    /// Whether column `index` is empty in the prepared row.
    func isEmpty(_ row: ResponseRow, column index: Int) -> Bool {
        switch cells[index] {
        case .responseID, .pseudonym, .language, .status: false
        case .submittedAt: row.submittedAt == nil
        case .integer(let v), .decimal(let v), .boolean(let v), .date(let v), .text(let v), .choice(let v, _): row.isNull(v)
        case .option(let slot, _): spreadIsNull[slot]
        }
    }

    /// Writes column `index` of the prepared row: its value, or an empty field (then returns false).
    @discardableResult
    func write(_ row: ResponseRow, column index: Int, to writer: CSVWriter) throws -> Bool {
        switch cells[index] {
        case .responseID:
            try writer.write(Int(currentID))
        case .pseudonym:
            try writeID(to: writer)
        case .language:
            try writer.write(row.language)
        case .submittedAt:
            guard let submitted = row.submittedAt else { return try writeEmpty(writer) }
            try writer.write(submitted.text)
        case .status:
            try writer.write(row.status.rawValue)
        case .integer(let v):
            guard let n = row.integer(v) else { return try writeEmpty(writer) }
            try writer.write(Int(n))
        case .decimal(let v):
            guard let d = row.decimal(v) else { return try writeEmpty(writer) }
            try DecimalText.write(d, to: writer)
        case .boolean(let v):
            guard let n = row.integer(v) else { return try writeEmpty(writer) }
            try writeBytes(n != 0 ? yes : no, to: writer)
        case .date(let v):
            guard try row.withUTF8(v, { try writer.write(utf8: UnsafeRawBufferPointer($0)) }) != nil else { return try writeEmpty(writer) }
        case .text(let v):
            guard try row.withUTF8(v, { try writeText($0, to: writer) }) != nil else { return try writeEmpty(writer) }
        case .choice(let v, let table):
            let found = row.withUTF8(v) { code in table.index(of: code) ?? -1 }
            guard let found else { return try writeEmpty(writer) }
            guard found >= 0 else {
                let code = row.withUTF8(v) { String(decoding: $0, as: UTF8.self) } ?? ""
                throw ExportError.unknownCode(response: currentID, variable: table.variable, code: code)
            }
            try writeBytes(table.outputs[found], to: writer)
        case .option(let slot, let option):
            guard !spreadIsNull[slot] else { return try writeEmpty(writer) }
            try writer.write(Int(chosen[spreads[slot].offset + option]))
        }
        return true
    }

    /// Writes the response's identifier: its id, or its pseudonym in a partner export.
    func writeID(to writer: CSVWriter) throws {
        if let pseudonymizer {
            try pseudonymizer.withPseudonym(for: currentID) { try writer.write(utf8: UnsafeRawBufferPointer($0)) }
        } else {
            try writer.write(Int(currentID))
        }
    }

    private func writeEmpty(_ writer: CSVWriter) throws -> Bool {
        try writer.write(utf8: UnsafeRawBufferPointer(start: nil, count: 0))
        return false
    }

    private func writeBytes(_ bytes: [UInt8], to writer: CSVWriter) throws {
        try bytes.withUnsafeBytes { try writer.write(utf8: $0) }
    }

    /// Writes free text, with an apostrophe in front when it starts like a formula.
    private func writeText(_ bytes: UnsafeBufferPointer<UInt8>, to writer: CSVWriter) throws {
        guard let first = bytes.first, Self.startsFormula(first) else {
            return try writer.write(utf8: UnsafeRawBufferPointer(bytes))
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(UInt8(ascii: "'"))
        scratch.append(contentsOf: bytes)
        try writeBytes(scratch, to: writer)
    }

    @inline(__always)
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}
