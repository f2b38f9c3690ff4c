/// Local suppression to k-anonymity, as sdcMicro's `localSuppression` does it, with a stricter
/// reading of empty values: every row ends up sharing its combination of key-variable values with
/// at least k − 1 other rows, or with every key value blank.
///
/// Rows are compared on all key variables at once, and an empty value (unanswered, or blanked
/// here) is a value of its own: equal to another empty value only. (sdcMicro lets a missing value
/// match any value, which counts a row as safe when it is one of few that could hide behind
/// others' blanks; here a published combination is always shared by at least k rows, whatever
/// the blanks hide.)
///
/// The algorithm, on classes of rows with the same combination:
/// 1. Key variables are ranked by how many distinct non-empty values they hold in the table, most
///    first (ties: table order): the one that splits the rows most is blanked first. Those named
///    to be blanked last (sdcMicro's `importance`) follow, the most important at the very end.
/// 2. A class of fewer than k rows that still has a non-empty key value is at risk. Each pass,
///    every class at risk blanks one of its values: the first, in rank order, whose blanking puts
///    it into a combination that at least k rows have already; if none does, the first non-empty
///    one in rank order. Classes of at least k rows never change, so a class joined stays safe.
/// 3. Passes repeat until no class is at risk: at most one pass per key variable.
///
/// Rows with the same combination are treated alike, so the result does not depend on row order.
/// Only key values are blanked; no row is dropped.
struct LocalSuppression {
    /// For each row, the key variables (indices into a row's values) blanked, in the order blanked.
    let blanked: [[Int]]
    /// Per key variable: values blanked.
    let suppressedPerVariable: [Int]
    /// The key variables in the order they are blanked when no single blank makes a class safe.
    let rank: [Int]
    /// Rows left in a combination of fewer than k rows, every key value of theirs blank.
    let rowsBelowKAllBlank: Int

    /// `values`: one array per row, one value id per key variable, 0 for empty. `k` ≥ 1.
    /// `suppressLast`: key variables to blank last, the most important first.
    init(values: [[UInt32]], variableCount: Int, k: Int, suppressLast: [Int] = []) {
        let ranked = Self.rank(values, variableCount: variableCount)
        rank = ranked.filter { !suppressLast.contains($0) } + suppressLast.reversed()
        var blanked = Array(repeating: [Int](), count: values.count)
        var suppressed = Array(repeating: 0, count: variableCount)
        var classes: [[UInt32]: [Int]] = [:]
        for (row, combination) in values.enumerated() { classes[combination, default: []].append(row) }
        while true {
            let atRisk = classes.filter { $0.value.count < k && $0.key.contains { $0 != 0 } }
            if atRisk.isEmpty { break }
            var next = classes.filter { $0.value.count >= k || !$0.key.contains { $0 != 0 } }
            for (combination, rows) in atRisk {
                let variable = Self.choose(combination, rank: rank, k: k, classes: classes)
                var moved = combination
                moved[variable] = 0
                for row in rows { blanked[row].append(variable) }
                suppressed[variable] += rows.count
                next[moved, default: []].append(contentsOf: rows)
            }
            classes = next
        }
        self.blanked = blanked
        suppressedPerVariable = suppressed
        let allBlank = classes[Array(repeating: 0, count: variableCount)]?.count ?? 0
        rowsBelowKAllBlank = allBlank < k ? allBlank : 0
    }

    /// Rows with at least one value blanked.
    var rowsSuppressed: Int { blanked.count { !$0.isEmpty } }

    /// Values blanked in all.
    var valuesSuppressed: Int { suppressedPerVariable.reduce(0, +) }

    /// Most distinct non-empty values first; ties in table order.
    private static func rank(_ values: [[UInt32]], variableCount: Int) -> [Int] {
        let distinct = (0..<variableCount).map { variable in Set(values.map { $0[variable] }.filter { $0 != 0 }).count }
        return (0..<variableCount).sorted { distinct[$0] != distinct[$1] ? distinct[$0] > distinct[$1] : $0 < $1 }
    }

    /// The value a class at risk blanks this pass: the first, in rank order, that makes it join a
    /// combination of at least k rows; else the first non-empty one.
    private static func choose(_ combination: [UInt32], rank: [Int], k: Int, classes: [[UInt32]: [Int]]) -> Int {
        let candidates = rank.filter { combination[$0] != 0 }
        for variable in candidates {
            var moved = combination
            moved[variable] = 0
            if let rows = classes[moved], rows.count >= k { return variable }
        }
        return candidates[0]
    }
}
