import Diagnostics
import Foundation
import SurveyDefinition
import YAMLReading

/// Reads the YAML tree of a report definition into the model, reporting problems of shape and of
/// single values. Checks against the framework run afterwards (``ReportChecks``).
struct ReportReader {
    let file: String
    var diagnostics = DiagnosticList()
    /// Where each checked value was written, for the checks against the framework.
    var roundLocations: [Located<String>] = []
    var frameworkLocation: SourceLocation?
    var languageLocation: SourceLocation?
    var sectionLocations: [SourceLocation] = []
    var indicatorLocations: [Located<String>] = []
    var toplineRoundLocations: [Located<String>] = []

    static let supportedLanguages = ["sv", "en"]

    init(file: String) {
        self.file = file
    }

    mutating func read(_ root: YAMLNode) -> ReportDefinition? {
        guard var map = MappingReader(root, place: "the report", diagnostics: &diagnostics) else { return nil }
        let idNode = map.required("id", example: "my-report", diagnostics: &diagnostics)
        let id = idNode.flatMap { node -> String? in
            guard let text = node.text("the report id", diagnostics: &diagnostics) else { return nil }
            guard NamePattern.isSlug(text) else {
                diagnostics.report(.invalidReportID, at: node.location,
                                   "the report id '\(text)' is not a slug: use lowercase letters and digits joined by hyphens, e.g. `\(NamePattern.slug(from: text, fallback: "msi-impact"))`")
                return nil
            }
            return text
        }
        let languageNode = map.required("language", example: "sv", diagnostics: &diagnostics)
        languageLocation = languageNode?.location
        let language = languageNode.flatMap { node -> String? in
            guard let text = node.text("the report language", diagnostics: &diagnostics) else { return nil }
            guard Self.supportedLanguages.contains(text) else {
                diagnostics.report(.unsupportedReportLanguage, at: node.location,
                                   "reports are written in sv or en, not '\(text)'\(Suggestions.didYouMean(text, in: Self.supportedLanguages))")
                return nil
            }
            return text
        }
        let titleNode = map.required("title", example: "{sv: \"…\", en: \"…\"}", diagnostics: &diagnostics)
        let title = titleNode.flatMap { readText($0, what: "the report title", language: language) }
        let population = map.value("population").flatMap { readText($0, what: "the report's population", language: language) }

        let frameworkNode = map.required("framework", example: "../frameworks/msi-toc.yaml", diagnostics: &diagnostics)
        frameworkLocation = frameworkNode?.location
        let frameworkPath = frameworkNode.flatMap { $0.text("the framework path", diagnostics: &diagnostics) }

        var rounds: [String]?
        if let node = map.value("rounds"), let items = node.list("`rounds`", diagnostics: &diagnostics) {
            if items.isEmpty {
                diagnostics.report(.emptyList, at: node.location, "`rounds` is empty; name the rounds to report, or leave the key out for every round of the framework")
            }
            var names: [String] = []
            for item in items {
                guard let name = item.text("a round of the report", diagnostics: &diagnostics) else { continue }
                if names.contains(name) {
                    diagnostics.report(.duplicateKey, at: item.location, "the round \(name) is named twice in `rounds`; keep one")
                    continue
                }
                names.append(name)
                roundLocations.append(Located(name, at: item.location))
            }
            rounds = names
        }

        var output: String?
        if let node = map.value("output"), let text = node.text("the output path", diagnostics: &diagnostics) {
            if text.lowercased().hasSuffix(".html") {
                output = text
            } else {
                diagnostics.report(.reportOutputNotHTML, at: node.location, "the output '\(text)' should be an .html file, e.g. output/\(id ?? "report").html")
            }
        }

        var sections: [ReportSection] = []
        if let node = map.required("sections", example: "[summary, theory_of_change, indicators, methods]", diagnostics: &diagnostics),
           let items = node.list("`sections`", diagnostics: &diagnostics) {
            if items.isEmpty {
                diagnostics.report(.emptyList, at: node.location, "the report has no sections; list at least one of \(ReportSection.typeNames.joined(separator: ", "))")
            }
            var shown: [(section: ReportSection, number: Int)] = []
            for (index, item) in items.enumerated() {
                if let section = readSection(item, index: index) {
                    if let repeated = Self.repetition(of: section, number: index + 1, after: shown) {
                        diagnostics.report(.repeatedReportSection, at: item.location, repeated)
                    }
                    shown.append((section, index + 1))
                    sections.append(section)
                    sectionLocations.append(item.location)
                }
            }
        }
        map.reportUnknownKeys(into: &diagnostics)

        guard let id, let language, let title, let frameworkPath else { return nil }
        let folder = PathText.folder(of: file)
        return ReportDefinition(
            id: id, title: LocalizedText(title), language: language,
            frameworkPath: Self.resolve(frameworkPath, against: folder), rounds: rounds,
            outputPath: Self.resolve(output ?? "output/\(id).html", against: folder),
            sections: sections, path: file, population: population.map(LocalizedText.init),
            toplineRoundLocations: Dictionary(toplineRoundLocations.map { ($0.value, $0.location) }) { first, _ in first }
        )
    }

    /// `path` as written when absolute, else relative to `folder`.
    static func resolve(_ path: String, against folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty { return path }
        return (folder as NSString).appendingPathComponent(path)
    }

    /// A text written once in the report's language, or per language with the report's among them.
    private mutating func readText(_ node: YAMLNode, what: String, language: String?) -> [String: String]? {
        if let scalar = node.scalar, !scalar.isNull {
            return [language ?? "": scalar.text]
        }
        guard let translations = LocalizedTextReader(languages: []).read(node, what: what, diagnostics: &diagnostics) else { return nil }
        if let language, translations[language] == nil {
            diagnostics.report(.missingTranslation, at: node.location, "\(what) has no \(language) text, the report's language; add \(language): \"…\"")
        }
        return translations
    }

    /// Why section `number` shows again what one of the sections before it shows, or nil: each
    /// type once, but a topline per round and indicators sections whose `only` lists do not meet.
    static func repetition(of section: ReportSection, number: Int, after earlier: [(section: ReportSection, number: Int)]) -> String? {
        for (other, otherNumber) in earlier where other.typeName == section.typeName {
            let advice = "a report shows it once: remove one of them"
            switch (section, other) {
            case (.topline(let round, _, _), .topline(let otherRound, _, _)):
                if round == otherRound { return "section \(number) is the topline of \(round), as section \(otherNumber) is; \(advice)" }
            case (.indicators(let only, _), .indicators(let otherOnly, _)):
                guard let only, let otherOnly else {
                    return "section \(number) shows indicators that section \(otherNumber) shows already (a section without `only` shows them all); "
                        + "give each indicators section an `only` list of its own indicators, or remove one"
                }
                if let both = only.first(where: otherOnly.contains) {
                    return "section \(number) shows the indicator `\(both)`, which section \(otherNumber) shows already; a report shows each indicator once: remove it from one of the two `only` lists"
                }
            default:
                return "section \(number) is a second \(section.typeName) section, after section \(otherNumber); \(advice)"
            }
        }
        return nil
    }

    private mutating func readSection(_ item: YAMLNode, index: Int) -> ReportSection? {
        if let scalar = item.scalar {
            guard !scalar.isNull else {
                diagnostics.report(.invalidValue, at: item.location, "section \(index + 1) is empty; write a section type such as summary")
                return nil
            }
            return bareSection(type: scalar.text, at: item.location, index: index)
        }
        guard var map = MappingReader(item, place: "section \(index + 1)", diagnostics: &diagnostics) else { return nil }
        guard let typeNode = map.required("type", example: "topline", diagnostics: &diagnostics),
              let type = typeNode.text("the type of section \(index + 1)", diagnostics: &diagnostics) else {
            map.reportUnknownKeys(into: &diagnostics)
            return nil
        }
        let section = section(type: type, at: typeNode.location, options: &map)
        map.reportUnknownKeys(into: &diagnostics)
        return section
    }

    private mutating func section(type: String, at location: SourceLocation, options map: inout MappingReader) -> ReportSection? {
        let place = "the \(type) section"
        switch type {
        case "summary": return .summary
        case "theory_of_change": return .theoryOfChange
        case "methods": return .methods
        case "indicators":
            var only: [String]?
            if let node = map.value("only"), let items = node.list("`only` of \(place)", diagnostics: &diagnostics) {
                if items.isEmpty {
                    diagnostics.report(.emptyList, at: node.location, "`only` of \(place) is empty; name the indicators to show, or leave the key out for all of them")
                }
                only = items.compactMap { item in
                    guard let id = item.text("an indicator of `only`", diagnostics: &diagnostics) else { return nil }
                    indicatorLocations.append(Located(id, at: item.location))
                    return id
                }
            }
            let breakdowns = map.value("breakdowns").flatMap { $0.bool("`breakdowns` of \(place)", diagnostics: &diagnostics) } ?? true
            return .indicators(only: only, breakdowns: breakdowns)
        case "topline":
            let roundNode = map.required("round", example: "esem-se-2025", diagnostics: &diagnostics)
            let round = roundNode.flatMap { $0.text("the round of \(place)", diagnostics: &diagnostics) }
            var openAnswers = 10
            if let node = map.value("open_answers"), let text = node.text("`open_answers` of \(place)", diagnostics: &diagnostics) {
                if let number = Int(text), (0...100).contains(number) {
                    openAnswers = number
                } else {
                    diagnostics.report(.invalidReportOption, at: node.location,
                                       "`open_answers` is how many of the most frequent free-text answers to list: a whole number from 0 to 100, not '\(text)'")
                }
            }
            var pPercent: Double?
            if let node = map.value("p_percent"), let text = node.text("`p_percent` of \(place)", diagnostics: &diagnostics) {
                if let number = Double(text), number.isFinite, (0...100).contains(number) {
                    pPercent = number
                } else {
                    diagnostics.report(.invalidReportOption, at: node.location,
                                       "`p_percent` is the p of the p % rule for the means of numbers: a percentage from 0 (the rule off) to 100, such as 10, not '\(text)'")
                }
            }
            guard let round, let roundNode else { return nil }
            toplineRoundLocations.append(Located(round, at: roundNode.location))
            return .topline(round: round, openAnswers: openAnswers, pPercent: pPercent)
        default:
            diagnostics.report(.unknownReportSection, at: location,
                               "there is no section type '\(type)'\(Suggestions.didYouMean(type, in: ReportSection.typeNames)); the types are \(ReportSection.typeNames.joined(separator: ", "))")
            return nil
        }
    }

    /// A section written as a bare type name, which takes every option's default.
    private mutating func bareSection(type: String, at location: SourceLocation, index: Int) -> ReportSection? {
        if type == "topline" {
            diagnostics.report(.missingKey, at: location, "a topline section needs its round: write it as {type: topline, round: esem-se-2025}")
            return nil
        }
        guard var map = MappingReader(YAMLNode(.mapping([]), at: location), place: "section \(index + 1)", diagnostics: &diagnostics) else { return nil }
        return section(type: type, at: location, options: &map)
    }
}
