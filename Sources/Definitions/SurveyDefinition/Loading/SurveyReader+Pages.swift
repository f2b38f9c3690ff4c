import Diagnostics
import YAMLReading

extension SurveyReader {
    mutating func readPage(_ node: YAMLNode, index: Int) -> Page? {
        let givenID = node.mapping?.first { $0.key.scalar?.text == "id" }?.value.scalar?.text
        let place = givenID.map { "page `\($0)`" } ?? "page \(index + 1)"
        guard var map = MappingReader(node, place: place, diagnostics: &diagnostics) else { return nil }
        var keyLocations: [String: SourceLocation] = [:]

        var id: String?
        if let idNode = map.required("id", example: "profile", diagnostics: &diagnostics) {
            keyLocations["id"] = idNode.location
            id = idNode.text("the id of \(place)", diagnostics: &diagnostics)
            if let id, !NamePattern.isIdentifier(id) {
                diagnostics.report(.invalidName, at: idNode.location,
                                   "the page id '\(id)' is not an identifier: \(NamePattern.identifierProblem(id)); use e.g. `\(NamePattern.suggestedIdentifier(for: id))`")
            }
        }
        let title = map.required("title", example: texts.example, diagnostics: &diagnostics)
            .flatMap { texts.read($0, what: "the title of \(place)", diagnostics: &diagnostics) }
        let relevant = readExpression(&map, "relevant", of: place, into: &keyLocations)

        var questions: [Question] = []
        if let questionsNode = map.required("questions", example: "a list of questions", diagnostics: &diagnostics),
           let items = questionsNode.list("the questions of \(place)", diagnostics: &diagnostics) {
            if items.isEmpty {
                diagnostics.report(.emptyList, at: questionsNode.location, "\(place) has no questions; add at least one, or remove the page")
            }
            for (questionIndex, item) in items.enumerated() {
                if let question = readQuestion(item, index: questionIndex, page: place) { questions.append(question) }
            }
        }
        map.reportUnknownKeys(into: &diagnostics)
        guard let id else {
            unreadableQuestions.formUnion(questions.map(\.name))
            return nil
        }
        return Page(id: id, title: title.map(LocalizedText.init), relevant: relevant, questions: questions,
                    location: node.location, keyLocations: keyLocations)
    }

    /// An expression-valued key, positioned character by character where it is written.
    mutating func readExpression(_ map: inout MappingReader, _ key: String, of place: String,
                                 into keyLocations: inout [String: SourceLocation]) -> ExpressionSource? {
        guard let node = map.value(key) else { return nil }
        keyLocations[key] = node.location
        guard node.text("`\(key)` of \(place)", diagnostics: &diagnostics) != nil, let scalar = node.scalar else { return nil }
        return ExpressionSource(scalar, in: lines)
    }
}
