import Diagnostics
import Foundation

/// The text of a definition file, checked to be readable UTF-8 within the size limit.
public enum DefinitionText {
    /// Reads the file at `path`: E001 when it cannot be read, E005 when it is too large,
    /// E002 when it is not UTF-8 text, E003 when it is empty.
    public static func read(contentsOf path: String, limits: YAMLLimits = .definitions) -> Result<String, Diagnostic> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Diagnostic(.fileUnreadable, at: .file(path), "no such file; check the path"))
        }
        if isDirectory.boolValue {
            return .failure(Diagnostic(.fileUnreadable, at: .file(path), "this is a folder; give the definition files inside it, e.g. \(path)/*.yaml"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(Diagnostic(.fileUnreadable, at: .file(path), "the file cannot be opened; check its permissions"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // One byte more than allowed tells a file at the limit from one beyond it.
            data = try handle.read(upToCount: limits.maxBytes + 1) ?? Data()
        } catch {
            return .failure(Diagnostic(.fileUnreadable, at: .file(path), "the file cannot be read: \(error.localizedDescription)"))
        }
        if data.count > limits.maxBytes {
            return .failure(tooLarge(path: path, limits: limits))
        }
        return decode(data, path: path)
    }

    /// Checks that `bytes` are UTF-8 text (a UTF-8 byte order mark is dropped) and not empty.
    public static func decode(_ bytes: Data, path: String) -> Result<String, Diagnostic> {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(Diagnostic(.fileNotText, at: .file(path), "the file is UTF-16 text; save it as UTF-8"))
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        guard let text = String(validating: body, as: UTF8.self), !hasControlCharacter(body) else {
            return .failure(firstNonText(in: body, path: path)
                ?? Diagnostic(.fileNotText, at: .file(path), "the file is not UTF-8 text; save it as UTF-8"))
        }
        return checkNotEmpty(text, path: path)
    }

    /// Checks text that is already a `String` (e.g. stored in a database): size and emptiness.
    /// The text comes back with every lone carriage return (an old Mac line ending) made a line
    /// feed: YAML breaks lines there, so the lines that positions count are the parser's lines.
    public static func check(_ text: String, path: String, limits: YAMLLimits = .definitions) -> Result<String, Diagnostic> {
        if text.utf8.count > limits.maxBytes { return .failure(tooLarge(path: path, limits: limits)) }
        if let nul = text.unicodeScalars.firstIndex(of: "\0") {
            let location = TextPosition.location(of: nul, in: text, file: path)
            return .failure(Diagnostic(.fileNotText, at: location, "the text contains a NUL character; a definition is plain text"))
        }
        return checkNotEmpty(lineFeedsForLoneCarriageReturns(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text), path: path)
    }

    /// `text` with each `\r` not followed by `\n` replaced by `\n` (`\r\n` stays as it is).
    static func lineFeedsForLoneCarriageReturns(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        var scalars = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            scalars.append(scalar == "\r" && pending != "\n" ? "\n" : scalar)
        }
        return String(scalars)
    }

    static func tooLarge(path: String, limits: YAMLLimits) -> Diagnostic {
        Diagnostic(.fileTooLarge, at: .file(path),
                   "the file is larger than \(ByteCount.text(limits.maxBytes)), the most a definition may be; is this really a definition?")
    }

    private static func checkNotEmpty(_ text: String, path: String) -> Result<String, Diagnostic> {
        if text.allSatisfy(\.isWhitespace) {
            return .failure(Diagnostic(.fileEmpty, at: .file(path), "the file is empty; a definition starts with its id, e.g. `id: my-survey`"))
        }
        return .success(text)
    }

    /// Whether any byte is a control character other than tab, line feed and carriage return.
    private static func hasControlCharacter(_ bytes: Data.SubSequence) -> Bool {
        bytes.withUnsafeBytes { buffer in
            buffer.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        }
    }

    /// The first byte sequence that is not UTF-8, or a NUL or other control character that no text file holds.
    private static func firstNonText(in bytes: Data.SubSequence, path: String) -> Diagnostic? {
        var line = 1
        var column = 1
        var offset = bytes.startIndex
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\n" {
                    line += 1
                    column = 1
                    continue
                }
                if scalar.value < 0x20, scalar != "\t", scalar != "\r" {
                    return Diagnostic(.fileNotText, at: SourceLocation(file: path, line: line, column: column),
                                      "the file holds a control character (U+\(hex(scalar.value))), so it is not a text file; is it the right file?")
                }
                column += 1
            case .error:
                return Diagnostic(.fileNotText, at: SourceLocation(file: path, line: line, column: column),
                                  "the file is not UTF-8 text (\(describeInvalid(bytes[offset]))); save it as UTF-8")
            case .emptyInput:
                return nil
            }
        }
    }

    /// The first byte that is not UTF-8, named as the letter, dash or quotation mark it is in
    /// Windows-1252 (whose letters from 0xA0 up are Latin-1's), which older editors and Excel save
    /// Swedish text in.
    private static func describeInvalid(_ byte: UInt8) -> String {
        let code = "0x" + String(byte, radix: 16, uppercase: true)
        guard let character = Windows1252.character(byte) else { return "an invalid byte here, \(code)" }
        let encodings = byte >= 0xA0 ? "Latin-1 or Windows-1252" : "Windows-1252"
        return "the byte \(code) here is \(character) in \(encodings): was the file saved in that encoding?"
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
