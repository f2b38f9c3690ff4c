/// One record of a ``CSVReader``: a view into the reader's buffer, valid until the reader's next
/// ``CSVReader/next()``. Using it afterwards stops the program. Field indices count from 0.
public struct CSVRecord {
    /// Keeps the buffer alive and tells whether the view is still current.
    @usableFromInline let reader: CSVReader
    @usableFromInline let generation: Int
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let slots: UnsafePointer<FieldSlot>

    /// How many fields the record has; an empty line has one (empty) field.
    public let count: Int
    /// The physical line the record starts on, counting from 1 (quoted line breaks count).
    public let line: Int
    /// The data row: counts records from 1, after the header when ``CSVReader/readHeader()`` read one.
    public let row: Int

    init(
        reader: CSVReader, generation: Int, base: UnsafePointer<UInt8>, slots: UnsafePointer<FieldSlot>,
        count: Int, line: Int, row: Int
    ) {
        self.reader = reader
        self.generation = generation
        self.base = base
        self.slots = slots
        self.count = count
        self.line = line
        self.row = row
    }

    @inlinable
    func slot(_ index: Int) -> FieldSlot {
        precondition(reader.generation.pointee == generation, "a CSVRecord was used after its reader moved on")
        precondition(index >= 0 && index < count, "field index \(index) is out of range for a record of \(count) fields")
        return slots[index]
    }

    /// Calls `body` with the field's UTF-8 bytes (quotes removed, `""` made `"`); the bytes are valid only inside `body`.
    @inlinable
    public func withUnsafeBytes<Result, Failure: Error>(
        at index: Int, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let slot = slot(index)
        return try body(UnsafeRawBufferPointer(start: base + slot.start, count: slot.count))
    }

    /// The field's UTF-8 bytes (quotes removed, `""` made `"`), for a caller that gathers many
    /// fields of a record at once. Like the record, they are valid only until the reader's next
    /// ``CSVReader/next()``: do not keep them longer.
    @inlinable
    public func unsafeBytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let slot = slot(index)
        return UnsafeBufferPointer(start: base + slot.start, count: slot.count)
    }

    /// Calls `body` with the field's UTF-8 bytes as a span.
    @inlinable
    public func withSpan<Result, Failure: Error>(
        at index: Int, _ body: (Span<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let slot = slot(index)
        return try body(UnsafeBufferPointer(start: base + slot.start, count: slot.count).span)
    }

    /// The field as text (the reader has checked that it is UTF-8).
    @inlinable
    public func string(at index: Int) -> String {
        let slot = slot(index)
        return String(decoding: UnsafeBufferPointer(start: base + slot.start, count: slot.count), as: UTF8.self)
    }

    /// The field as text; the same as ``string(at:)``.
    public subscript(index: Int) -> String { string(at: index) }

    /// The field's length in UTF-8 bytes.
    @inlinable
    public func byteCount(at index: Int) -> Int { slot(index).count }

    /// True when the field has no bytes (`a,,b` and `a,"",b` both have an empty second field).
    @inlinable
    public func isEmpty(at index: Int) -> Bool { slot(index).count == 0 }

    /// True when the field was written in quotes, so `""` can be told from an empty field if a caller needs to.
    @inlinable
    public func isQuoted(at index: Int) -> Bool { slot(index).isQuoted }

    /// Every field as text.
    public var strings: [String] { (0..<count).map(string(at:)) }

    /// True for an empty line: one empty field, not quoted.
    public var isBlankLine: Bool { count == 1 && isEmpty(at: 0) && !isQuoted(at: 0) }

    /// True when no field holds more than spaces, tabs and line breaks: a blank line, or a row of
    /// delimiters only (`;;;`), which a spreadsheet writes for the rows below its data that once
    /// held something.
    public var isBlank: Bool {
        (0..<count).allSatisfy { index in
            withUnsafeBytes(at: index) { bytes in bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }
        }
    }
}

@available(*, unavailable, message: "a record is a view into its reader's buffer")
extension CSVRecord: Sendable {}
