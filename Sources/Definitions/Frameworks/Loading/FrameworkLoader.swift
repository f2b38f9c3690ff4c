import Diagnostics
import SurveyDefinition
import YAMLReading

/// Reads a framework definition and checks it against the surveys it draws on, reporting every
/// problem in one pass.
public enum FrameworkLoader {
    /// Loads the framework in the file at `path`, with surveys from `catalogue`, or, when nil,
    /// from the folders ``SurveyCatalogue/defaultFolders(forFramework:)`` names.
    public static func load(contentsOf path: String, surveys catalogue: SurveyCatalogue? = nil) -> FrameworkLoadResult {
        let parsed = YAMLDocument.read(contentsOf: path)
        guard let document = parsed.document else { return FrameworkLoadResult(framework: nil, diagnostics: parsed.diagnostics) }
        return load(document, surveys: catalogue)
    }

    /// Loads a framework from its text; `path` names it in diagnostics.
    public static func load(text: String, path: String, surveys catalogue: SurveyCatalogue? = nil) -> FrameworkLoadResult {
        let parsed = YAMLDocument.parse(text: text, path: path)
        guard let document = parsed.document else { return FrameworkLoadResult(framework: nil, diagnostics: parsed.diagnostics) }
        return load(document, surveys: catalogue)
    }

    /// Loads a framework from a parsed document (`samla validate` parses first to tell the kind).
    public static func load(_ document: YAMLDocument, surveys catalogue: SurveyCatalogue? = nil, givenSurveyFiles: [String] = []) -> FrameworkLoadResult {
        var reader = FrameworkReader(document)
        guard let framework = reader.read(document.root) else {
            return FrameworkLoadResult(framework: nil, diagnostics: reader.diagnostics.sorted)
        }
        var diagnostics = reader.diagnostics
        let ids = surveyIDs(of: framework)
        let surveys = catalogue ?? SurveyCatalogue.discover(
            ids: ids, folders: SurveyCatalogue.defaultFolders(forFramework: document.path), given: givenSurveyFiles
        )
        GraphChecks.check(framework, into: &diagnostics)
        IndicatorChecks(framework: framework, catalogue: surveys).check(into: &diagnostics)
        return FrameworkLoadResult(framework: diagnostics.hasErrors ? nil : framework, diagnostics: diagnostics.sorted)
    }

    /// The surveys the framework in the file at `path` names, read without checks, so that a
    /// caller can find their definitions before loading it (empty when it cannot be read).
    public static func surveyIDs(contentsOf path: String) -> [String] {
        guard let document = YAMLDocument.read(contentsOf: path).document else { return [] }
        var reader = FrameworkReader(document)
        return reader.read(document.root).map(surveyIDs(of:)) ?? []
    }

    /// Every survey the framework names: of its rounds, indicators and cleaning rules.
    static func surveyIDs(of framework: Framework) -> [String] {
        var seen = Set<String>()
        let all = framework.rounds.compactMap(\.survey) + framework.indicators.compactMap(\.survey) + framework.cleaning.keys.sorted()
        return all.filter { seen.insert($0).inserted }
    }
}

/// A checked framework, or the diagnostics that say why it was refused.
public struct FrameworkLoadResult: Sendable {
    /// Nil when there is any error.
    public var framework: Framework?
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]

    public init(framework: Framework?, diagnostics: [Diagnostic]) {
        self.framework = framework
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}
