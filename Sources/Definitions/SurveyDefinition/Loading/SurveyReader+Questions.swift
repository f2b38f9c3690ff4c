import Diagnostics
import YAMLReading

extension SurveyReader {
    mutating func readQuestion(_ node: YAMLNode, index: Int, page: String) -> Question? {
        let givenName = node.mapping?.first { $0.key.scalar?.text == "name" }?.value.scalar?.text
        let place = givenName.map { "question `\($0)`" } ?? "question \(index + 1) of \(page)"
        guard var map = MappingReader(node, place: place, diagnostics: &diagnostics) else { return nil }
        var keyLocations: [String: SourceLocation] = [:]
        func value(_ key: String) -> YAMLNode? {
            let node = map.value(key)
            if let node { keyLocations[key] = node.location }
            return node
        }

        var name: String?
        if let nameNode = map.required("name", example: "founded", diagnostics: &diagnostics) {
            keyLocations["name"] = nameNode.location
            name = nameNode.text("the name of \(place)", diagnostics: &diagnostics)
            if let name, !NamePattern.isIdentifier(name) {
                diagnostics.report(.invalidName, at: nameNode.location,
                                   "the question name '\(name)' is not an identifier: \(NamePattern.identifierProblem(name)); use e.g. `\(NamePattern.suggestedIdentifier(for: name))`")
            }
        }
        var type: QuestionType?
        if let typeNode = map.required("type", example: "text", diagnostics: &diagnostics) {
            keyLocations["type"] = typeNode.location
            type = typeNode.text("the type of \(place)", diagnostics: &diagnostics).flatMap { readType($0, at: typeNode.location, of: place) }
        }

        let labelNode = type == .calculate || type == nil
            ? value("label")
            : map.required("label", example: texts.example, diagnostics: &diagnostics)
        if let labelNode { keyLocations["label"] = labelNode.location }
        let label = labelNode.flatMap { texts.read($0, what: "the label of \(place)", diagnostics: &diagnostics) }
        let hint = value("hint").flatMap { texts.read($0, what: "the hint of \(place)", diagnostics: &diagnostics) }
        let required = value("required").flatMap { $0.bool("`required` of \(place)", diagnostics: &diagnostics) }
        let relevant = readExpression(&map, "relevant", of: place, into: &keyLocations)
        let constraint = readExpression(&map, "constraint", of: place, into: &keyLocations)
        let constraintMessage = value("constraint_message")
            .flatMap { texts.read($0, what: "the constraint_message of \(place)", diagnostics: &diagnostics) }
        let calculation = readExpression(&map, "calculation", of: place, into: &keyLocations)
        let defaultValue = value("default").flatMap { $0.text("`default` of \(place)", diagnostics: &diagnostics) }
        let choiceList = value("choices").flatMap { $0.text("`choices` of \(place) (the name of a choice list)", diagnostics: &diagnostics) }
        let choiceFilter = readExpression(&map, "choice_filter", of: place, into: &keyLocations)
        let other = value("other").flatMap { $0.bool("`other` of \(place)", diagnostics: &diagnostics) }
        let pii = value("pii").flatMap { $0.bool("`pii` of \(place)", diagnostics: &diagnostics) }
        let quasiIdentifier = value("quasi_identifier").flatMap { $0.bool("`quasi_identifier` of \(place)", diagnostics: &diagnostics) }
        // On any other type E114 says the key does not apply.
        let exportBands = value("export_bands").flatMap { node in
            type == .integer || type == .decimal ? readExportBands(node, of: place, whole: type == .integer) : nil
        }
        var exportAs: String?
        if let exportNode = value("export_as") {
            exportAs = exportNode.text("`export_as` of \(place)", diagnostics: &diagnostics)
            if let export = exportAs, !NamePattern.isIdentifier(export) {
                diagnostics.report(.invalidName, at: exportNode.location,
                                   "export_as '\(export)' is not an identifier, which partner codebooks need: \(NamePattern.identifierProblem(export)); use e.g. `\(NamePattern.suggestedIdentifier(for: export))`")
            }
        }
        let unit = value("unit").flatMap { $0.text("`unit` of \(place)", diagnostics: &diagnostics) }
        let rowsNode = value("rows")
        let rows = rowsNode.map { readRows($0, of: name ?? place) } ?? []
        map.reportUnknownKeys(into: &diagnostics)

        guard let name, let type else {
            if let name { unreadableQuestions.insert(name) }
            return nil
        }
        checkKeys(of: type, in: map, place: place)
        if type == .matrix, let rowsNode, rowsNode.sequence?.isEmpty == true {
            diagnostics.report(.emptyList, at: rowsNode.location, "matrix `\(name)` has no rows; add at least one `{name: …, label: …}`")
        }
        if map.contains("constraint_message"), !map.contains("constraint"), QuestionTypeRules.problem(key: "constraint", type: type) == nil {
            diagnostics.report(.constraintMessageWithoutConstraint, at: keyLocations["constraint_message"] ?? node.location,
                               "\(place) has a constraint_message but no constraint, so the message is never shown; add a constraint or remove the message")
        }
        if let unit, ![.integer, .decimal, .calculate].contains(type) {
            diagnostics.report(.unitOnNonNumeric, at: keyLocations["unit"] ?? node.location,
                               "\(place) is \(type.withArticle) question, so its unit '\(unit)' describes no number; remove it, or make the question integer or decimal")
        }
        let question = Question(
            name: name, type: type, label: label.map(LocalizedText.init), hint: hint.map(LocalizedText.init),
            required: required ?? false, relevant: relevant, constraint: constraint,
            constraintMessage: constraintMessage.map(LocalizedText.init), calculation: calculation, defaultValue: defaultValue,
            choiceList: choiceList, choiceFilter: choiceFilter, allowsOther: other ?? false, isPII: pii ?? false,
            isQuasiIdentifier: quasiIdentifier ?? false, exportBands: exportBands, exportAs: exportAs, unit: unit, rows: rows, location: node.location, keyLocations: keyLocations
        )
        if let defaultValue, QuestionTypeRules.problem(key: "default", type: type) == nil {
            checkDefault(defaultValue, of: question, at: keyLocations["default"] ?? node.location)
        }
        return question
    }

    /// The type named `text`, or nil with E109 and the nearest type (or the way to write an XLSForm type).
    private mutating func readType(_ text: String, at location: SourceLocation, of place: String) -> QuestionType? {
        if let type = QuestionType(rawValue: text) { return type }
        let words = text.split(separator: " ")
        if words.count == 2, let type = QuestionType(rawValue: String(words[0])), type.usesChoices {
            diagnostics.report(.unknownQuestionType, at: location,
                               "'\(text)' is the XLSForm way of writing a type; here the type and the list are separate keys: `type: \(words[0])` and `choices: \(words[1])`")
            return nil
        }
        let names = QuestionType.allCases.map(\.rawValue)
        let advice: String
        if let suggestion = QuestionTypeRules.aliases[text.lowercased()]?.rawValue ?? Suggestions.closest(to: text, in: names) {
            advice = Suggestions.didYouMean(suggestion)
        } else {
            advice = "; the types are \(names.joined(separator: ", "))"
        }
        diagnostics.report(.unknownQuestionType, at: location, "\(place) has the unknown type '\(text)'\(advice)")
        return nil
    }

    /// E114 for each key the type does not take; E008 for keys it needs.
    private mutating func checkKeys(of type: QuestionType, in map: MappingReader, place: String) {
        for key in map.keys {
            guard let problem = QuestionTypeRules.problem(key: key, type: type) else { continue }
            diagnostics.report(.keyNotForType, at: map.location(ofKey: key) ?? map.node.location,
                               "`\(key)` does not apply to \(place), \(type.withArticle) question: \(problem); remove it")
        }
        for (key, example) in QuestionTypeRules.requiredKeys(for: type) where !map.contains(key) && !map.hasMisspelling(of: key) {
            diagnostics.report(.missingKey, at: map.node.location, "\(place) is \(type.withArticle) question and has no `\(key)`; add it, e.g. `\(key): \(example)`")
        }
    }

    private mutating func readRows(_ node: YAMLNode, of matrix: String) -> [MatrixRow] {
        guard let items = node.list("`rows` of matrix `\(matrix)`", diagnostics: &diagnostics) else { return [] }
        var rows: [MatrixRow] = []
        var seen: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            let place = "row \(index + 1) of matrix `\(matrix)`"
            guard var map = MappingReader(item, place: place, diagnostics: &diagnostics) else { continue }
            let nameNode = map.required("name", example: "staff", diagnostics: &diagnostics)
            let name = nameNode.flatMap { $0.text("the name of \(place)", diagnostics: &diagnostics) }
            let label = map.required("label", example: texts.example, diagnostics: &diagnostics)
                .flatMap { texts.read($0, what: "the label of \(place)", diagnostics: &diagnostics) }
            map.reportUnknownKeys(into: &diagnostics)
            guard let name, let nameNode else { continue }
            if !NamePattern.isIdentifier(name) {
                diagnostics.report(.invalidName, at: nameNode.location,
                                   "the row name '\(name)' is not an identifier (it becomes part of the variable \(matrix)_\(name)): \(NamePattern.identifierProblem(name)); use e.g. `\(NamePattern.suggestedIdentifier(for: name))`")
            }
            if let first = seen[name] {
                diagnostics.report(.duplicateName, at: nameNode.location,
                                   "matrix `\(matrix)` has two rows named \(name) (first on line \(first.line)); give each row its own name")
                continue
            }
            seen[name] = nameNode.location
            rows.append(MatrixRow(name: name, label: LocalizedText(label ?? [:]), location: item.location))
        }
        return rows
    }
}

extension QuestionType {
    /// "an integer", "a select_one": the type name with its article, for messages.
    var withArticle: String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        return (vowels.contains(rawValue.first ?? "x") ? "an " : "a ") + rawValue
    }
}
