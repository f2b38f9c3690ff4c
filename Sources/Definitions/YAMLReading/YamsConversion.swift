import Diagnostics
import Yams

/// Turns the node tree Yams composes into ``YAMLNode``s with file positions, keeping every
/// scalar's source text and finding where the text of quoted and block scalars starts.
struct YamsConversion {
    let file: String
    let maxDepth: Int
    private let lines: SourceLines
    /// Where lists and mappings started: Yams hands out the same node again for an alias.
    private var seenCollections = Set<Position>()
    private(set) var diagnostics: [Diagnostic] = []

    private struct Position: Hashable {
        var line: Int
        var column: Int
        var isMapping: Bool
    }

    init(text: String, file: String, maxDepth: Int) {
        self.file = file
        self.maxDepth = maxDepth
        self.lines = SourceLines(text)
    }

    /// The converted tree, or nil with diagnostics when the tree is deeper than allowed or
    /// shares a node through an alias that the structure scan did not catch.
    mutating func convert(_ node: Node) -> YAMLNode? {
        convert(node, depth: 1)
    }

    private mutating func convert(_ node: Node, depth: Int) -> YAMLNode? {
        let location = self.location(node.mark)
        if depth > maxDepth {
            diagnostics.append(Diagnostic(.fileTooLarge, at: location, "lists and mappings are nested more than \(maxDepth) levels deep here, deeper than a definition may be"))
            return nil
        }
        if node.scalar == nil, !seenCollections.insert(Position(line: location.line, column: location.column, isMapping: node.mapping != nil)).inserted {
            diagnostics.append(Diagnostic(.anchorOrAlias, at: location,
                                          "this value is used again through an alias; definitions do not use YAML anchors and aliases, so write the value out in full"))
            return nil
        }
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(self.scalar(scalar, at: location)), at: location)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                guard let converted = convert(item, depth: depth + 1) else { return nil }
                items.append(converted)
            }
            return YAMLNode(.sequence(items), at: location)
        case .mapping(let mapping):
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard let k = convert(key, depth: depth + 1), let v = convert(value, depth: depth + 1) else { return nil }
                pairs.append(YAMLPair(key: k, value: v))
            }
            return YAMLNode(.mapping(pairs), at: location)
        case .alias:
            diagnostics.append(Diagnostic(.anchorOrAlias, at: location, "an alias; definitions do not use YAML anchors and aliases, so write the value out in full"))
            return nil
        }
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private func scalar(_ scalar: Node.Scalar, at location: SourceLocation) -> YAMLScalar {
        let style: YAMLScalar.Style = switch scalar.style {
        case .singleQuoted: .singleQuoted
        case .doubleQuoted: .doubleQuoted
        case .literal: .literal
        case .folded: .folded
        case .plain, .any: .plain
        }
        let tag = scalar.tag.description
        let explicitTag = tag.isEmpty || (style != .plain && tag == Tag.Name.str.rawValue) ? nil : tag
        return YAMLScalar(text: scalar.string, style: style, tag: explicitTag, textLocation: textStart(of: style, at: location))
    }

    /// After the opening quote; on the first non-blank line of a block scalar; else where the node starts.
    private func textStart(of style: YAMLScalar.Style, at location: SourceLocation) -> SourceLocation {
        switch style {
        case .plain:
            return location
        case .singleQuoted, .doubleQuoted:
            return location.advanced(byColumns: 1)
        case .literal, .folded:
            var number = location.line + 1
            while number <= lines.count {
                let line = lines[number]
                let indent = line.utf8.prefix(while: { $0 == UInt8(ascii: " ") }).count
                if !line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
                    return SourceLocation(file: file, line: number, column: indent + 1)
                }
                number += 1
            }
            return location
        }
    }
}
