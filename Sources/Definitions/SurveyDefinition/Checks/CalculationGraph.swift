/// Which calculations use which: the order to type them in, and the cycles that make it impossible.
struct CalculationGraph {
    /// Calculation names in survey order.
    let names: [String]
    /// For each calculation, the calculations its formula refers to, in order of first use.
    let edges: [String: [String]]

    /// A name given to two calculations (E104) is one node.
    init(names: [String], edges: [String: [String]]) {
        var seen = Set<String>()
        self.names = names.filter { seen.insert($0).inserted }
        self.edges = edges
    }

    /// Each cycle once, as a path that starts and ends at the cycle's earliest calculation
    /// (`a → b → a`), in survey order of that calculation.
    func cycles() -> [[String]] {
        let components = stronglyConnectedComponents()
        var result: [[String]] = []
        let order = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        for component in components {
            let members = Set(component)
            guard component.count > 1 || (edges[component[0]] ?? []).contains(component[0]) else { continue }
            let start = component.min { order[$0, default: 0] < order[$1, default: 0] }!
            result.append(path(from: start, within: members))
        }
        return result.sorted { order[$0[0], default: 0] < order[$1[0], default: 0] }
    }

    /// Calculations ordered so that each comes after those it uses (cycle members included, in any order).
    /// Iterative, so that a long chain of calculations cannot exhaust the stack.
    func typingOrder() -> [String] {
        var state: [String: Bool] = [:] // false: being visited, true: done
        var result: [String] = []
        for root in names where state[root] == nil {
            var stack: [(name: String, next: Int)] = [(root, 0)]
            state[root] = false
            while let top = stack.last {
                let targets = edges[top.name] ?? []
                if top.next < targets.count {
                    stack[stack.count - 1].next += 1
                    let target = targets[top.next]
                    if state[target] == nil {
                        state[target] = false
                        stack.append((target, 0))
                    }
                } else {
                    stack.removeLast()
                    state[top.name] = true
                    result.append(top.name)
                }
            }
        }
        return result
    }

    /// The shortest way back to `start` inside one component (breadth first).
    private func path(from start: String, within members: Set<String>) -> [String] {
        var previous: [String: String] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for next in edges[current] ?? [] where members.contains(next) {
                if next == start {
                    var path = [start]
                    var node = current
                    while node != start {
                        path.insert(node, at: 1)
                        node = previous[node]!
                    }
                    return path + [start]
                }
                if previous[next] == nil {
                    previous[next] = current
                    queue.append(next)
                }
            }
        }
        return [start, start]
    }

    /// Tarjan's algorithm, iterative.
    private func stronglyConnectedComponents() -> [[String]] {
        var counter = 0
        var indices: [String: Int] = [:]
        var lowlink: [String: Int] = [:]
        var stack: [String] = []
        var onStack = Set<String>()
        var components: [[String]] = []
        for root in names where indices[root] == nil {
            var work: [(name: String, next: Int)] = [(root, 0)]
            indices[root] = counter
            lowlink[root] = counter
            counter += 1
            stack.append(root)
            onStack.insert(root)
            while let top = work.last {
                let v = top.name
                let targets = edges[v] ?? []
                if top.next < targets.count {
                    work[work.count - 1].next += 1
                    let w = targets[top.next]
                    if indices[w] == nil {
                        indices[w] = counter
                        lowlink[w] = counter
                        counter += 1
                        stack.append(w)
                        onStack.insert(w)
                        work.append((w, 0))
                    } else if onStack.contains(w) {
                        lowlink[v] = min(lowlink[v]!, indices[w]!)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.name {
                    lowlink[parent] = min(lowlink[parent]!, lowlink[v]!)
                }
                if lowlink[v] == indices[v] {
                    var component: [String] = []
                    while let w = stack.popLast() {
                        onStack.remove(w)
                        component.append(w)
                        if w == v { break }
                    }
                    components.append(component)
                }
            }
        }
        return components
    }
}
