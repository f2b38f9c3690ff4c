import CSV
import Store
import SurveyDefinition

/// Writes the cells of one scanned response, column by column, straight from the store's cursor
/// into the CSV writer: numbers without Strings, texts and codes as bytes, each multiple choice
/// parsed once per row into its 0/1 columns. Text cells are neutralised for spreadsheets
/// (``FormulaNeutralization``); numbers, dates and 0/1 never need it.
///
/// The per-row state lives in buffers allocated once, so the hot path makes no allocations and
/// pays for no reference counting or exclusivity checks.
final class RowEncoder {
    private enum Cell {
        case responseID
        case pseudonym
        case language
        case submittedAt
        case source
        case apiClient
        case definitionVersion
        case status
        case integer(Int)
        case decimal(Int)
        case boolean(Int)
        case date(Int)
        case text(Int)
        case choice(Int, ChoiceTable)
        /// A number written as its band's code (``ExportBands``), the codes as UTF-8.
        case band(Int, ExportBands, [[UInt8]])
        case option(slot: Int, index: Int)
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
    private let tables: [ChoiceTable]
    /// The scanned variables' names, for errors.
    private let variableNames: [String]
    private let pseudonymizer: Pseudonymizer?
    /// The version of each definition, by hash (``ExportLayout/definitionVersions``).
    private let definitionVersions: [String: String]
    private let yes: [UInt8]
    private let no: [UInt8]
    private let decimalComma: Bool
    /// Per option of every spread: 1 when chosen in the current row, 0 when not, 2 when the
    /// variable is unanswered.
    private let chosen: UnsafeMutablePointer<UInt8>
    private let optionCount: Int
    /// The current row's response id.
    private let currentID: UnsafeMutablePointer<Int64>
    /// A text with the apostrophe in front, for the rare cell that needs one.
    private let scratch: UnsafeMutablePointer<UInt8>
    private let scratchCapacity = 64 * 1024
    /// "0" and "1", for the 0/1 columns.
    private let digits: UnsafeMutablePointer<UInt8>
    /// Per column: what its cells held so far (``measures``).
    private let measured: UnsafeMutablePointer<ColumnMeasure>

    init(layout: ExportLayout, pseudonymizer: Pseudonymizer?) {
        self.pseudonymizer = pseudonymizer
        definitionVersions = layout.definitionVersions
        decimalComma = layout.options.writesDecimalComma
        variableNames = layout.variables.map(\.name)
        let booleans = BooleanText.forExport(layout.options.values, language: layout.language)
        yes = Array(FormulaNeutralization.neutralized(booleans.yes).utf8)
        no = Array(FormulaNeutralization.neutralized(booleans.no).utf8)
        var spreads: [Spread] = []
        var tables: [ChoiceTable] = []
        var spreadOfVariable: [Int: Int] = [:]
        var optionCount = 0
        var cells: [Cell] = []
        for column in layout.columns {
            switch column.content {
            case .responseID: cells.append(.responseID)
            case .pseudonym: cells.append(.pseudonym)
            case .language: cells.append(.language)
            case .submittedAt: cells.append(.submittedAt)
            case .source: cells.append(.source)
            case .apiClient: cells.append(.apiClient)
            case .definitionVersion: cells.append(.definitionVersion)
            case .status: cells.append(.status)
            case .value(let variable):
                let i = column.variableIndex!
                if let bands = layout.bands(of: variable) {
                    cells.append(.band(i, bands, bands.writtenCodes.map { Array($0.utf8) }))
                    continue
                }
                switch variable.type {
                case .integer: cells.append(.integer(i))
                case .decimal: cells.append(.decimal(i))
                case .boolean: cells.append(.boolean(i))
                case .date: cells.append(.date(i))
                case .text: cells.append(.text(i))
                case .choice, .choices:
                    let table = ChoiceTable(choices: layout.choices(of: variable), shown: layout.shown)
                    tables.append(table)
                    cells.append(.choice(i, table))
                }
            case .option(let variable, let choice):
                let i = column.variableIndex!
                let slot: Int
                if let existing = spreadOfVariable[i] {
                    slot = existing
                } else {
                    let choices = layout.choices(of: variable)
                    let table = ChoiceTable(choices: choices, shown: layout.code)
                    tables.append(table)
                    slot = spreads.count
                    spreadOfVariable[i] = slot
                    spreads.append(Spread(variableIndex: i, table: table, offset: optionCount))
                    optionCount += choices.count
                }
                let position = layout.choices(of: variable).firstIndex { $0.value == choice.value }!
                cells.append(.option(slot: slot, index: spreads[slot].offset + position))
            }
        }
        self.cells = cells
        self.spreads = spreads
        self.tables = tables
        self.optionCount = optionCount
        chosen = .allocate(capacity: max(1, optionCount))
        chosen.initialize(repeating: 2, count: max(1, optionCount))
        currentID = .allocate(capacity: 1)
        currentID.initialize(to: 0)
        scratch = .allocate(capacity: scratchCapacity)
        digits = .allocate(capacity: 2)
        digits[0] = UInt8(ascii: "0")
        digits[1] = UInt8(ascii: "1")
        measured = .allocate(capacity: max(1, cells.count))
        measured.initialize(repeating: ColumnMeasure(), count: max(1, cells.count))
    }

    deinit {
        for table in tables { table.deallocate() }
        chosen.deallocate()
        currentID.deallocate()
        scratch.deallocate()
        digits.deallocate()
        measured.deinitialize(count: max(1, cells.count))
        measured.deallocate()
    }

    var columnCount: Int { cells.count }

    /// What the cells written so far held, per column: the widths and digits of its numbers and
    /// texts (choices, bands and 0/1 columns are declared from their lists, and not measured).
    var measures: [ColumnMeasure] { Array(UnsafeBufferPointer(start: measured, count: cells.count)) }

    /// Reads what several columns share: the id, and each multiple choice's chosen options.
    /// Throws `ExportError.unknownCode` for a code the choice list does not have.
    func prepare(_ row: ResponseRow) throws(ExportError) {
        currentID.pointee = row.responseID
        for spread in spreads {
            let start = chosen + spread.offset
            let count = spread.table.count
            let unknown: String?? = row.withUTF8(spread.variableIndex) { bytes -> String? in
                start.update(repeating: 0, count: count)
                var tokenStart = 0
                for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                    if i > tokenStart {
                        let token = UnsafeBufferPointer(rebasing: bytes[tokenStart..<i])
                        guard let option = spread.table.index(of: token) else { return String(decoding: token, as: UTF8.self) }
                        start[option] = 1
                    }
                    tokenStart = i + 1
                }
                return nil
            }
            switch unknown {
            case .none: start.update(repeating: 2, count: count)
            case .some(.some(let code)): throw .unknownCode(response: row.responseID, variable: variableNames[spread.variableIndex], code: code)
            case .some(.none): break
            }
        }
    }

    /// Whether column `index` is empty in the prepared row.
    func isEmpty(_ row: ResponseRow, column index: Int) -> Bool {
        switch cells[index] {
        case .responseID, .pseudonym, .language, .source, .definitionVersion, .status: false
        case .submittedAt: row.submittedAt == nil
        case .apiClient: row.apiClient == nil
        case .integer(let v), .decimal(let v), .boolean(let v), .date(let v), .text(let v), .choice(let v, _), .band(let v, _, _): row.isNull(v)
        case .option(_, let index): chosen[index] == 2
        }
    }

    /// Writes column `index` of the prepared row: its value, or an empty field (then returns false).
    @discardableResult
    func write(_ row: ResponseRow, column index: Int, to writer: CSVWriter) throws -> Bool {
        switch cells[index] {
        case .responseID:
            measured[index].noteInteger(Int(currentID.pointee))
            try writer.write(Int(currentID.pointee))
        case .pseudonym:
            try writeID(to: writer)
        case .language:
            try writer.write(row.language)
        case .submittedAt:
            guard let submitted = row.submittedAt else { return try writeEmpty(to: writer) }
            let text = submitted.text
            measured[index].widestBytes = max(measured[index].widestBytes, text.utf8.count)
            try writer.write(text)
        case .source:
            try writer.write(row.source.rawValue)
        case .apiClient:
            guard var client = row.apiClient else { return try writeEmpty(to: writer) }
            let neutralized = FormulaNeutralization.isNeeded(for: client)
            client.withUTF8 { measured[index].noteText($0, neutralized: neutralized) }
            try writer.write(neutralized ? String(FormulaNeutralization.prefix) + client : client)
        case .definitionVersion:
            let hash = row.definitionHash
            let version = FormulaNeutralization.neutralized(definitionVersions[hash] ?? String(hash.prefix(12)))
            measured[index].widestBytes = max(measured[index].widestBytes, version.utf8.count)
            try writer.write(version)
        case .status:
            try writer.write(row.status.rawValue)
        case .integer(let v):
            guard let n = row.integer(v) else { return try writeEmpty(to: writer) }
            measured[index].noteInteger(Int(n))
            try writer.write(Int(n))
        case .decimal(let v):
            guard let d = row.decimal(v) else { return try writeEmpty(to: writer) }
            if let text = try DecimalText.write(d, decimalComma: decimalComma, to: writer) {
                measured[index].noteNumber(text)
            } else {
                measured[index].noteInteger(Int(d))
            }
        case .boolean(let v):
            guard let n = row.integer(v) else { return try writeEmpty(to: writer) }
            try writeBytes(n != 0 ? yes : no, to: writer)
        case .date(let v):
            guard try row.withUTF8(v, { try writer.write(utf8: UnsafeRawBufferPointer($0)) }) != nil else { return try writeEmpty(to: writer) }
            measured[index].widestBytes = max(measured[index].widestBytes, 10)
        case .text(let v):
            guard try row.withUTF8(v, { try writeText($0, to: writer, measure: &measured[index]) }) != nil else { return try writeEmpty(to: writer) }
        case .choice(let v, let table):
            let found = row.withUTF8(v) { code in table.index(of: code) ?? -1 }
            guard let found else { return try writeEmpty(to: writer) }
            guard found >= 0 else {
                let code = row.withUTF8(v) { String(decoding: $0, as: UTF8.self) } ?? ""
                throw ExportError.unknownCode(response: currentID.pointee, variable: variableNames[v], code: code)
            }
            try writer.write(utf8: table.output(found))
        case .band(let v, let bands, let codes):
            guard let number = row.decimal(v) else { return try writeEmpty(to: writer) }
            try writeBytes(codes[bands.band(of: number)], to: writer)
        case .option(_, let index):
            let value = chosen[index]
            guard value != 2 else { return try writeEmpty(to: writer) }
            try writer.write(utf8: UnsafeRawBufferPointer(start: digits + Int(value), count: 1))
        }
        return true
    }

    /// Writes the response's identifier: its id, or its pseudonym in a partner export.
    func writeID(to writer: CSVWriter) throws {
        if let pseudonymizer {
            try pseudonymizer.withPseudonym(for: currentID.pointee) { try writer.write(utf8: UnsafeRawBufferPointer($0)) }
        } else {
            try writer.write(Int(currentID.pointee))
        }
    }

    /// Writes an empty field; returns false, as ``write(_:column:to:)`` does for an empty cell.
    @discardableResult
    func writeEmpty(to writer: CSVWriter) throws -> Bool {
        try writer.write(utf8: UnsafeRawBufferPointer(start: nil, count: 0))
        return false
    }

    private func writeBytes(_ bytes: [UInt8], to writer: CSVWriter) throws {
        try bytes.withUnsafeBytes { try writer.write(utf8: $0) }
    }

    /// Writes free text, with an apostrophe in front when it starts like a formula.
    private func writeText(_ bytes: UnsafeBufferPointer<UInt8>, to writer: CSVWriter, measure: inout ColumnMeasure) throws {
        let neutralized = FormulaNeutralization.isNeeded(bytes)
        measure.noteText(bytes, neutralized: neutralized)
        guard neutralized else {
            return try writer.write(utf8: UnsafeRawBufferPointer(bytes))
        }
        if bytes.count < scratchCapacity {
            scratch[0] = UInt8(ascii: "'")
            (scratch + 1).update(from: bytes.baseAddress!, count: bytes.count)
            try writer.write(utf8: UnsafeRawBufferPointer(start: scratch, count: bytes.count + 1))
        } else {
            try writeBytes([UInt8(ascii: "'")] + Array(bytes), to: writer)
        }
    }
}
