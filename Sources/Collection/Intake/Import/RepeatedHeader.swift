import CSV
import Diagnostics

/// Rows that repeat the header, as when files are joined with their headers (`cat a.csv b.csv`, or
/// one spreadsheet pasted below another): no response, so skipped as blank rows are, with one
/// warning (W430) naming them, rather than refused with a problem for each of their cells.
struct RepeatedHeader {
    /// The header's names as bytes, without the spaces and tabs around them.
    private let names: [[UInt8]]
    /// How many rows repeated it, and the first few of them.
    private(set) var count = 0
    private(set) var first: [Int] = []
    static let listedRows = 3
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    init(names: [String]) {
        self.names = names.map { Array($0.trimmingCharacters(in: .whitespaces).utf8) }
    }

    /// Whether every field of `record` is its column's name (the first may start with a byte
    /// order mark, as a joined file's header does); a row with another number of fields is not.
    func isRepeated(in record: CSVRecord) -> Bool {
        guard record.count == names.count, !names.isEmpty else { return false }
        for (index, name) in names.enumerated() {
            var field = RowChecker.trimmedCell(record.unsafeBytes(at: index))
            if index == 0 && field.starts(with: Self.byteOrderMark) {
                field = RowChecker.trimmedCell(UnsafeBufferPointer(rebasing: field.dropFirst(Self.byteOrderMark.count)))
            }
            guard field.elementsEqual(name) else { return false }
        }
        return true
    }

    mutating func note(row: Int) {
        count += 1
        if first.count < Self.listedRows { first.append(row) }
    }

    /// The warning, once, when rows repeated the header; nil when none did.
    func warning(file: String) -> Diagnostic? {
        guard count > 0 else { return nil }
        let rows = first.map(String.init).joined(separator: ", ") + (count > first.count ? " and \(GroupedCount.text(count - first.count)) more" : "")
        let which = count == 1 ? "row \(rows) repeats" : "\(GroupedCount.text(count)) rows repeat"
        return Diagnostic(.repeatedHeaderSkipped, at: .file(file),
            "\(which) the header\(count == 1 ? "" : " (rows \(rows))"), as when files are joined with their headers; "
                + "\(count == 1 ? "it is" : "they are") no response and \(count == 1 ? "was" : "were") skipped")
    }
}
