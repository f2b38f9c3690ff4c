/// "Did you mean …?" for misspelt names: the closest candidate by edit distance.
public enum Suggestions {
    /// The candidate nearest to `word`, if it is close enough to be a likely typo:
    /// at most a third of the word's length in edits (and at least one), ignoring case, and not
    /// every letter replaced: `b` is not a typo for `a`, nor `''` for `2`.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        let limit = max(1, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let other = Array(candidate.lowercased())
            let d = distance(target, other, limit: limit)
            if d <= limit, d < max(target.count, other.count), d < (best?.distance ?? .max) {
                best = (candidate, d)
            }
        }
        return best?.name
    }

    /// The candidate `word` is likely a misspelling of, as ``closest(to:in:)``, leaving out those
    /// that differ from it only in their number: for a round `esem-se-2026` that does not exist,
    /// `esem-se-2025` is another year's round, not what was meant (`esem-se-2052` is a misspelling).
    public static func misspelling(of word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates.filter { !isOtherNumber(word, of: $0) })
    }

    /// Whether `word` is `other` with another number in the same place: the same letters and signs
    /// (ignoring case), digits where `other` has digits, and not one swap of two adjacent digits
    /// away. `esem-se-2028` is another year of `esem-se-2022`, a new name rather than a misspelling;
    /// `esem-se-205`, `esem-se-2052` and `esme-se-2025` are misspellings of `esem-se-2025`.
    public static func isOtherNumber(_ word: String, of other: String) -> Bool {
        let a = Array(word.lowercased()), b = Array(other.lowercased())
        guard a.count == b.count else { return false }
        var differing: [Int] = []
        for index in a.indices where a[index] != b[index] {
            guard a[index].isASCIIDigit, b[index].isASCIIDigit else { return false }
            differing.append(index)
        }
        guard !differing.isEmpty else { return false }
        let adjacentSwap = differing.count == 2 && differing[1] == differing[0] + 1
            && a[differing[0]] == b[differing[1]] && a[differing[1]] == b[differing[0]]
        return !adjacentSwap
    }

    /// " (did you mean x?)" or the empty string, ready to append to a message.
    public static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        didYouMean(closest(to: word, in: candidates))
    }

    /// " (did you mean `suggestion`?)", or the empty string when there is none.
    public static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean \($0)?)" } ?? ""
    }

    /// Optimal string alignment distance (Levenshtein with adjacent transpositions),
    /// giving up early once every path exceeds `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
