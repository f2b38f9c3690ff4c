import Diagnostics

/// Counts the imported text answers that look like UTF-8 read as Windows-1252 and saved again
/// (`VÃ¤xjÃ¶` for `Växjö`), to warn once (W429) when the import ends. Excel does that to a UTF-8
/// CSV file without a byte order mark that is opened with a double-click and saved as "CSV UTF-8":
/// the file is valid UTF-8 and every code still reads, so only the texts show it, and no check of
/// an answer refuses them.
///
/// The sign is `Ã` (U+00C3, the reading of the lead byte of every UTF-8 letter from `À` to `ÿ`)
/// followed by a character that is not ASCII, which is what each of `å ä ö é Å Ä Ö` becomes, and
/// which no Swedish or English text writes.
struct MisencodedTextCheck {
    /// The answers that look misencoded: how many, and the first few by row, column and word.
    private(set) var count = 0
    private(set) var first: [(row: Int, column: String, word: String)] = []
    /// How many answers the warning names.
    static let listedAnswers = 3

    /// Whether `text` holds `Ã` followed by a character that is not ASCII.
    static func looksMisencoded(_ text: UnsafeRawBufferPointer) -> Bool {
        guard text.count >= 3 else { return false }
        var index = 0
        while index < text.count - 2 {
            if text[index] == 0xC3 && text[index + 1] == 0x83 && text[index + 2] >= 0xC2 { return true }
            index += 1
        }
        return false
    }

    /// Notes an answer of row `row` that looks misencoded; `text` gives it, asked only for the first ones.
    mutating func note(row: Int, column: String, text: () -> String) {
        count += 1
        guard first.count < Self.listedAnswers else { return }
        let word = text().split(whereSeparator: \.isWhitespace).first { $0.contains("Ã") }.map { String($0.prefix(40)) } ?? ""
        first.append((row, column, word))
    }

    /// The warning, naming the import that stored the answers (`importID`), which `samla import undo` takes back;
    /// nil when no answer looked misencoded.
    func warning(file: String, round: String, importID: Int64?) -> Diagnostic? {
        guard count > 0 else { return nil }
        let answers = first.map { "row \($0.row), column \($0.column) (“\($0.word)”)" }.joined(separator: "; ")
            + (count > first.count ? " and \(GroupedCount.text(count - first.count)) more" : "")
        let counted = count == 1 ? "1 imported text answer looks" : "\(GroupedCount.text(count)) imported text answers look"
        return Diagnostic(.misencodedText, at: .file(file),
            "\(counted) like UTF-8 read as Windows-1252 and saved again (Ã¤ for ä, Ã¶ for ö, Ã¥ for å), as Excel saves a CSV file "
            + "without a byte order mark that was opened with a double-click: \(answers). They were imported as written. "
            + "If those letters are wrong: take this import back (`samla import undo --round \(round) --id \(importID.map(String.init) ?? "ID")` "
            + "shows what that removes, and with --yes removes it), and import the file as it was before Excel saved it, or open that file in Excel "
            + "through Data > From Text/CSV with the file origin 65001: Unicode (UTF-8) and save it as \"CSV UTF-8\"")
    }
}
