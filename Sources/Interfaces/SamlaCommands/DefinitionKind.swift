import Diagnostics
import Expressions
import Frameworks
import Reports
import Store
import SurveyDefinition
import YAMLReading

/// A kind of definition that `samla validate` can check, told apart by its top-level keys.
/// Each kind of definition adds itself to ``all``.
struct DefinitionKind: Sendable {
    /// "survey", "framework", "report".
    var name: String
    /// A file whose top-level mapping has any of these keys is of this kind.
    var markerKeys: [String]
    /// Every problem in a parsed file of this kind, checked with what it is validated together with.
    var check: @Sendable (YAMLDocument, ValidationContext) throws -> ValidationContext.Checked

    static let survey = DefinitionKind(name: "survey", markerKeys: ["pages"]) { document, context in
        let loaded = SurveyLoader.load(document)
        guard let store = context.store, let survey = loaded.document, !loaded.diagnostics.contains(where: \.isError) else {
            return .init(diagnostics: loaded.diagnostics)
        }
        let found = try StoredRoundsCheck.check(survey, store: store, database: context.database, today: context.today)
        return .init(diagnostics: loaded.diagnostics + found.diagnostics, notes: found.notes.map { DiagnosticNote(file: document.path, message: $0) })
    }

    static let framework = DefinitionKind(name: "framework", markerKeys: ["indicators", "impact"]) { document, context in
        let given = context.files.filter { $0 != document.path }
        guard let store = context.store else {
            let diagnostics = FrameworkLoader.load(document, givenSurveyFiles: given).diagnostics
            // A name the survey file lacks may be a question its earlier versions asked, which only the database knows.
            let hint = diagnostics.contains { $0.code == .expressionUnknownVariable }
                ? [DiagnosticNote(file: document.path, message: "an indicator may read a question that only an earlier version of its survey asked; "
                    + "with --db DATABASE, samla validate checks the framework against every version the database holds, as samla compute does")]
                : []
            return .init(diagnostics: diagnostics, notes: hint)
        }
        // The files it would be checked against without --db, each after the versions the database holds.
        let ids = FrameworkLoader.surveyIDs(contentsOf: document.path)
        let files = SurveyCatalogue.discover(ids: ids, folders: SurveyCatalogue.defaultFolders(forFramework: document.path), given: given)
        let found = try FrameworkSurveys.catalogue(ids: ids, store: store, files: files, framework: document.path)
        return .init(diagnostics: FrameworkLoader.load(document, surveys: found.catalogue).diagnostics)
    }

    static let report = DefinitionKind(name: "report", markerKeys: ["sections"]) { document, _ in .init(diagnostics: ReportLoader.load(document).diagnostics) }

    static let all: [DefinitionKind] = [survey, framework, report]

    /// The kind whose marker keys the top level of `root` has, or nil with E012 saying how to tell.
    static func detect(_ root: YAMLNode, path: String) -> Result<DefinitionKind, Diagnostic> {
        let describeKinds = all.map { kind in
            "a \(kind.name) has \(kind.markerKeys.map { "`\($0)`" }.joined(separator: " or "))"
        }.joined(separator: "; ")
        guard let pairs = root.mapping else {
            return .failure(Diagnostic(.unknownDefinitionKind, at: root.location,
                                       "the file holds \(root.kindDescription), not a definition: a definition is a mapping of keys (\(describeKinds))"))
        }
        let keys = pairs.compactMap { $0.key.scalar?.text }
        if let kind = all.first(where: { kind in kind.markerKeys.contains(where: keys.contains) }) {
            return .success(kind)
        }
        let markers = all.flatMap(\.markerKeys)
        for pair in pairs {
            guard let key = pair.key.scalar?.text, let marker = Suggestions.closest(to: key, in: markers) else { continue }
            return .failure(Diagnostic(.unknownDefinitionKind, at: pair.key.location,
                                       "the file does not say what it defines: there is no top-level `\(marker)` (did you mean \(marker) instead of \(key)?)"))
        }
        return .failure(Diagnostic(.unknownDefinitionKind, at: root.location,
                                   "the file does not say what it defines: \(describeKinds) at the top level, and this file has none of these keys"))
    }

    /// Reads, parses and checks the file at `path`, whatever kind it is.
    static func validate(path: String, in context: ValidationContext) throws -> ValidationContext.Checked {
        let parsed = YAMLDocument.read(contentsOf: path)
        guard let document = parsed.document else { return .init(diagnostics: parsed.diagnostics) }
        switch detect(document.root, path: path) {
        case .success(let kind): return try kind.check(document, context)
        case .failure(let diagnostic): return .init(diagnostics: [diagnostic])
        }
    }
}

/// What the files of one `samla validate` are checked together with.
struct ValidationContext: Sendable {
    /// Every file being validated (a framework finds the surveys it draws on among them).
    var files: [String]
    /// The database of `--db`, opened read-only: a framework is checked against the survey versions
    /// it holds too, and a survey against its rounds' answers.
    var store: SQLiteStore?
    /// The path of `--db`, for its diagnostics.
    var database: String = ""
    var today = CalendarDate.today()

    /// The problems of one file, and what `samla round open` would list for it (with --db).
    struct Checked {
        var diagnostics: [Diagnostic]
        var notes: [DiagnosticNote] = []
    }
}
