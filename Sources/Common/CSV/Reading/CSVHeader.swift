/// The first record of a file read as column names, with the problems a caller usually refuses.
public struct CSVHeader: Hashable, Sendable {
    /// A problem with the column names. Indices count from 0.
    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        /// The same name in more than one column.
        case duplicateName(String, indices: [Int])
        /// A column whose name is empty or only white space.
        case emptyName(index: Int)

        public var description: String {
            switch self {
            case .duplicateName(let name, let indices):
                let columns = indices.map { String($0 + 1) }
                let list = columns.dropLast().joined(separator: ", ") + " and " + (columns.last ?? "")
                return "columns \(list) are \(columns.count == 2 ? "both" : "all") named '\(name)'"
            case .emptyName(let index):
                return "column \(index + 1) has no name"
            }
        }
    }

    /// The column names, exactly as written.
    public let names: [String]
    /// The physical line of the header (1, or later if the names hold quoted line breaks).
    public let line: Int

    public init(names: [String], line: Int = 1) {
        self.names = names
        self.line = line
    }

    /// The index of the first column named `name`.
    public func index(of name: String) -> Int? {
        names.firstIndex(of: name)
    }

    /// Names used by more than one column, in the order they first appear.
    public var duplicates: [(name: String, indices: [Int])] {
        var indicesByName: [String: [Int]] = [:]
        for (index, name) in names.enumerated() { indicesByName[name, default: []].append(index) }
        var reported = Set<String>()
        return names.compactMap { name in
            guard let indices = indicesByName[name], indices.count > 1, reported.insert(name).inserted else { return nil }
            return (name, indices)
        }
    }

    /// Indices of columns whose name is empty or white space only.
    public var emptyNameIndices: [Int] {
        names.indices.filter { names[$0].allSatisfy(\.isWhitespace) }
    }

    /// Every problem, in column order of first appearance: duplicates, then empty names.
    /// Empty names are not reported again as duplicates of each other.
    public var problems: [Problem] {
        let empty = emptyNameIndices
        let duplicates = self.duplicates.filter { !$0.name.allSatisfy(\.isWhitespace) }
        return duplicates.map { Problem.duplicateName($0.name, indices: $0.indices) } + empty.map { Problem.emptyName(index: $0) }
    }
}
