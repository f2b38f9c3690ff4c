import Foundation

/// A streaming RFC 4180 writer: fields go into a buffer that is written out when full, so a file of
/// any size costs one system call per buffer and constant memory.
///
/// ```swift
/// let writer = try CSVWriter(path: "export.csv")
/// try writer.writeRecord(["id", "name", "age"])
/// try writer.write(42); try writer.write(text: name); try writer.write(age); try writer.endRecord()
/// try writer.close()
/// ```
///
/// A field is quoted when it holds the delimiter, `"`, CR or LF, or begins or ends with a space or a tab
/// (so that readers which trim spaces keep them); quotes inside are doubled. Records end in CRLF unless
/// ``Options/lineEnding`` says LF. A record of one empty field is written `""` so that it does not read
/// back as a blank line.
///
/// Errors (disk full, closed descriptor) are thrown by the call that meets them and by every call
/// after it. Call ``close()`` (or ``flush()``) and check its error: the buffered end of the output is
/// written there.
public final class CSVWriter {
    public let options: Options

    private let sink: ByteSink
    private let delimiter: UInt8
    /// Non-zero for the bytes that force quoting: the delimiter, `"`, CR and LF.
    private let quoteTriggers: UnsafeMutablePointer<UInt8>
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private var fieldsInRecord = 0
    private var recordHasBytes = false
    private var isClosed = false
    private var failure: CSVWriteError?
    /// Set once the writer is closed or has failed: the one test on the hot path.
    private var isBlocked = false

    /// Creates (or truncates) the file at `path`.
    public convenience init(path: String, options: Options = Options()) throws(CSVWriteError) {
        self.init(sink: try FileDescriptorSink(path: path), options: options)
    }

    /// Writes over the file at `path`, which must be there: an `OutputFile`'s temporary file,
    /// opened without creating it, so that one an interrupt removed is not made again.
    public convenience init(existingFile path: String, options: Options = Options()) throws(CSVWriteError) {
        self.init(sink: try FileDescriptorSink(path: path, creating: false), options: options)
    }

    /// Writes to an open handle (a file, a pipe, standard output); ``close()`` flushes but leaves the handle open.
    public convenience init(fileHandle: FileHandle, options: Options = Options()) {
        self.init(sink: FileDescriptorSink(borrowing: fileHandle.fileDescriptor, from: fileHandle), options: options)
    }

    private init(sink: ByteSink, options: Options) {
        precondition(options.bufferSize > 0, "the buffer size must be positive")
        self.sink = sink
        self.options = options
        delimiter = options.delimiterByte
        capacity = options.bufferSize
        buffer = .allocate(capacity: capacity)
        quoteTriggers = .allocate(capacity: 256)
        quoteTriggers.initialize(repeating: 0, count: 256)
        for byte in [delimiter, ByteClass.quoteByte, ByteClass.carriageReturnByte, ByteClass.lineFeedByte] {
            quoteTriggers[Int(byte)] = 1
        }
        if options.writesByteOrderMark { append([0xEF, 0xBB, 0xBF]) }
    }

    /// Writes to memory and returns the bytes: for small outputs and tests.
    public static func bytes(options: Options = Options(), _ body: (CSVWriter) throws -> Void) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink, options: options)
        try body(writer)
        try writer.close()
        return sink.bytes
    }

    /// Writes to memory and returns the text.
    public static func string(options: Options = Options(), _ body: (CSVWriter) throws -> Void) throws -> String {
        String(decoding: try bytes(options: options, body), as: UTF8.self)
    }

    deinit {
        if !isClosed {
            drain()
            try? sink.close()
        }
        buffer.deallocate()
        quoteTriggers.deallocate()
    }

    // MARK: Fields

    /// Writes `field` as it is: codes, numbers, dates, names.
    public func write(_ field: String) throws(CSVWriteError) {
        try checkWritable()
        appendField(field, neutralizing: false)
        try checkWritable()
    }

    /// Writes a free-text value, with ``FormulaNeutralization`` when ``Options/neutralizesFormulas`` is on.
    public func write(text field: String) throws(CSVWriteError) {
        try checkWritable()
        appendField(field, neutralizing: options.neutralizesFormulas)
        try checkWritable()
    }

    /// Writes UTF-8 bytes as they are (the caller vouches that they are UTF-8).
    public func write(utf8 field: UnsafeRawBufferPointer) throws(CSVWriteError) {
        try checkWritable()
        appendField(field.assumingMemoryBound(to: UInt8.self), neutralizing: false)
        try checkWritable()
    }

    /// Writes an integer in decimal without making a `String`.
    public func write(_ value: Int) throws(CSVWriteError) {
        try checkWritable()
        startField()
        recordHasBytes = true
        let longest = 20  // "-9223372036854775808"
        if capacity - count < longest { drain() }
        if capacity - count >= longest {
            count &+= Self.formatDecimal(value, into: buffer + count)
        } else {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longest) { digits in
                append(UnsafeBufferPointer(start: digits.baseAddress!, count: Self.formatDecimal(value, into: digits.baseAddress!)))
            }
        }
        try checkWritable()
    }

    /// Ends the record with the line ending.
    public func endRecord() throws(CSVWriteError) {
        try checkWritable()
        if fieldsInRecord == 1 && !recordHasBytes { append([ByteClass.quoteByte, ByteClass.quoteByte]) }
        switch options.lineEnding {
        case .crlf: append([ByteClass.carriageReturnByte, ByteClass.lineFeedByte])
        case .lf: append([ByteClass.lineFeedByte])
        }
        fieldsInRecord = 0
        recordHasBytes = false
        try checkWritable()
    }

    /// Writes each field as it is (like ``write(_:)-(String)``) and ends the record.
    public func writeRecord(_ fields: some Sequence<String>) throws(CSVWriteError) {
        for field in fields { try write(field) }
        try endRecord()
    }

    /// Writes the buffered bytes to the output.
    public func flush() throws(CSVWriteError) {
        try checkWritable()
        drain()
        try checkWritable()
    }

    /// Flushes and closes the output (a borrowed file handle stays open). Later calls throw ``CSVWriteError/Kind/closed``.
    public func close() throws(CSVWriteError) {
        try checkWritable()
        drain()
        isClosed = true
        isBlocked = true
        if let failure { throw failure }
        do {
            try sink.close()
        } catch {
            failure = error
            throw error
        }
    }

    // MARK: Buffer

    /// Throws the failure or the closing that stops this writer.
    @inline(__always)
    private func checkWritable() throws(CSVWriteError) {
        if isBlocked { throw failure ?? CSVWriteError(.closed, destination: sink.destination) }
    }

    @inline(__always)
    private func startField() {
        if fieldsInRecord > 0 { append(delimiter) }
        fieldsInRecord &+= 1
    }

    @inline(__always)
    private func appendField(_ field: String, neutralizing: Bool) {
        let done: Void? = field.utf8.withContiguousStorageIfAvailable { appendField($0, neutralizing: neutralizing) }
        if done == nil {
            Array(field.utf8).withUnsafeBufferPointer { appendField($0, neutralizing: neutralizing) }
        }
    }

    private func appendField(_ field: UnsafeBufferPointer<UInt8>, neutralizing: Bool) {
        startField()
        guard let bytes = field.baseAddress, field.count > 0 else { return }
        let length = field.count
        recordHasBytes = true
        let prefixed = neutralizing && FormulaNeutralization.isNeeded(field)
        var quoted = (!prefixed && Self.isSpaceOrTab(bytes[0])) || Self.isSpaceOrTab(bytes[length &- 1])
        var index = 0
        while !quoted && index < length {
            quoted = quoteTriggers[Int(bytes[index])] != 0
            index &+= 1
        }
        if !quoted && !prefixed {
            append(field)
            return
        }
        if quoted { append(ByteClass.quoteByte) }
        if prefixed { append(UInt8(ascii: "'")) }
        if quoted {
            var segmentStart = 0
            for index in field.indices where field[index] == ByteClass.quoteByte {
                append(UnsafeBufferPointer(rebasing: field[segmentStart...index]))
                segmentStart = index  // the quote is written again with the next segment
            }
            append(UnsafeBufferPointer(rebasing: field[segmentStart...]))
            append(ByteClass.quoteByte)
        } else {
            append(field)
        }
    }

    /// Writes `value` in decimal at `destination` (20 bytes of room); returns the length.
    private static func formatDecimal(_ value: Int, into destination: UnsafeMutablePointer<UInt8>) -> Int {
        var magnitude = value.magnitude
        var digits = 1
        var limit: UInt = 10
        while digits < 20 && magnitude >= limit {
            digits &+= 1
            limit = limit &* 10
        }
        let sign = value < 0 ? 1 : 0
        if sign == 1 { destination[0] = UInt8(ascii: "-") }
        var position = sign &+ digits
        repeat {
            position &-= 1
            destination[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        return sign &+ digits
    }

    @inline(__always)
    private static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    @inline(__always)
    private func append(_ byte: UInt8) {
        if count == capacity { drain() }
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var source = bytes.baseAddress else { return }
        var remaining = bytes.count
        if remaining <= capacity &- count {
            let destination = buffer + count
            if remaining <= 16 {
                for index in 0..<remaining { destination[index] = source[index] }
            } else {
                destination.update(from: source, count: remaining)
            }
            count &+= remaining
            return
        }
        while remaining > 0 {
            if count == capacity { drain() }
            let taken = min(remaining, capacity - count)
            (buffer + count).update(from: source, count: taken)
            count += taken
            source += taken
            remaining -= taken
        }
    }

    private func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Writes the buffer out. After a failure the bytes are dropped: the output is already incomplete,
    /// and the failure is thrown by every later call.
    private func drain() {
        defer { count = 0 }
        guard count > 0, failure == nil else { return }
        do {
            try sink.write(buffer, count: count)
        } catch {
            failure = error
            isBlocked = true
        }
    }
}

@available(*, unavailable, message: "a writer holds a buffer that one caller fills")
extension CSVWriter: Sendable {}
