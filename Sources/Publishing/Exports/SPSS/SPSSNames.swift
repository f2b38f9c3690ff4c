/// The variable names the SPSS syntax file gives the columns: each column's own name where SPSS
/// (and PSPP) accept it, else one made from it, so that the syntax always runs.
///
/// SPSS names are at most 64 bytes, begin with a letter, go on with letters, digits and `_ . @ # $`,
/// do not end with `.`, are none of the reserved words, and are compared ignoring case. A column
/// name can break these rules: a question `by` or `with`, a name beginning with `_`, or an option
/// column built from a code such as `-1` (`q_-1`). Such a column is renamed: characters SPSS does not
/// take become `_`, a name that does not begin with a letter gets a `v` in front, a reserved word an
/// `_` after it, a long name is cut to 64 bytes, and a name another column has already taken gets
/// `_2`, `_3`…
struct SPSSNames: Sendable {
    /// Per column of the layout, in order: its name in SPSS.
    let names: [String]
    /// The columns renamed: the column's name and its SPSS name, in column order.
    let renamed: [(column: String, spss: String)]

    static let reservedWords: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]
    static let maximumBytes = 64

    init(columns: [String]) {
        var taken = Set<String>()
        var names: [String] = []
        var renamed: [(column: String, spss: String)] = []
        for column in columns where Self.isValid(column) { taken.insert(column.uppercased()) }
        for column in columns {
            if Self.isValid(column) {
                names.append(column)
                continue
            }
            let base = Self.repaired(column)
            var name = base
            var suffix = 2
            while taken.contains(name.uppercased()) {
                let tail = "_\(suffix)"
                name = Self.prefix(of: base, bytes: Self.maximumBytes - tail.utf8.count) + tail
                suffix += 1
            }
            taken.insert(name.uppercased())
            names.append(name)
            renamed.append((column, name))
        }
        self.names = names
        self.renamed = renamed
    }

    /// Whether SPSS takes `name` as a variable's name as it stands.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, name.utf8.count <= maximumBytes,
              !name.hasSuffix("."), !reservedWords.contains(name.uppercased()) else { return false }
        return name.unicodeScalars.allSatisfy(isNameScalar)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_.@#$".unicodeScalars.contains(scalar)
    }

    /// `name` made valid, without regard to names taken.
    static func repaired(_ name: String) -> String {
        var scalars = String.UnicodeScalarView(name.unicodeScalars.map { isNameScalar($0) ? $0 : "_" })
        if scalars.first.map({ !$0.properties.isAlphabetic }) ?? true { scalars.insert("v", at: scalars.startIndex) }
        var repaired = String(scalars)
        if reservedWords.contains(repaired.uppercased()) { repaired += "_" }
        repaired = prefix(of: repaired, bytes: maximumBytes)
        if repaired.hasSuffix(".") { repaired = String(repaired.dropLast()) + "_" }
        return repaired
    }

    /// The longest start of `text` of at most `bytes` UTF-8 bytes, cut between Unicode scalars.
    static func prefix(of text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var result = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            guard used + size <= bytes else { break }
            result.append(scalar)
            used += size
        }
        return String(result)
    }
}
