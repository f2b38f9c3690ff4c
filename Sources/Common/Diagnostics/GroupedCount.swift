/// Counts (zero or more) as the command line prints them, digits grouped by commas: 1234567 → "1,234,567".
public enum GroupedCount {
    public static func text(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// A count and its English noun, made plural but for one: `1 response`, `4,100 responses`.
    public static func text(_ n: Int, _ noun: String) -> String {
        "\(text(n)) \(noun)\(n == 1 ? "" : "s")"
    }
}
