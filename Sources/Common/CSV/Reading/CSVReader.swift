import Foundation

/// A streaming RFC 4180 reader: one record at a time through a fixed-size buffer, so memory stays
/// flat whatever the file size.
///
/// ```swift
/// let reader = try CSVReader(path: "responses.csv")
/// let header = try reader.readHeader()
/// while let record = try reader.next() {
///     let age = record.withUnsafeBytes(at: 2) { parseInteger($0) }
/// }
/// ```
///
/// - Input is UTF-8, with or without a byte order mark (skipped); lines end in LF or CRLF.
/// - A field in quotes may hold delimiters, line breaks and quotes written twice (`""`).
/// - A CR outside quotes must be followed by LF; a lone CR is refused (``CSVReadError/Kind/loneCarriageReturn``).
///   Inside quotes a CR is data. Lines are counted by LF.
/// - An empty line is a record with one empty field (``CSVRecord/isBlankLine``); whether that is an
///   error, like a wrong field count, is the caller's decision.
/// - The first error stops the reader; later calls throw it again.
///
/// A reader is not `Sendable`: a record is a view into its buffer, valid until the next call to ``next()``.
public final class CSVReader {
    public let options: Options

    private let source: ByteSource
    private let classes: ByteClassTables
    private let delimiter: UInt8

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes in `buffer[0..<end]` are input, the first at input offset `bufferOffset`.
    private var end = 0
    private var bufferOffset = 0
    /// The next byte to scan.
    private var position = 0
    private var reachedEndOfInput = false
    private var startedInput = false

    /// The record being scanned: where it starts, its finished fields, and the field in progress.
    private var recordStart = 0
    private var recordLine = 1
    private var lineFeedsInRecord = 0
    private var slots: UnsafeMutablePointer<FieldSlot>
    private var slotCapacity = 64
    private var slotCount = 0
    private var state = ScanState.unquoted
    /// Offset from `recordStart` of the current field's first byte (after the opening quote if quoted).
    private var fieldStart = 0
    private var fieldHasDoubledQuotes = false
    private var recordHasDoubledQuotes = false

    private var recordsRead = 0
    private var recordsBeforeFirstRow = 0
    private var failure: CSVReadError?
    /// Counts calls to ``next()``; a record is valid while it matches.
    @usableFromInline let generation: UnsafeMutablePointer<Int>

    /// Sees every byte of the input once, in order, as it is read (a byte order mark included):
    /// what a digest of the file is computed from without reading the file a second time.
    public var byteObserver: ((UnsafeRawBufferPointer) -> Void)?

    /// Reads the file at `path`.
    public convenience init(path: String, options: Options = Options()) throws(CSVReadError) {
        self.init(source: try FileDescriptorSource(path: path), options: options)
    }

    /// Reads from an open handle (a pipe, standard input) until its end; the caller closes it.
    public convenience init(fileHandle: FileHandle, options: Options = Options()) {
        self.init(source: FileDescriptorSource(borrowing: fileHandle.fileDescriptor, from: fileHandle), options: options)
    }

    public convenience init(bytes: [UInt8], options: Options = Options()) {
        self.init(source: MemorySource(bytes), options: options)
    }

    public convenience init(data: Data, options: Options = Options()) {
        self.init(source: MemorySource([UInt8](data)), options: options)
    }

    public convenience init(string: String, options: Options = Options()) {
        self.init(source: MemorySource(Array(string.utf8)), options: options)
    }

    private init(source: ByteSource, options: Options) {
        precondition(options.bufferSize > 0, "the buffer size must be positive")
        self.source = source
        self.options = options
        delimiter = options.delimiterByte
        classes = ByteClassTables(delimiter: delimiter)
        capacity = max(options.bufferSize, 4)
        buffer = .allocate(capacity: capacity)
        slots = .allocate(capacity: slotCapacity)
        generation = .allocate(capacity: 1)
        generation.initialize(to: 0)
    }

    deinit {
        buffer.deallocate()
        slots.deallocate()
        generation.deallocate()
    }

    /// Reads the first record as the header; data rows are then numbered from 1.
    /// Nil for an empty input. Call it before ``next()``.
    public func readHeader() throws(CSVReadError) -> CSVHeader? {
        precondition(recordsRead == 0, "readHeader() must come before the first record")
        guard let record = try next() else { return nil }
        recordsBeforeFirstRow = 1
        return CSVHeader(names: record.strings, line: record.line)
    }

    /// The next record, or nil at the end of the input. The previous record becomes invalid.
    public func next() throws(CSVReadError) -> CSVRecord? {
        generation.pointee &+= 1
        if let failure { throw failure }
        if !startedInput { try startInput() }
        recordStart = position
        recordLine += lineFeedsInRecord
        lineFeedsInRecord = 0
        slotCount = 0
        recordHasDoubledQuotes = false
        state = .unquoted
        fieldStart = 0
        while true {
            if try scan() { return try completeRecord() }
            if position - recordStart > options.maximumRecordSize { throw tooLarge() }
            if try !refill() { return try finishAtEndOfInput() }
        }
    }

    // MARK: Scanning

    private enum ScanState {
        /// In a field that did not start with a quote (a field at `fieldStart` may still turn out to be quoted).
        case unquoted
        case quoted
        /// Just after a quote inside a quoted field: a second quote, a delimiter or a line end must follow.
        case closingQuote
        /// Just after a CR outside quotes: LF must follow.
        case carriageReturn
    }

    /// Scans from `position` until the record ends (true) or the buffered input does (false).
    ///
    /// Outside quotes, eight bytes at a time are tested for the delimiter, quote, CR, LF and non-ASCII
    /// bytes; fields are split at delimiters without leaving that loop. Anything else, and the last
    /// few bytes of the buffer, go through the byte-at-a-time path.
    private func scan() throws(CSVReadError) -> Bool {
        let buffer = self.buffer
        let end = self.end
        let delimiter = self.delimiter
        let outside = classes.outsideQuotes
        let inside = classes.insideQuotes
        let base = recordStart
        var p = position
        var state = self.state
        var fieldStart = base + self.fieldStart
        var doubledQuotes = fieldHasDoubledQuotes
        var lineFeeds = lineFeedsInRecord
        var slots = self.slots
        var slotCount = self.slotCount
        defer {
            position = p
            self.state = state
            self.fieldStart = fieldStart - base
            fieldHasDoubledQuotes = doubledQuotes
            lineFeedsInRecord = lineFeeds
            self.slotCount = slotCount
        }

        @inline(__always)
        func appendField(to fieldEnd: Int, quoted: Bool) {
            if slotCount == slotCapacity {
                growSlots(keeping: slotCount)
                slots = self.slots
            }
            slots[slotCount] = FieldSlot(start: fieldStart &- base, end: fieldEnd &- base, isQuoted: quoted, hasDoubledQuotes: quoted && doubledQuotes)
            slotCount &+= 1
            if quoted && doubledQuotes { recordHasDoubledQuotes = true }
        }

        let delimiters = Word.repeating(delimiter)
        scanning: while true {
            switch state {
            case .unquoted:
                words: while p &+ 8 <= end {
                    var mask = Word.unquotedSpecials(Word.load(buffer + p), delimiters: delimiters)
                    if mask == 0 {
                        p &+= 8
                        continue
                    }
                    let word = p
                    repeat {
                        let index = word &+ Word.firstIndex(in: mask)
                        guard buffer[index] == delimiter else {
                            p = index
                            break words
                        }
                        appendField(to: index, quoted: false)
                        fieldStart = index &+ 1
                        mask &= mask &- 1
                    } while mask != 0
                    p = word &+ 8
                }
                while p < end {
                    let byte = buffer[p]
                    let byteClass = outside[Int(byte)]
                    if byteClass == ByteClass.ordinary {
                        p &+= 1
                    } else if byteClass == ByteClass.delimiter {
                        appendField(to: p, quoted: false)
                        p &+= 1
                        fieldStart = p
                        continue scanning
                    } else if byteClass == ByteClass.lineFeed {
                        appendField(to: p, quoted: false)
                        p &+= 1
                        lineFeeds &+= 1
                        return true
                    } else if byteClass == ByteClass.carriageReturn {
                        appendField(to: p, quoted: false)
                        p &+= 1
                        state = .carriageReturn
                        continue scanning
                    } else if byteClass == ByteClass.quote {
                        guard p == fieldStart else { throw fail(.quoteInUnquotedField, at: p, fieldNumber: slotCount &+ 1) }
                        p &+= 1
                        fieldStart = p
                        doubledQuotes = false
                        state = .quoted
                        continue scanning
                    } else {
                        let length = UTF8Sequence.length(at: buffer + p, available: end &- p)
                        if length > 0 {
                            p &+= length
                            continue scanning
                        }
                        if length == 0 { throw fail(.invalidUTF8(byte), at: p, fieldNumber: slotCount &+ 1) }
                        break scanning
                    }
                }
                break scanning

            case .quoted:
                while true {
                    while p &+ 8 <= end {
                        let mask = Word.quotedSpecials(Word.load(buffer + p))
                        if mask != 0 {
                            p &+= Word.firstIndex(in: mask)
                            break
                        }
                        p &+= 8
                    }
                    guard p < end else { break scanning }
                    let byte = buffer[p]
                    let byteClass = inside[Int(byte)]
                    if byteClass == ByteClass.ordinary {
                        p &+= 1
                    } else if byteClass == ByteClass.quote {
                        p &+= 1
                        state = .closingQuote
                        continue scanning
                    } else if byteClass == ByteClass.lineFeed {
                        p &+= 1
                        lineFeeds &+= 1
                    } else {
                        let length = UTF8Sequence.length(at: buffer + p, available: end &- p)
                        if length > 0 {
                            p &+= length
                        } else if length == 0 {
                            throw fail(.invalidUTF8(byte), at: p, fieldNumber: slotCount &+ 1)
                        } else {
                            break scanning
                        }
                    }
                }

            case .closingQuote:
                guard p < end else { break scanning }
                let byte = buffer[p]
                if byte == ByteClass.quoteByte {
                    doubledQuotes = true
                    p &+= 1
                    state = .quoted
                    continue scanning
                }
                guard byte == delimiter || byte == ByteClass.lineFeedByte || byte == ByteClass.carriageReturnByte else {
                    var character = Unicode.Scalar(byte)
                    if byte >= 0x80 {
                        let length = UTF8Sequence.length(at: buffer + p, available: end &- p)
                        if length == 0 { throw fail(.invalidUTF8(byte), at: p, fieldNumber: slotCount &+ 1) }
                        if length < 0 { break scanning }
                        character = Self.scalar(at: buffer + p, length: length)
                    }
                    let opening = location(of: fieldStart &- 1, fieldNumber: slotCount &+ 1)
                    throw fail(.characterAfterClosingQuote(character, openedAt: opening), at: p, fieldNumber: slotCount &+ 1)
                }
                appendField(to: p &- 1, quoted: true)
                p &+= 1
                if byte == delimiter {
                    fieldStart = p
                    state = .unquoted
                } else if byte == ByteClass.carriageReturnByte {
                    state = .carriageReturn
                } else {
                    lineFeeds &+= 1
                    return true
                }

            case .carriageReturn:
                guard p < end else { break scanning }
                guard buffer[p] == ByteClass.lineFeedByte else { throw fail(.loneCarriageReturn, at: p &- 1, fieldNumber: slotCount) }
                p &+= 1
                lineFeeds &+= 1
                return true
            }
        }
        return false
    }

    private func appendField(from start: Int, to end: Int, quoted: Bool, doubledQuotes: Bool) {
        if slotCount == slotCapacity { growSlots(keeping: slotCount) }
        slots[slotCount] = FieldSlot(start: start, end: end, isQuoted: quoted, hasDoubledQuotes: doubledQuotes)
        slotCount += 1
        if doubledQuotes { recordHasDoubledQuotes = true }
    }

    /// The end of the input came in the middle of a record: finish it, or refuse it.
    private func finishAtEndOfInput() throws(CSVReadError) -> CSVRecord? {
        let base = recordStart
        switch state {
        case .unquoted:
            if slotCount == 0 && position == recordStart { return nil }
            if position < end { throw fail(.invalidUTF8(buffer[position]), at: position, fieldNumber: slotCount + 1) }
            appendField(from: fieldStart, to: position - base, quoted: false, doubledQuotes: false)
        case .quoted:
            if position < end { throw fail(.invalidUTF8(buffer[position]), at: position, fieldNumber: slotCount + 1) }
            throw fail(.unterminatedQuotedField, at: base + fieldStart - 1, fieldNumber: slotCount + 1)
        case .closingQuote:
            if position < end { throw fail(.invalidUTF8(buffer[position]), at: position, fieldNumber: slotCount + 1) }
            appendField(from: fieldStart, to: position - 1 - base, quoted: true, doubledQuotes: fieldHasDoubledQuotes)
        case .carriageReturn:
            throw fail(.loneCarriageReturn, at: position - 1, fieldNumber: slotCount)
        }
        return try completeRecord()
    }

    private func completeRecord() throws(CSVReadError) -> CSVRecord {
        if position - recordStart > options.maximumRecordSize { throw tooLarge() }
        let base = buffer + recordStart
        if recordHasDoubledQuotes {
            for index in 0..<slotCount where slots[index].hasDoubledQuotes {
                slots[index].end = slots[index].start + Self.undoubleQuotes(base + slots[index].start, count: slots[index].count)
                slots[index].hasDoubledQuotes = false
            }
        }
        recordsRead += 1
        return CSVRecord(
            reader: self, generation: generation.pointee, base: UnsafePointer(base), slots: UnsafePointer(slots),
            count: slotCount, line: recordLine, row: recordsRead - recordsBeforeFirstRow
        )
    }

    /// Turns each `""` into `"` in place; returns the new length.
    private static func undoubleQuotes(_ field: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var read = 0
        var write = 0
        while read < count {
            let byte = field[read]
            field[write] = byte
            write += 1
            read += byte == ByteClass.quoteByte ? 2 : 1
        }
        return write
    }

    // MARK: Buffer

    /// Fills the buffer for the first time and skips a UTF-8 byte order mark.
    private func startInput() throws(CSVReadError) {
        startedInput = true
        while end < BinaryFormat.signatureLength, try refill() {}
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            position = 3
        } else if let format = BinaryFormat(startingWith: UnsafeBufferPointer(start: buffer, count: end)) {
            throw fail(.binary(format), at: 0, fieldNumber: 1)
        } else if end >= 2 && Self.startsAsUTF16(buffer[0], buffer[1]) {
            throw fail(.utf16, at: 0, fieldNumber: 1)
        }
        if options.skipsSeparatorLine { try skipFirstLine() }
    }

    /// Moves past the first line (Excel's `sep=` line), so that the next record starts on line 2.
    private func skipFirstLine() throws(CSVReadError) {
        while true {
            while position < end {
                let byte = buffer[position]
                position += 1
                if byte == ByteClass.lineFeedByte {
                    recordLine = 2
                    return
                }
            }
            recordStart = position
            guard try refill() else { return }
        }
    }

    /// Whether the first two bytes are UTF-16's: its byte order mark (`FF FE` or `FE FF`), or an
    /// ASCII character written in UTF-16 without one (one byte NUL, the other not). Read as UTF-8,
    /// such a file's header would be names with NULs between the letters.
    static func startsAsUTF16(_ first: UInt8, _ second: UInt8) -> Bool {
        (first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF) || ((first == 0) != (second == 0))
    }

    /// Reads more input after `end`, moving the record in progress to the front or growing the
    /// buffer when there is no room. False at the end of the input.
    private func refill() throws(CSVReadError) -> Bool {
        if reachedEndOfInput { return false }
        if capacity - end < options.bufferSize && recordStart > 0 { compact() }
        if end == capacity { grow() }
        let got = try source.read(into: buffer + end, count: min(options.bufferSize, capacity - end))
        if got == 0 {
            reachedEndOfInput = true
            return false
        }
        byteObserver?(UnsafeRawBufferPointer(start: buffer + end, count: got))
        end += got
        return true
    }

    private func compact() {
        let shift = recordStart
        let kept = end - shift
        if kept > 0 { buffer.update(from: buffer + shift, count: kept) }
        end = kept
        position -= shift
        recordStart = 0
        bufferOffset += shift
    }

    private func grow() {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        larger.update(from: buffer, count: end)
        buffer.deallocate()
        buffer = larger
        capacity *= 2
    }

    private func growSlots(keeping count: Int) {
        let larger = UnsafeMutablePointer<FieldSlot>.allocate(capacity: slotCapacity * 2)
        larger.moveInitialize(from: slots, count: count)
        slots.deallocate()
        slots = larger
        slotCapacity *= 2
    }

    // MARK: Errors

    private func tooLarge() -> CSVReadError {
        let at = state == .quoted ? recordStart + fieldStart - 1 : recordStart
        return fail(.recordTooLarge(limit: options.maximumRecordSize, inQuotedField: state == .quoted), at: at, fieldNumber: slotCount + 1)
    }

    /// Records an error at buffer index `index` of the current record; the reader stops there.
    private func fail(_ kind: CSVReadError.Kind, at index: Int, fieldNumber: Int) -> CSVReadError {
        let error = CSVReadError(kind, at: location(of: index, fieldNumber: fieldNumber))
        failure = error
        return error
    }

    /// The line and column of the buffered byte at `index`, which lies in the record being read.
    private func location(of index: Int, fieldNumber: Int) -> CSVPosition {
        var line = recordLine
        var lineStart = recordStart
        for offset in recordStart..<index where buffer[offset] == ByteClass.lineFeedByte {
            line += 1
            lineStart = offset + 1
        }
        var column = 1
        for offset in lineStart..<index where buffer[offset] & 0xC0 != 0x80 {
            column += 1
        }
        return CSVPosition(line: line, column: column, fieldNumber: fieldNumber, byteOffset: bufferOffset + index)
    }

    /// The scalar of the valid UTF-8 sequence of `length` bytes at `start`.
    private static func scalar(at start: UnsafePointer<UInt8>, length: Int) -> Unicode.Scalar {
        var value = UInt32(start[0]) & (0xFF >> UInt32(length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(start[offset] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}

@available(*, unavailable, message: "a reader and its records share one buffer")
extension CSVReader: Sendable {}

/// Where a finished field lies, relative to the start of its record.
@usableFromInline
struct FieldSlot {
    @usableFromInline var start: Int
    @usableFromInline var end: Int
    @usableFromInline var isQuoted: Bool
    var hasDoubledQuotes: Bool

    @inlinable var count: Int { end &- start }
}
