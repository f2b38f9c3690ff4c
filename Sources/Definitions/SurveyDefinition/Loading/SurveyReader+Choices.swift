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
            var exportLocations: [SourceLocation] = []
            for (index, item) in items.enumerated() {
                guard let (choice, valueLocation, exportLocation) = readChoice(item, index: index, list: name) else { continue }
                if let first = values[choice.value] {
                    diagnostics.report(.duplicateChoiceValue, at: valueLocation,
                                       "the value '\(choice.value)' appears twice in choice list `\(name)` (first on line \(first.line)); give each choice its own value")
                    continue
                }
                values[choice.value] = valueLocation
                numbers.check(choice.value, at: valueLocation, into: &diagnostics)
                choices.append(choice)
                exportLocations.append(exportLocation ?? valueLocation)
            }
            checkExportCodes(of: choices, list: name, at: exportLocations)
            lists.append(ChoiceList(name: name, choices: choices, location: pair.key.location))
        }
        return lists
    }

    /// A partner export writes each choice's `export_as` (else its value), so those codes must be
    /// as distinct as the values: E106 for one written twice, E118 for the same number written
    /// differently. Checked only in a list where some choice has an `export_as`.
    private mutating func checkExportCodes(of choices: [Choice], list: String, at locations: [SourceLocation]) {
        guard choices.contains(where: { $0.exportAs != nil }) else { return }
        var seen: [String: Choice] = [:]
        var numbers = SameNumberCheck(list: list, codes: "export codes", areCompared: false)
        for (choice, location) in zip(choices, locations) {
            if let first = seen[choice.exportCode] {
                diagnostics.report(.duplicateChoiceValue, at: location,
                                   "choices '\(first.value)' (line \(first.location.line)) and '\(choice.value)' of list `\(list)` are both exported as '\(choice.exportCode)', so a partner could not tell them apart; give each choice its own `export_as`")
                continue
            }
            seen[choice.exportCode] = choice
            numbers.check(choice.exportCode, at: location, into: &diagnostics)
        }
    }

    /// A choice, where its value is written, and where its `export_as` is, if it has one.
    private mutating func readChoice(_ node: YAMLNode, index: Int, list: String) -> (Choice, SourceLocation, SourceLocation?)? {
        let place = "choice \(index + 1) of list `\(list)`"
        guard var map = MappingReader(node, place: place, diagnostics: &diagnostics) else { return nil }
        let valueNode = map.required("value", example: "1", diagnostics: &diagnostics)
        let value = valueNode.flatMap { $0.text("the value of \(place)", diagnostics: &diagnostics) }
        if let value, let valueNode {
            _ = checkCode(value, what: "the value '\(value)'", emptyWhat: "the value of \(place)",
                          spaceReason: "select_multiple answers are stored as codes separated by spaces", at: valueNode.location)
        }
        let what = value.map { "the label of choice '\($0)' in list `\(list)`" } ?? "the label of \(place)"
        let label = map.required("label", example: texts.example, diagnostics: &diagnostics)
            .flatMap { texts.read($0, what: what, diagnostics: &diagnostics) }
        let exportNode = map.value("export_as")
        let exportAs = exportNode.flatMap { node in
            node.text("the `export_as` of \(place)", diagnostics: &diagnostics).flatMap { code in
                checkCode(code, what: "the `export_as` '\(code)' of \(place)", emptyWhat: "the `export_as` of \(place)",
                          spaceReason: "a partner export names a multiple choice's option columns after these codes", at: node.location) ? code : nil
            }
        }
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
        let choice = Choice(value: value, label: LocalizedText(label ?? [:]), exportAs: exportAs, attributes: attributes, location: node.location)
        return (choice, valueNode.location, exportAs == nil ? nil : exportNode?.location)
    }

    /// E107 for a code (a value or an `export_as`) that is empty or has a space; whether it is neither.
    private mutating func checkCode(_ code: String, what: String, emptyWhat: String, spaceReason: String, at location: SourceLocation) -> Bool {
        if code.isEmpty {
            diagnostics.report(.invalidChoiceValue, at: location, "\(emptyWhat) is empty; give it a code such as 1 or yes")
            return false
        }
        if code.contains(where: \.isWhitespace) {
            diagnostics.report(.invalidChoiceValue, at: location,
                               "\(what) contains a space, but \(spaceReason); use e.g. `\(code.split(whereSeparator: \.isWhitespace).joined(separator: "_"))`")
            return false
        }
        return true
    }
}

/// E118: no two values of a list may be the same number written differently (`1` and `01`, `2` and
/// `2.0`). A spreadsheet writes both alike, so a file saved from one would silently answer the other
/// choice, and expressions compare a code with a number as numbers, so `${q} = 1` holds for both.
private struct SameNumberCheck {
    let list: String
    /// What the codes are called in the message: "values", or "export codes".
    let codes: String
    /// Whether expressions compare these codes (values do; export codes are only written out).
    let areCompared: Bool
    private var seen: [Double: (value: String, location: SourceLocation)] = [:]

    init(list: String, codes: String = "values", areCompared: Bool = true) {
        self.list = list
        self.codes = codes
        self.areCompared = areCompared
    }

    mutating func check(_ value: String, at location: SourceLocation, into diagnostics: inout DiagnosticList) {
        guard let number = Value.choice(value).number else { return }
        guard let first = seen[number] else {
            seen[number] = (value, location)
            return
        }
        let written = Value.number(number).string
        diagnostics.report(.choiceValuesSameNumber, at: location,
                           "the \(codes) '\(value)' and '\(first.value)' (line \(first.location.line)) of choice list `\(list)` are both the number \(written): "
                               + "a spreadsheet writes both as \(written)\(areCompared ? ", and `= \(written)` in an expression holds for both" : ""); give one of them a code that is another number or not a number")
    }
}
