/// A file format that is not text, told by its first bytes: what a CSV file turns out to be when
/// it is a spreadsheet or a document renamed, or saved under a `.csv` name by mistake.
public enum BinaryFormat: Hashable, Sendable {
    /// A ZIP archive: an Excel workbook (`.xlsx`), an OpenDocument spreadsheet (`.ods`), a `.zip`.
    case zip
    /// A Compound File: an Excel workbook of Excel 97–2003 (`.xls`) or another old Office document.
    case compoundFile
    case pdf

    /// The bytes each format starts with.
    private static let signatures: [(BinaryFormat, [UInt8])] = [
        (.zip, [0x50, 0x4B, 0x03, 0x04]),
        (.zip, [0x50, 0x4B, 0x05, 0x06]),
        (.compoundFile, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        (.pdf, Array("%PDF-".utf8)),
    ]

    /// The longest signature: how many bytes ``init(startingWith:)`` needs to tell every format.
    static let signatureLength = 8

    /// The format of input that begins with `bytes`, or nil for anything else (text among it).
    public init?(startingWith bytes: some Collection<UInt8>) {
        guard let found = Self.signatures.first(where: { bytes.starts(with: $0.1) }) else { return nil }
        self = found.0
    }

    /// What the file is, and what to do, for a message that begins "the file is".
    public var explanation: String {
        switch self {
        case .zip:
            "an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or another ZIP archive, not CSV text: "
                + "open it in the spreadsheet and save it as \"CSV UTF-8\" (File > Save As)"
        case .compoundFile:
            "an Excel 97–2003 workbook (.xls) or another old Office document, not CSV text: "
                + "open it in Excel and save it as \"CSV UTF-8\" (File > Save As)"
        case .pdf:
            "a PDF document, not CSV text: a PDF cannot be imported; ask for the data as a spreadsheet "
                + "and save that as \"CSV UTF-8\""
        }
    }
}
