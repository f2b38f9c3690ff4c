/// A choice whose code a later definition changed and whose label it kept in every language: the
/// option the respondents saw is the same, stored under another code (`ab` → `aktiebolag`).
public struct CodeRename: Sendable, Hashable {
    public let from: String
    public let to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// The removed codes of `earlier` that one added code of `later` matches by its label in every
    /// language (and no other removed code does), in `earlier`'s order.
    static func pairs(removed: [Choice], added: [Choice], sameLabel: (Choice, Choice) -> Bool) -> [CodeRename] {
        let candidates = removed.map { old in added.filter { sameLabel(old, $0) } }
        return zip(removed, candidates).compactMap { old, matches in
            guard matches.count == 1, let new = matches.first,
                  removed.filter({ sameLabel($0, new) }).count == 1 else { return nil }
            return CodeRename(from: old.value, to: new.value)
        }
    }
}
