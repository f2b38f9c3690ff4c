/// The order in which a response's questions are evaluated: survey order, except that a
/// question comes after every question its expressions read (a calculation may read later
/// answers). Among questions free to go, the earliest in the survey goes first, so a survey
/// whose references all point backwards is evaluated exactly in its own order.
enum EvaluationOrder {
    /// `dependencies[q]` are the positions question `q` reads. Questions caught in a cycle
    /// (which the definition checker refuses) keep their survey order, after the others.
    static func order(count: Int, dependencies: [[Int]]) -> [Int] {
        var remaining = [Int](repeating: 0, count: count)
        var dependents = [[Int]](repeating: [], count: count)
        for q in 0..<count {
            for d in Set(dependencies[q]) where d != q && d < count {
                remaining[q] += 1
                dependents[d].append(q)
            }
        }
        var ready = MinHeap()
        for q in 0..<count where remaining[q] == 0 { ready.insert(q) }
        var order: [Int] = []
        order.reserveCapacity(count)
        var placed = [Bool](repeating: false, count: count)
        while let q = ready.popMin() {
            order.append(q)
            placed[q] = true
            for next in dependents[q] {
                remaining[next] -= 1
                if remaining[next] == 0 { ready.insert(next) }
            }
        }
        for q in 0..<count where !placed[q] { order.append(q) }
        return order
    }
}

/// A binary min-heap of positions.
private struct MinHeap {
    private var items: [Int] = []

    mutating func insert(_ value: Int) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < items.count, items[left] < items[smallest] { smallest = left }
                if right < items.count, items[right] < items[smallest] { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
