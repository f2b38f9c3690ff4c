import Expressions
import SurveyDefinition

/// Responses encoded as the store's bulk insert binds them: per response its language, its
/// submission time, its status, the page a partial one reached and the invitation it answers, then one cell per variable
/// (nothing, a whole number, a decimal, or UTF-8 text), in flat storage that ``removeAll()`` empties without giving back. A batch is filled on one
/// thread and handed whole to the inserter (`CompleteResponseInserter.insert(_:)`), which binds the
/// cells without making a value per cell.
///
/// Values are encoded by the rules of the answer columns: integer and boolean as whole numbers
/// (true is 1), decimal as a decimal (a whole number is taken too), date as `YYYY-MM-DD`, choices as
/// their codes separated by single spaces, text and choice as they are.
public struct ResponseBatch: Sendable {
    /// The variables' types, index-aligned with the values of every response.
    public let types: [VariableType]
    /// The variables' names, for messages.
    let names: [String]
    /// Responses in the batch.
    public private(set) var count = 0

    /// Per response: its language, its submission time, its status (1 complete, 0 partial), its
    /// current page, its invitation's id (or nothing), then one cell per variable.
    private(set) var cells: [Cell] = []
    /// The bytes of every text cell, one after another.
    private(set) var bytes: [UInt8] = []

    /// Cells per response.
    var width: Int { types.count + Self.metadataCells }
    /// Cells per response before its variables'.
    static let metadataCells = 5

    /// An empty batch for responses to `survey`.
    public init(survey: Survey) {
        let variables = survey.variables
        self.init(names: variables.map(\.name), types: variables.map(\.type))
    }

    /// An empty batch for values of variables with these names and types.
    public init(names: [String], types: [VariableType]) {
        precondition(names.count == types.count, "one type per variable")
        self.names = names
        self.types = types
    }

    /// Empties the batch, keeping its storage.
    public mutating func removeAll() {
        cells.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Adds a response: `values` index-aligned with ``types`` (`nil` is no answer), its language,
    /// and when it was submitted (nil: the time of the insert); a partial response, with the id of
    /// the page it reached, is stored unsubmitted, the time being when it was last saved. With
    /// `invitation`, the response is that invitation's (an unused invitation of the round). A value of
    /// the wrong type throws `StoreError.answerTypeMismatch` and leaves the batch as it was.
    public mutating func append(
        _ values: [AnswerValue?], language: String, submittedAt: Timestamp?, status: ResponseStatus = .complete, currentPage: String? = nil,
        invitation: Int64? = nil
    ) throws(StoreError) {
        try append(values, language: language, status: status, currentPage: currentPage, invitation: invitation) { batch in
            if let submittedAt { batch.appendText(submittedAt.text) } else { batch.cells.append(Cell(kind: .now)) }
        }
    }

    /// Adds a response whose submission time is given in milliseconds since 1970-01-01T00:00Z;
    /// the same as ``append(_:language:submittedAt:)`` without making a `Timestamp`.
    public mutating func append(
        _ values: [AnswerValue?], language: String, submittedAtMilliseconds: Int64?, status: ResponseStatus = .complete, currentPage: String? = nil,
        invitation: Int64? = nil
    ) throws(StoreError) {
        try append(values, language: language, status: status, currentPage: currentPage, invitation: invitation) { batch in
            guard let milliseconds = submittedAtMilliseconds else { return batch.cells.append(Cell(kind: .now)) }
            let start = batch.bytes.count
            Timestamp.appendText(milliseconds: milliseconds, to: &batch.bytes)
            batch.cells.append(Cell(text: start, count: batch.bytes.count - start))
        }
    }

    private mutating func append(
        _ values: [AnswerValue?], language: String, status: ResponseStatus, currentPage: String?, invitation: Int64?,
        time: (inout ResponseBatch) -> Void
    ) throws(StoreError) {
        precondition(values.count == types.count, "one value per variable, in order")
        let cellStart = cells.count, byteStart = bytes.count
        appendText(language)
        time(&self)
        cells.append(Cell(integer: status == .complete ? 1 : 0))
        if let currentPage { appendText(currentPage) } else { cells.append(Cell(kind: .null)) }
        cells.append(invitation.map { Cell(integer: $0) } ?? Cell(kind: .null))
        for i in 0..<types.count {
            switch values[i] {
            case nil:
                cells.append(Cell(kind: .null))
            case .integer(let n)? where types[i] == .integer:
                cells.append(Cell(integer: n))
            case .decimal(let d)? where types[i] == .decimal:
                cells.append(Cell(real: d))
            case .choice(let s)? where types[i] == .choice:
                appendText(s)
            case .choices(let codes)? where types[i] == .choices:
                appendCodes(codes)
            case .text(let s)? where types[i] == .text:
                appendText(s)
            case .boolean(let b)? where types[i] == .boolean:
                cells.append(Cell(integer: b ? 1 : 0))
            case .date(let d)? where types[i] == .date:
                appendDate(d)
            case .integer(let n)? where types[i] == .decimal:
                cells.append(Cell(real: Double(n)))
            case let value?:
                cells.removeSubrange(cellStart...)
                bytes.removeSubrange(byteStart...)
                throw StoreError.answerTypeMismatch(variable: names[i], expected: types[i], value: value)
            }
        }
        count += 1
    }

    private mutating func appendText(_ text: String) {
        let start = bytes.count
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        cells.append(Cell(text: start, count: bytes.count - start))
    }

    /// Choice codes separated by single spaces.
    private mutating func appendCodes(_ codes: [String]) {
        let start = bytes.count
        for i in codes.indices {
            if i > 0 { bytes.append(0x20) }
            var code = codes[i]
            code.withUTF8 { bytes.append(contentsOf: $0) }
        }
        cells.append(Cell(text: start, count: bytes.count - start))
    }

    private mutating func appendDate(_ date: CalendarDate) {
        let start = bytes.count
        Self.appendDigits(date.year, 4, to: &bytes)
        bytes.append(0x2D)
        Self.appendDigits(date.month, 2, to: &bytes)
        bytes.append(0x2D)
        Self.appendDigits(date.day, 2, to: &bytes)
        cells.append(Cell(text: start, count: bytes.count - start))
    }

    /// `value` in decimal digits, padded with zeros to `width` digits (as `String(value)` would
    /// write it when it needs more, or is negative).
    @inline(__always)
    static func appendDigits(_ value: Int, _ width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor &*= 10 }
        guard value >= 0, value < divisor &* 10 else {
            let text = String(value)
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - text.utf8.count)))
            return bytes.append(contentsOf: text.utf8)
        }
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 &+ value / divisor % 10))
            divisor /= 10
        }
    }

    /// One encoded value.
    struct Cell: Sendable {
        enum Kind: UInt8, Sendable {
            case null
            case integer
            case real
            /// `payload` is the offset of the bytes in the batch, `length` their count.
            case text
            /// The submission time of a response that has none: the time of the insert.
            case now
        }

        var kind: Kind
        var length: Int32 = 0
        var payload: Int64 = 0

        init(kind: Kind) {
            self.kind = kind
        }

        init(integer: Int64) {
            kind = .integer
            payload = integer
        }

        init(real: Double) {
            kind = .real
            payload = Int64(bitPattern: real.bitPattern)
        }

        init(text offset: Int, count: Int) {
            kind = .text
            payload = Int64(offset)
            length = Int32(count)
        }

        var integer: Int64 { payload }
        var real: Double { Double(bitPattern: UInt64(bitPattern: payload)) }
    }
}
