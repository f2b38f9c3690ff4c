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

        public init(delimiter: Unicode.Scalar = ",", bufferSize: Int = 256 * 1024, maximumRecordSize: Int = 16 * 1024 * 1024) {
            self.delimiter = delimiter
            self.bufferSize = bufferSize
            self.maximumRecordSize = maximumRecordSize
        }

        var delimiterByte: UInt8 { ByteClass.delimiterByte(delimiter) }

        /// The delimiter of a file that begins with `bytes` (a byte order mark may lead): `;` when
        /// its header line has more semicolons than commas outside quoted fields, as a spreadsheet
        /// in a Swedish locale writes it (`namn;ort, län;email`), else `,`.
        public static func delimiter(ofHeaderIn bytes: some Sequence<UInt8>) -> Unicode.Scalar {
            var semicolons = 0
            var commas = 0
            var quoted = false
            for byte in bytes {
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if !quoted {
                    if byte == UInt8(ascii: "\n") { break }
                    if byte == UInt8(ascii: ";") { semicolons += 1 }
                    if byte == UInt8(ascii: ",") { commas += 1 }
                }
            }
            return semicolons > commas ? ";" : ","
        }
    }
}
