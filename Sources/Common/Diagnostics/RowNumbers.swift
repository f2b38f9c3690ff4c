/// Row numbers as a message lists them, runs of three or more consecutive rows as ranges:
/// `1–497, 499, 501, 502`, so that a line about most rows of a long file stays one line.
public enum RowNumbers {
    public static func text(_ rows: [Int]) -> String {
        var runs: [ClosedRange<Int>] = []
        for row in rows.sorted() {
            if let last = runs.last, row == last.upperBound + 1 {
                runs[runs.count - 1] = last.lowerBound...row
            } else if runs.last?.contains(row) != true {
                runs.append(row...row)
            }
        }
        return runs.map { $0.count < 3 ? $0.map(String.init).joined(separator: ", ") : "\($0.lowerBound)\u{2013}\($0.upperBound)" }.joined(separator: ", ")
    }
}
