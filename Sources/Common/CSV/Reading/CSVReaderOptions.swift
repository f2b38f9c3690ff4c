extension CSVReader {
    /// How a reader splits its input. The defaults suit RFC 4180 files of any size.
    public struct Options: Sendable {
        /// The field separator: `,` by default; `;` for files from Excel in a Swedish locale,
        /// `\t` for tab-separated files. Any ASCII character except `"`, CR and LF.
        public var delimiter: Unicode.Scalar
        /// Bytes asked of the input per read, and the buffer's starting size. Tests use tiny sizes
        /// so that fields and records cross reads.
        public var bufferSize: Int
        /// The most bytes one record may take, its line end included. A record that grows past it is
        /// refused, which keeps memory bounded when a closing quote is missing in a large file.
        public var maximumRecordSize: Int
        /// The first line (after a byte order mark) is Excel's `sep=` line naming the delimiter:
        /// the reader skips it, so the header is the record on line 2. ``init(forInputStartingWith:)``
        /// sets it when it finds one.
        public var skipsSeparatorLine: Bool

        public init(
            delimiter: Unicode.Scalar = ",", bufferSize: Int = 256 * 1024, maximumRecordSize: Int = 16 * 1024 * 1024,
            skipsSeparatorLine: Bool = false
        ) {
            self.delimiter = delimiter
            self.bufferSize = bufferSize
            self.maximumRecordSize = maximumRecordSize
            self.skipsSeparatorLine = skipsSeparatorLine
        }

        /// The options for a file that begins with `bytes` (its first line at least; a byte order
        /// mark may lead), which the importer, `samla invite` and `samla remind` share.
        ///
        /// A first line `sep=X`, as Excel writes and reads it, names the delimiter `X` (`,`, `;` or a
        /// tab) and is skipped; the same character repeated after it (`sep=;;;;`, as a spreadsheet
        /// saves the line when it was a cell of a wider table) is allowed. A first line that starts with
        /// `sep=` but names anything else is refused (``CSVReadError/Kind/unsupportedSeparatorLine(_:)``).
        /// Without such a line the header decides, as ``delimiter(ofHeaderIn:)`` tells.
        public init(forInputStartingWith bytes: some Sequence<UInt8>) throws(CSVReadError) {
            let start = Array(bytes.prefix(64 * 1024))
            let lineStart = start.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var line = start[lineStart...].prefix { $0 != ByteClass.lineFeedByte }
            if line.last == ByteClass.carriageReturnByte { line = line.dropLast() }
            guard line.starts(with: Self.separatorLinePrefix) else {
                self.init(delimiter: Self.delimiter(ofHeaderIn: start))
                return
            }
            let named = line.dropFirst(Self.separatorLinePrefix.count)
            guard let delimiter = named.first, Self.separatorLineDelimiters.contains(delimiter), named.allSatisfy({ $0 == delimiter }) else {
                let position = CSVPosition(line: 1, column: Self.separatorLinePrefix.count + 1, fieldNumber: 1,
                                           byteOffset: lineStart + Self.separatorLinePrefix.count)
                throw CSVReadError(.unsupportedSeparatorLine(String(decoding: named, as: UTF8.self)), at: position)
            }
            self.init(delimiter: Unicode.Scalar(delimiter), skipsSeparatorLine: true)
        }

        private static let separatorLinePrefix = Array("sep=".utf8)
        private static let separatorLineDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

        var delimiterByte: UInt8 { ByteClass.delimiterByte(delimiter) }

        /// The delimiter of a file that begins with `bytes` (a byte order mark may lead): `;` when
        /// its header line has more semicolons than commas outside quoted fields, as a spreadsheet
        /// in a Swedish locale writes it (`namn;ort, län;email`); a tab when it has more tabs than
        /// either (a tab-separated file, such as the links file `samla invite` writes for a contacts
        /// file whose `sep=` line named a tab); else `,`.
        public static func delimiter(ofHeaderIn bytes: some Sequence<UInt8>) -> Unicode.Scalar {
            var semicolons = 0
            var commas = 0
            var tabs = 0
            var quoted = false
            for byte in bytes {
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if !quoted {
                    if byte == UInt8(ascii: "\n") { break }
                    if byte == UInt8(ascii: ";") { semicolons += 1 }
                    if byte == UInt8(ascii: ",") { commas += 1 }
                    if byte == UInt8(ascii: "\t") { tabs += 1 }
                }
            }
            if tabs > semicolons && tabs > commas { return "\t" }
            return semicolons > commas ? ";" : ","
        }
    }
}
