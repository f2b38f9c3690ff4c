extension Sequence {
    /// The elements grouped by `key`, the groups in the order their keys first occur and each
    /// group's elements in sequence order; an element whose key is nil is left out. For notes that
    /// name, per reason, the cells it holds for, in the order the cells are shown.
    public func groupedInOrder<Key: Hashable>(by key: (Element) -> Key?) -> [(key: Key, elements: [Element])] {
        var groups: [(key: Key, elements: [Element])] = []
        var position: [Key: Int] = [:]
        for element in self {
            guard let k = key(element) else { continue }
            if let index = position[k] {
                groups[index].elements.append(element)
            } else {
                position[k] = groups.count
                groups.append((k, [element]))
            }
        }
        return groups
    }
}
