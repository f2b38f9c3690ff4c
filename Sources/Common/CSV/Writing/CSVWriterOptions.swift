extension CSVWriter {
    /// How a writer lays out its output. The defaults give RFC 4180 (comma, CRLF).
    public struct Options: Sendable {
        public enum LineEnding: Sendable {
            /// CR LF, as RFC 4180 asks.
            case crlf
            /// LF alone.
            case lf
        }

        /// The field separator: any ASCII character except `"`, CR and LF.
        public var delimiter: Unicode.Scalar
        public var lineEnding: LineEnding
        /// Bytes gathered before each write to the output.
        public var bufferSize: Int
        /// Whether ``CSVWriter/write(text:)`` applies ``FormulaNeutralization``. Off gives the text unchanged,
        /// for outputs read by programs rather than spreadsheets.
        public var neutralizesFormulas: Bool
        /// Start the output with a UTF-8 byte order mark, which Excel needs to read åäö correctly.
        public var writesByteOrderMark: Bool

        public init(
            delimiter: Unicode.Scalar = ",", lineEnding: LineEnding = .crlf, bufferSize: Int = 256 * 1024,
            neutralizesFormulas: Bool = true, writesByteOrderMark: Bool = false
        ) {
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.bufferSize = bufferSize
            self.neutralizesFormulas = neutralizesFormulas
            self.writesByteOrderMark = writesByteOrderMark
        }

        var delimiterByte: UInt8 { ByteClass.delimiterByte(delimiter) }
    }
}
