import Diagnostics
import Store

/// What one export wrote and from what: the facts the codebook, the data package and the
/// provenance file repeat.
public struct ExportFacts: Hashable, Sendable {
    public var round: String
    public var surveyID: String
    public var definitionVersion: String
    public var definitionHash: String
    /// The data file's name in the output folder.
    public var dataFile: String
    /// Data rows written (responses in the wide form, cells in the long form).
    public var rows: Int
    /// Responses written.
    public var responses: Int
    /// Responses the scan read, before cleaning removed any.
    public var read: Int
    /// UTC, ISO 8601.
    public var exportedAt: String
    public var samlaVersion: String
    /// The definitions the exported responses were answered under (more than one when the
    /// round's definition was mended while it collected), oldest first.
    public var answeredUnder: [DefinitionUse] = []
}

/// The result of an export: its facts and the files it put in the output folder.
public struct ExportSummary: Hashable, Sendable {
    public var facts: ExportFacts
    /// Paths of the files written, in the order they were written.
    public var files: [String]
    public var warnings: [Diagnostic]
}
