import Diagnostics
import Yams

/// A parsed definition file: its text, and the tree of positioned nodes read from it.
public struct YAMLDocument: Hashable, Sendable {
    /// The path diagnostics name.
    public var path: String
    /// The text as read (without a byte order mark; a lone carriage return made a line feed).
    public var text: String
    public var root: YAMLNode

    public init(path: String, text: String, root: YAMLNode) {
        self.path = path
        self.text = text
        self.root = root
    }

    /// Reads and parses the file at `path` (E001–E005, E010, E011, E013).
    public static func read(contentsOf path: String, limits: YAMLLimits = .definitions) -> YAMLParseResult {
        switch DefinitionText.read(contentsOf: path, limits: limits) {
        case .failure(let diagnostic): YAMLParseResult(document: nil, diagnostics: [diagnostic])
        case .success(let text): parse(text: text, path: path, limits: limits)
        }
    }

    /// Parses `text` as the contents of the file `path` (E003–E005, E010, E011, E013).
    public static func parse(text source: String, path: String, limits: YAMLLimits = .definitions) -> YAMLParseResult {
        let text: String
        switch DefinitionText.check(source, path: path, limits: limits) {
        case .failure(let diagnostic): return YAMLParseResult(document: nil, diagnostics: [diagnostic])
        case .success(let checked): text = checked
        }
        let structureProblems = StructureScan.problems(in: text, file: path, maxDepth: limits.maxDepth)
        if !structureProblems.isEmpty {
            return YAMLParseResult(document: nil, diagnostics: structureProblems)
        }
        do {
            // Scalars are read from their source text, so no tag resolution is wanted: the basic
            // resolver types every scalar as text (and `1` and "1" are then the same key).
            let parser = try Parser(yaml: text, resolver: .basic)
            guard let root = try parser.nextRoot() else {
                return YAMLParseResult(document: nil, diagnostics: [
                    Diagnostic(.fileEmpty, at: .file(path), "the file holds only comments; a definition starts with its id, e.g. `id: my-survey`"),
                ])
            }
            if let second = try parser.nextRoot() {
                let location = YAMLErrorTranslation.documentStart(before: second.mark, in: text, file: path)
                return YAMLParseResult(document: nil, diagnostics: [
                    Diagnostic(.multipleDocuments, at: location,
                               "a second YAML document starts here (after `---`); a definition file holds one document, so put each definition in its own file"),
                ])
            }
            var converter = YamsConversion(text: text, file: path, maxDepth: limits.maxDepth)
            guard let node = converter.convert(root) else {
                return YAMLParseResult(document: nil, diagnostics: converter.diagnostics)
            }
            return YAMLParseResult(document: YAMLDocument(path: path, text: text, root: node), diagnostics: [])
        } catch {
            return YAMLParseResult(document: nil, diagnostics: [YAMLErrorTranslation.diagnostic(for: error, text: text, file: path)])
        }
    }
}

/// The outcome of reading a YAML file: a document, or the diagnostics that say why there is none.
public struct YAMLParseResult: Sendable {
    public var document: YAMLDocument?
    public var diagnostics: [Diagnostic]

    public init(document: YAMLDocument?, diagnostics: [Diagnostic]) {
        self.document = document
        self.diagnostics = diagnostics
    }
}
