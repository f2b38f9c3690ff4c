import Diagnostics
import YAMLReading

/// Reads a survey definition and checks it, reporting every problem found in one pass.
public enum SurveyLoader {
    /// Loads the definition in the file at `path`.
    public static func load(contentsOf path: String) -> SurveyLoadResult {
        let parsed = YAMLDocument.read(contentsOf: path)
        guard let document = parsed.document else { return SurveyLoadResult(document: nil, diagnostics: parsed.diagnostics) }
        return load(document)
    }

    /// Loads a definition from its text; `path` names it in diagnostics (the store passes the
    /// text it saved and the path it came from).
    public static func load(text: String, path: String) -> SurveyLoadResult {
        let parsed = YAMLDocument.parse(text: text, path: path)
        guard let document = parsed.document else { return SurveyLoadResult(document: nil, diagnostics: parsed.diagnostics) }
        return load(document)
    }

    /// Loads a definition from a parsed YAML document (for tools that parse first to tell
    /// what kind of definition a file holds).
    public static func load(_ document: YAMLDocument) -> SurveyLoadResult {
        var reader = SurveyReader(file: document.path, text: document.text)
        let read = reader.read(document.root)
        var diagnostics = reader.diagnostics
        var survey: Survey?
        if var read {
            read.readWithoutErrors = !reader.diagnostics.hasErrors
            let checked = SurveyChecks.run(on: read)
            survey = checked.survey
            diagnostics.append(contentsOf: checked.diagnostics)
        }
        if diagnostics.hasErrors { survey = nil }
        return SurveyLoadResult(
            document: survey.map { SurveyDocument(survey: $0, sourceText: document.text) },
            diagnostics: diagnostics.sorted
        )
    }
}

/// A loaded survey, or the diagnostics that say why it was refused. Warnings come with a
/// survey too.
public struct SurveyLoadResult: Sendable {
    /// The checked survey; nil when there is any error.
    public var document: SurveyDocument?
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]

    public init(document: SurveyDocument?, diagnostics: [Diagnostic]) {
        self.document = document
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}
