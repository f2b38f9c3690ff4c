/// Windows-1252, the encoding that Excel's plain "CSV" and older editors save Swedish text in: what
/// a byte that is not UTF-8 reads as there, so that a message can say which encoding a file is in
/// (`ö` is the single byte 0xF6).
public enum Windows1252 {
    /// The character `byte` is in Windows-1252: Latin-1's from 0xA0 up, the dashes, quotation marks
    /// and other signs below that; nil for ASCII and the five bytes the encoding leaves undefined.
    public static func character(_ byte: UInt8) -> Character? {
        switch byte {
        case 0xA0...: Character(Unicode.Scalar(byte))
        case 0x80...: belowLatin1[Int(byte - 0x80)]
        default: nil
        }
    }

    /// The characters of 0x80 to 0x9F.
    private static let belowLatin1: [Character?] = [
        "€", nil, "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", nil, "Ž", nil,
        nil, "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", nil, "ž", "Ÿ",
    ]
}
