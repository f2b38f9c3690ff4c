import Diagnostics
import Foundation

/// A contacts file read whole: its header and its data rows, each with the physical line it
/// starts on. Contacts lists are small (thousands of rows), so nothing streams here.
struct ContactsTable {
    struct Row {
        /// Data rows count from 1; the header is not a row.
        var number: Int
        var line: Int
        var fields: [String]
    }

    var header: [String]
    var rows: [Row]
    /// The file began with a UTF-8 byte order mark (spreadsheet programs write one, and read
    /// UTF-8 correctly only with one), so the links file gets one too.
    var hasByteOrderMark: Bool

    /// Reads an RFC 4180 file: UTF-8 with or without BOM, CRLF or LF, quoted fields with commas,
    /// doubled quotes and line breaks. Blank lines are skipped. Problems come back as diagnostics.
    static func read(path: String) -> Result<ContactsTable, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(.fileUnreadable, at: .file(path), "the contacts file cannot be read; check the path and its permissions"))
        }
        var bytes = [UInt8](data)
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hasBOM { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .failure(Diagnostic(.fileNotText, at: .file(path), "the contacts file is not UTF-8 text; save it from the spreadsheet as \"CSV UTF-8\""))
        }
        guard !bytes.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }) else {
            return .failure(Diagnostic(.fileEmpty, at: .file(path), "the contacts file is empty; it needs a header row and one row per invitee"))
        }
        var records: [Row] = []
        switch parse(bytes, path: path, into: &records) {
        case .some(let diagnostic): return .failure(diagnostic)
        case .none: break
        }
        let header = records.removeFirst()
        return .success(ContactsTable(
            header: header.fields,
            rows: records.enumerated().map { Row(number: $0.offset + 1, line: $0.element.line, fields: $0.element.fields) },
            hasByteOrderMark: hasBOM))
    }

    /// Splits records; returns a diagnostic for the first malformed quote.
    private static func parse(_ bytes: [UInt8], path: String, into records: inout [Row]) -> Diagnostic? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1, column = 1
        var i = 0
        var quoted = false, afterQuote = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quoted = false
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Row(number: 0, line: recordLine, fields: fields))
            }
            fields.removeAll()
        }
        func malformed(_ message: String) -> Diagnostic {
            Diagnostic(.malformedContacts, at: SourceLocation(file: path, line: line, column: column), message)
        }

        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote {
                        field.append(quote)
                        i += 2; column += 2
                        continue
                    }
                    quoted = false
                    afterQuote = true
                } else {
                    field.append(b)
                    if b == lf { line += 1; column = 0 }
                }
                i += 1; column += 1
                continue
            }
            switch b {
            case quote:
                guard field.isEmpty, !afterQuote else { return malformed("a quote inside a field that does not start with one; write it as two quotes inside a quoted field") }
                quoted = true
            case comma:
                endField()
            case cr, lf:
                if b == cr, i + 1 < bytes.count, bytes[i + 1] == lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
                column = 0
            default:
                guard !afterQuote else { return malformed("text after the closing quote of a field; put the whole field in quotes") }
                field.append(b)
            }
            i += 1; column += 1
        }
        if quoted { return malformed("a quoted field that never ends; a closing quote is missing") }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return nil
    }
}
