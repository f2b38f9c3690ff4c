import Diagnostics

/// The theory-of-change graph: unique ids, links to nodes that exist at the same level or the
/// next one up, no cycles, and every node reaching the impact.
enum GraphChecks {
    static func check(_ framework: Framework, into diagnostics: inout DiagnosticList) {
        var seen: [String: SourceLocation] = [:]
        for (id, location) in framework.nodes.map({ ($0.id, $0.location) }) + framework.indicators.map({ ($0.id, $0.location) }) {
            if let first = seen[id] {
                diagnostics.report(.duplicateFrameworkID, at: location,
                                   "the id '\(id)' is used already (line \(first.line)); node and indicator ids must be unique")
            } else {
                seen[id] = location
            }
        }
        var byID: [String: FrameworkNode] = [:]
        for node in framework.nodes where byID[node.id] == nil { byID[node.id] = node }
        let nodeIDs = framework.nodes.map(\.id)

        var edges: [String: [String]] = [:]
        for node in framework.nodes {
            var linked = Set<String>()
            for link in node.contributesTo {
                guard linked.insert(link.value).inserted else {
                    diagnostics.report(.duplicateKey, at: link.location,
                                       "\(node.level.rawValue) `\(node.id)` lists \(link.value) twice in contributes_to; list it once")
                    continue
                }
                guard let target = byID[link.value] else {
                    diagnostics.report(.unknownNode, at: link.location,
                                       "\(node.level.rawValue) `\(node.id)` contributes to '\(link.value)', which is no node of the framework\(Suggestions.didYouMean(link.value, in: nodeIDs))")
                    continue
                }
                if target.level < node.level {
                    diagnostics.report(.linkToLowerLevel, at: link.location,
                                       "\(node.level.rawValue) `\(node.id)` contributes to \(target.level.rawValue) `\(target.id)`, a lower level; a node contributes to nodes of its own level or the next one up (activity → output → outcome → impact)")
                    continue
                }
                if let next = node.level.next, next < target.level {
                    let skipped = NodeLevel.allCases.filter { node.level < $0 && $0 < target.level }.map { $0.rawValue + "s" }
                    diagnostics.report(.linkToLowerLevel, at: link.location,
                                       "\(node.level.rawValue) `\(node.id)` contributes to \(target.level.rawValue) `\(target.id)`, skipping the \(skipped.joined(separator: " and ")); a node contributes to nodes of its own level or the next one up (activity → output → outcome → impact): link it through an \(next.rawValue)")
                    continue
                }
                edges[node.id, default: []].append(target.id)
            }
        }

        let cycles = findCycles(nodes: nodeIDs, edges: edges)
        var inCycle = Set<String>()
        for cycle in cycles {
            inCycle.formUnion(cycle)
            guard let first = cycle.first, let node = byID[first] else { continue }
            let path = (cycle + [first]).joined(separator: " → ")
            diagnostics.report(.nodeCycle, at: node.location, "nodes contribute to each other in a cycle: \(path); remove one of these links")
        }

        guard let impact = framework.impact else { return }
        var reaches: Set<String> = [impact.id]
        var changed = true
        while changed {
            changed = false
            for node in framework.nodes where !reaches.contains(node.id) {
                if (edges[node.id] ?? []).contains(where: reaches.contains) {
                    reaches.insert(node.id)
                    changed = true
                }
            }
        }
        for node in framework.nodes where !reaches.contains(node.id) && !inCycle.contains(node.id) {
            let validLinks = edges[node.id] ?? []
            if validLinks.isEmpty && !node.contributesTo.isEmpty { continue } // its links are reported already
            if node.contributesTo.isEmpty && node.level != .impact { continue } // reported as a missing key or empty list
            diagnostics.report(.nodeMissesImpact, at: node.location,
                               "\(node.level.rawValue) `\(node.id)` does not lead to the impact `\(impact.id)`: follow its contributes_to links and connect the chain to the impact")
        }
        for indicator in framework.indicators where !indicator.node.isEmpty && byID[indicator.node] == nil {
            diagnostics.report(.unknownNode, at: indicator.location(of: "node"),
                               "indicator `\(indicator.id)` measures '\(indicator.node)', which is no node of the framework\(Suggestions.didYouMean(indicator.node, in: nodeIDs))")
        }
    }

    /// Each cycle once, starting at its node that comes first in `nodes`.
    static func findCycles(nodes: [String], edges: [String: [String]]) -> [[String]] {
        var state: [String: Int] = [:] // 1 on the stack, 2 done
        var stack: [String] = []
        var cycles: [[String]] = []
        func visit(_ id: String) {
            state[id] = 1
            stack.append(id)
            for next in edges[id] ?? [] {
                switch state[next] {
                case 1:
                    if let start = stack.firstIndex(of: next) {
                        var cycle = Array(stack[start...])
                        let order = cycle.compactMap { nodes.firstIndex(of: $0) }
                        if let minimum = order.min(), let at = order.firstIndex(of: minimum) {
                            cycle = Array(cycle[at...] + cycle[..<at])
                        }
                        if !cycles.contains(cycle) { cycles.append(cycle) }
                    }
                case nil:
                    visit(next)
                default:
                    break
                }
            }
            stack.removeLast()
            state[id] = 2
        }
        for id in nodes where state[id] == nil { visit(id) }
        return cycles
    }
}
