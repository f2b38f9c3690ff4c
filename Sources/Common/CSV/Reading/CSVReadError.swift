import Diagnostics

/// Where in a CSV input something was found. Lines, columns and field numbers count from 1.
public struct CSVPosition: Hashable, Sendable, CustomStringConvertible {
    /// The physical line, counting every LF (quoted line breaks included).
    public var line: Int
    /// The character (Unicode scalar) on that line, as an editor counts it; a byte order mark is not counted.
    public var column: Int
    /// The field of the record, counting from 1.
    public var fieldNumber: Int
    /// Bytes from the start of the input, byte order mark included.
    public var byteOffset: Int

    public init(line: Int, column: Int, fieldNumber: Int, byteOffset: Int) {
        self.line = line
        self.column = column
        self.fieldNumber = fieldNumber
        self.byteOffset = byteOffset
    }

    public var description: String { "line \(line), column \(column)" }
}

/// Why a CSV input was refused. The reader stops at the first error: after a broken quote
/// the structure of the rest of the file is unknown.
public struct CSVReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// A quoted field has no closing quote before the end of the input (position: the opening quote).
        case unterminatedQuotedField
        /// A `"` inside a field that does not start with one (position: that quote).
        case quoteInUnquotedField
        /// Something other than a delimiter or line end right after a closing quote (position: that
        /// character); where the quoted field's opening quote is, since a quote left open earlier
        /// (`"oj,` for `oj`) makes the next quote in the file close it.
        case characterAfterClosingQuote(Unicode.Scalar, openedAt: CSVPosition)
        /// A CR outside quotes that is not followed by LF (position: the CR).
        case loneCarriageReturn
        /// Bytes that are not UTF-8 (position: the first byte of the bad sequence).
        case invalidUTF8(UInt8)
        /// The input is UTF-16, with or without its byte order mark (position: the start of the input).
        case utf16
        /// The input is a spreadsheet, an archive or a document, not text (position: the start of the input).
        case binary(BinaryFormat)
        /// A record grew past `CSVReader.Options.maximumRecordSize` (position: the opening quote of the
        /// field being read when it is quoted, else the start of the record); whether that field is quoted.
        case recordTooLarge(limit: Int, inQuotedField: Bool)
        /// The first line is Excel's `sep=` line but names no delimiter Samla reads (`,`, `;` or a tab);
        /// the text after `sep=` (position: just after `sep=` on line 1).
        case unsupportedSeparatorLine(String)
        /// The file could not be opened.
        case cannotOpen(path: String, reason: String)
        /// Reading failed part way.
        case readFailed(reason: String)
    }

    public var kind: Kind
    /// Where the problem is; nil when the input could not be read at all.
    public var position: CSVPosition?

    public init(_ kind: Kind, at position: CSVPosition?) {
        self.kind = kind
        self.position = position
    }

    /// What is wrong and what to do, without the position.
    public var message: String {
        switch kind {
        case .unterminatedQuotedField:
            return "a quoted field starts here but has no closing quote before the end of the file; "
                + "close it (a quote inside a quoted field is written twice: \"\")"
        case .quoteInUnquotedField:
            return "a quote (\") inside a field that does not start with a quote; "
                + "enclose the whole field in quotes and write the inner quote twice (\"\")"
        case .characterAfterClosingQuote(let character, let opening):
            return "\(Self.describe(character)) after the closing quote of the quoted field that starts at \(opening); "
                + "a quoted field must be followed by a delimiter or a line end (a quote inside it is written twice: \"\"); "
                + "when that opening quote was not meant to start a quoted field, or its field's closing quote is missing, "
                + "the quote here only seems to close it"
        case .loneCarriageReturn:
            return "a carriage return (CR) without a line feed (LF) after it; lines must end in LF or CRLF "
                + "(old Mac files end lines in CR alone: save the file again with LF or CRLF line ends), "
                + "and a CR inside a value must be in a quoted field"
        case .invalidUTF8(let byte):
            let windows1252 = Windows1252.character(byte).map { " (\($0) in Windows-1252)" } ?? ""
            return "byte 0x\(Self.hex(byte))\(windows1252) is not valid UTF-8; the file is probably in another encoding "
                + "(Excel's plain \"CSV\" is Windows-1252): save it as \"CSV UTF-8\""
        case .utf16:
            return "the file is UTF-16 text (as Excel saves \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8\""
        case .binary(let format):
            return "the file is " + format.explanation
        case .recordTooLarge(let limit, true):
            return "the quoted field that starts here runs past \(Self.size(limit)), the most a row may hold: its closing quote is "
                + "probably missing (a quote inside a quoted field is written twice: \"\")"
        case .recordTooLarge(let limit, false):
            return "the row that starts here is longer than \(Self.size(limit)), the most a row may hold: shorten the long value in it "
                + "(a survey's answers fill a few kilobytes)"
        case .unsupportedSeparatorLine(let named):
            let shown = named.isEmpty ? "nothing" : "'\(named)'"
            return "the first line is Excel's sep= line, which names the delimiter, but it names \(shown); "
                + "Samla reads files separated by commas (sep=,), semicolons (sep=;) or tabs (sep= and a tab): "
                + "save the file again with one of those, or delete the sep= line"
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .readFailed(let reason):
            return "reading failed: \(reason)"
        }
    }

    /// `line 4, column 9: <message>`, or the message alone when there is no position.
    public var description: String {
        guard let position else { return message }
        return "\(position): \(message)"
    }

    private static func describe(_ character: Unicode.Scalar) -> String {
        switch character.value {
        case 0x20: "a space"
        case 0x09: "a tab"
        case 0x21...0x7E, 0xA1...: "'\(Character(character))'"
        default: "the character U+" + padded(String(character.value, radix: 16, uppercase: true), to: 4)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        padded(String(byte, radix: 16, uppercase: true), to: 2)
    }

    /// `16 MiB` for a whole number of mebibytes, else the bytes.
    private static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    private static func padded(_ digits: String, to width: Int) -> String {
        String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
