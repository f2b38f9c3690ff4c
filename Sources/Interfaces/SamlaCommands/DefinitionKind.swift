import Diagnostics
import Frameworks
import Reports
import SurveyDefinition
import YAMLReading

/// A kind of definition that `samla validate` can check, told apart by its top-level keys.
/// Each kind of definition adds itself to ``all``.
struct DefinitionKind: Sendable {
    /// "survey", "framework", "report".
    var name: String
    /// A file whose top-level mapping has any of these keys is of this kind.
    var markerKeys: [String]
    /// Every problem in a parsed file of this kind; the second argument is every file being
    /// validated together (a framework finds the surveys it draws on among them).
    var check: @Sendable (YAMLDocument, [String]) -> [Diagnostic]

    static let survey = DefinitionKind(name: "survey", markerKeys: ["pages"]) { document, _ in SurveyLoader.load(document).diagnostics }

    static let framework = DefinitionKind(name: "framework", markerKeys: ["indicators", "impact"]) { document, files in
        FrameworkLoader.load(document, givenSurveyFiles: files.filter { $0 != document.path }).diagnostics
    }

    static let report = DefinitionKind(name: "report", markerKeys: ["sections"]) { document, _ in ReportLoader.load(document).diagnostics }

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
    static func validate(path: String, alongside files: [String] = []) -> [Diagnostic] {
        let parsed = YAMLDocument.read(contentsOf: path)
        guard let document = parsed.document else { return parsed.diagnostics }
        switch detect(document.root, path: path) {
        case .success(let kind): return kind.check(document, files)
        case .failure(let diagnostic): return [diagnostic]
        }
    }
}
