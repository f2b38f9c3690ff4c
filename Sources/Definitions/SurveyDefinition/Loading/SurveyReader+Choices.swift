import Diagnostics
import Expressions
import YAMLReading

extension SurveyReader {
    /// The `choices` mapping: list name → list of `{value, label, …attributes}`.
    mutating func readChoiceLists(_ node: YAMLNode) -> [ChoiceList] {
        guard let pairs = node.mapping else {
            diagnostics.report(.wrongNodeKind, at: node.location,
                               "`choices` should be a mapping from list names to lists of choices, but it is \(node.kindDescription)")
            return []
        }
        var lists: [ChoiceList] = []
        var seen: [String: SourceLocation] = [:]
        for pair in pairs {
            guard let name = pair.key.text("a choice list name", diagnostics: &diagnostics) else { continue }
            if let first = seen[name] {
                diagnostics.report(.duplicateKey, at: pair.key.location, "the choice list \(name) is defined twice (first on line \(first.line)); keep one")
                continue
            }
            seen[name] = pair.key.location
            if !NamePattern.isIdentifier(name) {
                diagnostics.report(.invalidName, at: pair.key.location,
                                   "the choice list name '\(name)' is not an identifier: \(NamePattern.identifierProblem(name)); use e.g. `\(NamePattern.suggestedIdentifier(for: name))`")
            }
            guard let items = pair.value.list("choice list `\(name)`", diagnostics: &diagnostics) else { continue }
            if items.isEmpty {
                diagnostics.report(.emptyList, at: pair.value.location, "choice list `\(name)` has no choices; add at least one `{value: …, label: …}`")
            }
            var choices: [Choice] = []
            var values: [String: SourceLocation] = [:]
            var numbers = SameNumberCheck(list: name)
            for (index, item) in items.enumerated() {
                guard let (choice, valueLocation) = readChoice(item, index: index, list: name) else { continue }
                if let first = values[choice.value] {
                    diagnostics.report(.duplicateChoiceValue, at: valueLocation,
                                       "the value '\(choice.value)' appears twice in choice list `\(name)` (first on line \(first.line)); give each choice its own value")
                    continue
                }
                values[choice.value] = valueLocation
                numbers.check(choice.value, at: valueLocation, into: &diagnostics)
                choices.append(choice)
            }
            lists.append(ChoiceList(name: name, choices: choices, location: pair.key.location))
        }
        return lists
    }

    private mutating func readChoice(_ node: YAMLNode, index: Int, list: String) -> (Choice, SourceLocation)? {
        let place = "choice \(index + 1) of list `\(list)`"
        guard var map = MappingReader(node, place: place, diagnostics: &diagnostics) else { return nil }
        let valueNode = map.required("value", example: "1", diagnostics: &diagnostics)
        let value = valueNode.flatMap { $0.text("the value of \(place)", diagnostics: &diagnostics) }
        if let value, let valueNode {
            if value.isEmpty {
                diagnostics.report(.invalidChoiceValue, at: valueNode.location, "the value of \(place) is empty; give it a code such as 1 or yes")
            } else if value.contains(where: \.isWhitespace) {
                diagnostics.report(.invalidChoiceValue, at: valueNode.location,
                                   "the value '\(value)' contains a space, but select_multiple answers are stored as values separated by spaces; use e.g. `\(value.split(whereSeparator: \.isWhitespace).joined(separator: "_"))`")
            }
        }
        let what = value.map { "the label of choice '\($0)' in list `\(list)`" } ?? "the label of \(place)"
        let label = map.required("label", example: texts.example, diagnostics: &diagnostics)
            .flatMap { texts.read($0, what: what, diagnostics: &diagnostics) }
        var attributes: [String: String] = [:]
        for (key, attributeNode) in map.remaining() {
            if !NamePattern.isIdentifier(key.value) {
                diagnostics.report(.invalidName, at: key.location,
                                   "the choice attribute '\(key.value)' is not an identifier (choice filters use it as a bare name): \(NamePattern.identifierProblem(key.value)); use e.g. `\(NamePattern.suggestedIdentifier(for: key.value))`")
                continue
            }
            if let text = attributeNode.text("the attribute `\(key.value)` of \(place)", diagnostics: &diagnostics) {
                attributes[key.value] = text
            }
        }
        map.reportUnknownKeys(into: &diagnostics)
        guard let value, let valueNode else { return nil }
        return (Choice(value: value, label: LocalizedText(label ?? [:]), attributes: attributes, location: node.location), valueNode.location)
    }
}

/// E118: no two values of a list may be the same number written differently (`1` and `01`, `2` and
/// `2.0`). A spreadsheet writes both alike, so a file saved from one would silently answer the other
/// choice, and expressions compare a code with a number as numbers, so `${q} = 1` holds for both.
private struct SameNumberCheck {
    let list: String
    private var seen: [Double: (value: String, location: SourceLocation)] = [:]

    init(list: String) {
        self.list = list
    }

    mutating func check(_ value: String, at location: SourceLocation, into diagnostics: inout DiagnosticList) {
        guard let number = Value.choice(value).number else { return }
        guard let first = seen[number] else {
            seen[number] = (value, location)
            return
        }
        let written = Value.number(number).string
        diagnostics.report(.choiceValuesSameNumber, at: location,
                           "the values '\(value)' and '\(first.value)' (line \(first.location.line)) of choice list `\(list)` are both the number \(written): "
                               + "a spreadsheet writes both as \(written), and `= \(written)` in an expression holds for both; give one of them a code that is another number or not a number")
    }
}
