import Diagnostics
import YAMLReading

/// Reads the YAML tree of a survey into the model, reporting problems of shape (wrong kinds,
/// unknown and missing keys), of single values (names, ids, booleans, translations) and of
/// keys that a question's type does not take. Checks across the survey run afterwards.
struct SurveyReader {
    let file: String
    var diagnostics = DiagnosticList()
    var texts = LocalizedTextReader(languages: [])
    /// Choice lists by name, read before the pages so that defaults can be checked.
    var choiceLists: [String: ChoiceList] = [:]
    var unreadableQuestions = Set<String>()
    /// The text's lines, to place each character of an expression in the file.
    let lines: SourceLines

    init(file: String, text: String) {
        self.file = file
        self.lines = SourceLines(text)
    }

    mutating func read(_ root: YAMLNode) -> ReadSurvey? {
        guard var map = MappingReader(root, place: "the survey", diagnostics: &diagnostics) else { return nil }
        var keyLocations: [String: SourceLocation] = [:]
        func located(_ node: YAMLNode?, _ key: String) -> YAMLNode? {
            if let node { keyLocations[key] = node.location }
            return node
        }

        let id = located(map.required("id", example: "my-survey", diagnostics: &diagnostics), "id").flatMap { readID($0) }
        let version = located(map.required("version", example: "\"2025.1\"", diagnostics: &diagnostics), "version").flatMap { readVersion($0) }
        let titleNode = located(map.required("title", example: "{sv: \"…\", en: \"…\"}", diagnostics: &diagnostics), "title")
        let descriptionNode = located(map.value("description"), "description")
        let languages = located(map.required("languages", example: "[sv, en]", diagnostics: &diagnostics), "languages").flatMap { LanguageListReader.read($0, diagnostics: &diagnostics) }
        texts = LocalizedTextReader(languages: languages ?? [])
        let title = titleNode.flatMap { texts.read($0, what: "the survey title", diagnostics: &diagnostics) }
        let description = descriptionNode.flatMap { texts.read($0, what: "the survey description", diagnostics: &diagnostics) }

        let lists = located(map.value("choices"), "choices").map { readChoiceLists($0) } ?? []
        for list in lists where choiceLists[list.name] == nil { choiceLists[list.name] = list }

        var pages: [Page] = []
        if let pagesNode = located(map.required("pages", example: "a list of pages", diagnostics: &diagnostics), "pages"),
           let items = pagesNode.list("`pages`", diagnostics: &diagnostics) {
            if items.isEmpty {
                diagnostics.report(.emptyList, at: pagesNode.location, "the survey has no pages; add at least one page with questions")
            }
            for (index, item) in items.enumerated() {
                if let page = readPage(item, index: index) { pages.append(page) }
            }
        }
        let refusal = readExpression(&map, "refusal", of: "the survey", into: &keyLocations)
        map.reportUnknownKeys(into: &diagnostics)

        let survey = Survey(
            id: id ?? "", version: version ?? "", title: LocalizedText(title ?? [:]),
            description: description.map(LocalizedText.init), languages: languages ?? [],
            choiceLists: lists, pages: pages, refusal: refusal, location: SourceLocation(file: file, line: 1, column: 1),
            keyLocations: keyLocations
        )
        return ReadSurvey(survey: survey, unreadableQuestions: unreadableQuestions)
    }

    private mutating func readID(_ node: YAMLNode) -> String? {
        guard let id = node.text("the survey `id`", diagnostics: &diagnostics) else { return nil }
        if !NamePattern.isSlug(id) {
            diagnostics.report(.invalidSurveyID, at: node.location,
                               "the survey id '\(id)' is not a slug: use lowercase letters and digits joined by hyphens, e.g. `\(NamePattern.slug(from: id, fallback: "my-survey"))`")
        }
        return id
    }

    private mutating func readVersion(_ node: YAMLNode) -> String? {
        guard let version = node.text("the survey `version`", diagnostics: &diagnostics) else { return nil }
        if version.allSatisfy(\.isWhitespace) {
            diagnostics.report(.invalidValue, at: node.location, "the survey `version` is empty; write the version rounds and exports will name, e.g. version: \"2025.1\"")
            return nil
        }
        if let scalar = node.scalar, scalar.style == .plain, Self.looksNumeric(version) {
            diagnostics.report(.versionNotText, at: node.location,
                               "the version \(version) is not quoted, so YAML reads it as a number (2025.10 becomes 2025.1); quote it: version: \"\(version)\"")
        }
        return version
    }

    static func looksNumeric(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        return !digits.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
