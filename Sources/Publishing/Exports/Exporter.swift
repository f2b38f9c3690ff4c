import CSV
import Diagnostics
import Foundation
import Store
import SurveyDefinition

/// An export of one round, planned: the round, the definition it is pinned to, the columns.
public struct ExportPlan: Sendable {
    public let round: Round
    public let definition: StoredDefinition
    public let layout: ExportLayout
    /// The definitions the exported responses were answered under, each with its count.
    public let answeredUnder: [DefinitionUse]
    /// The survey's round before this one, which the codebook compares the definition with; nil
    /// when this is the survey's first.
    public let previousRound: PreviousRound?

    /// The data file's name: `responses.csv`, or `responses-long.csv` in the long form.
    public var dataFile: String { layout.options.shape == .wide ? "responses.csv" : "responses-long.csv" }

    /// Every file the export writes, in order.
    public var files: [String] {
        [dataFile, "codebook.csv", "codebook.md"]
            + (layout.options.writesSPSSSyntax ? [SPSSSyntax.file] : [])
            + (layout.options.results == nil ? [] : [IndicatorTables.resultsFile])
            + (layout.options.cleaning == nil ? [] : [IndicatorTables.cleaningFile])
            + (layout.options.profile == nil ? [] : [DisclosureReport.file])
            + ["datapackage.json", "provenance.json"]
    }

    /// Every file name an export may write, whatever its options: with `overwrite`, those of an
    /// earlier export that this one does not write are removed, so that the folder holds one export.
    public static let possibleFiles = [
        "responses.csv", "responses-long.csv", "codebook.csv", "codebook.md", SPSSSyntax.file, SPSSDataCopy.file, IndicatorTables.resultsFile, IndicatorTables.cleaningFile,
        DisclosureReport.file, "datapackage.json", "provenance.json",
    ]
}

/// Writes a round's responses as CSV with its codebook, Frictionless data package and provenance.
///
/// The data streams from the store's scan into the CSV writer, one row at a time: memory does not
/// grow with the number of responses. A partner export reads the quasi-identifiers of every row
/// first (``DisclosureControl``), to know which of their values to write empty.
public struct Exporter: Sendable {
    public let store: any Store
    /// Written into the provenance file and the data package.
    public let samlaVersion: String

    public init(store: any Store, samlaVersion: String) {
        self.store = store
        self.samlaVersion = samlaVersion
    }

    /// Reads the round and its pinned definition and lays out the columns. Throws `StoreError`
    /// for an unknown round and `ExportError` for a definition or options that do not fit
    /// (k below 1 too, with or without a profile).
    public func plan(round name: String, options: ExportOptions) throws -> ExportPlan {
        guard let round = try store.round(named: name) else {
            let names = try store.roundSummaries().map(\.round.name)
            throw StoreError.unknownRound(name, suggestion: Suggestions.misspelling(of: name, in: names))
        }
        guard let definition = try store.definition(hash: round.definitionHash) else {
            throw ExportError.definitionUnreadable(round: name, hash: round.definitionHash, problems: [])
        }
        let loaded = SurveyLoader.load(text: definition.sourceText, path: "\(round.surveyID)@\(definition.version)")
        guard let survey = loaded.document?.survey else {
            throw ExportError.definitionUnreadable(round: name, hash: round.definitionHash, problems: loaded.errors)
        }
        guard options.kAnonymity >= 1 else { throw ExportError.kAnonymityInvalid(options.kAnonymity) }
        var options = options
        if options.profile != nil, let source = options.cleaning?.source {
            // A folder may hold a user's name (/Users/anna.berg/…): a partner sees the file's name only.
            options.cleaning?.source = (source as NSString).lastPathComponent
        }
        let answeredUnder = try store.definitionsAnswered(round: name, selection: options.selection == .complete ? .complete : .all)
        let layout = try ExportLayout(survey: survey, options: options, answeredUnder: answeredUnder)
        return ExportPlan(round: round, definition: definition, layout: layout, answeredUnder: answeredUnder,
                          previousRound: try PreviousRound.of(round, definition: survey, in: store))
    }

    /// How many responses the export will read (complete ones, or all begun), for a progress bar.
    /// Counts the round's responses, so ask only when a bar is shown.
    public func expectedResponses(_ plan: ExportPlan) throws -> Int {
        let summary = try store.roundSummaries().first { $0.round.name == plan.round.name }
        return plan.layout.options.selection == .complete ? summary?.complete ?? 0 : summary?.started ?? 0
    }

    /// Writes the planned export into `folder` (created if needed). `progress` is called with the
    /// responses read so far, every few thousand rows.
    public func export(
        _ plan: ExportPlan, to folder: String, now: Timestamp = .now(), progress: ((Int) -> Void)? = nil
    ) throws -> ExportSummary {
        let layout = plan.layout
        let options = layout.options
        let output = try ExportFolder(
            path: folder, names: plan.files, overwrite: options.overwrite,
            replacing: options.overwrite ? ExportPlan.possibleFiles.filter { !plan.files.contains($0) } : [])
        let pseudonymizer = options.profile == nil ? nil : Pseudonymizer(key: try store.pseudonymKey(round: plan.round.name))
        let disclosure = try options.profile.map { _ in
            DisclosureReport(control: try DisclosureControl(layout: layout, round: plan.round.name, store: store), layout: layout)
        }

        let written = try writeData(plan, to: output.stagedPath(plan.dataFile), pseudonymizer: pseudonymizer,
                                    blanked: disclosure?.control.blanked ?? [:], progress: progress)
        let facts = ExportFacts(
            round: plan.round.name, surveyID: plan.round.surveyID, definitionVersion: plan.definition.version,
            definitionHash: plan.definition.hash, dataFile: plan.dataFile, rows: written.rows, responses: written.responses,
            read: written.read, exportedAt: now.text, samlaVersion: samlaVersion,
            answeredUnder: plan.answeredUnder)

        let codebook = Codebook(layout: layout, previous: plan.previousRound)
        try writeCSV(output.stagedPath("codebook.csv"), delimiter: options.writtenDelimiter) { try codebook.writeCSV(to: $0) }
        try writeText(codebook.markdown(facts: facts), to: output.stagedPath("codebook.md"))
        var files = plan.files
        let spss = options.writesSPSSSyntax ? SPSSSyntax(layout: layout, facts: facts, measures: written.measures) : nil
        if let syntax = spss {
            if syntax.readsCopy {
                try output.announce(SPSSDataCopy.file, after: SPSSSyntax.file, overwrite: options.overwrite)
                files.insert(SPSSDataCopy.file, at: files.firstIndex(of: SPSSSyntax.file)! + 1)
                try copyForSPSS(output.stagedPath(plan.dataFile), to: output.stagedPath(SPSSDataCopy.file), delimiter: options.writtenDelimiter)
            }
            try writeText(syntax.text, to: output.stagedPath(SPSSSyntax.file))
        }
        var extraResources: [JSONValue] = []
        if let results = options.results {
            let rows = IndicatorTables.rows(results, round: plan.round.name, layout: layout)
            try writeCSV(output.stagedPath(IndicatorTables.resultsFile), delimiter: options.writtenDelimiter) {
                try IndicatorTables.writeResults(rows, decimalComma: options.writesDecimalComma, to: $0)
            }
            extraResources.append(DataPackage.csvResource(
                name: "results", path: IndicatorTables.resultsFile,
                title: layout.language == "sv"
                    ? "Indikatorernas resultat enligt ramverket \(results.framework.id) för omgång \(plan.round.name)"
                    : "Indicator results of framework \(results.framework.id) for round \(plan.round.name)",
                delimiter: options.writtenDelimiter,
                schema: IndicatorTables.resultsSchema(language: layout.language, decimalComma: options.writesDecimalComma, suppressedData: disclosure != nil)))
        }
        if let cleaning = options.cleaning {
            try writeCSV(output.stagedPath(IndicatorTables.cleaningFile), delimiter: options.writtenDelimiter) {
                try IndicatorTables.writeCleaningLog(cleaning, round: plan.round.name, pseudonymizer: pseudonymizer, to: $0)
            }
            extraResources.append(DataPackage.csvResource(
                name: "cleaning-log", path: IndicatorTables.cleaningFile,
                title: layout.language == "sv" ? "Svar som rensningsreglerna i \(cleaning.source) tog bort" : "Responses removed by the cleaning rules of \(cleaning.source)",
                delimiter: options.writtenDelimiter, schema: IndicatorTables.cleaningSchema(pseudonymous: pseudonymizer != nil)))
        }
        if let disclosure {
            try writeCSV(output.stagedPath(DisclosureReport.file), delimiter: options.writtenDelimiter) { try disclosure.writeCSV(to: $0) }
            extraResources.append(disclosure.resource())
        }
        let schema = options.shape == .wide ? TableSchema.wide(layout: layout, empties: written.empties) : TableSchema.long(layout: layout)
        let round = RoundFacts(opens: plan.round.opens.description, closes: plan.round.closes.description, status: plan.round.status.rawValue)
        try writeText(DataPackage.json(layout: layout, facts: facts, round: round, dataSchema: schema, extraResources: extraResources,
                                        disclosure: disclosure?.summary(), previous: plan.previousRound).text() + "\n",
                      to: output.stagedPath("datapackage.json"))
        let sizes = files.filter { $0 != "provenance.json" }.map { (name: $0, bytes: output.size($0)) }
        try writeText(Provenance.json(layout: layout, facts: facts, round: round, files: sizes, disclosure: disclosure?.summary()).text() + "\n",
                      to: output.stagedPath("provenance.json"))

        let paths = try output.commit()
        var warnings = (options.results?.warnings ?? []) + (disclosure?.warnings(folder: folder) ?? [])
        if let renamed = spss?.renameWarning(folder: folder) { warnings.append(renamed) }
        if written.responses == 0 {
            warnings.append(Diagnostic(.exportNoResponses, at: .file((folder as NSString).appendingPathComponent(plan.dataFile)),
                "round \(plan.round.name) has no \(options.selection == .complete ? "complete " : "")responses\(options.cleaning == nil ? "" : " left after cleaning"); the data file holds its header only"))
        }
        return ExportSummary(facts: facts, files: paths, warnings: warnings)
    }

    /// The CSV options of every file: UTF-8 with a BOM (Excel reads åäö right only with one), CRLF,
    /// the export's delimiter. Cells are neutralised by the encoder, column by column, so the
    /// writer's own switch is off for the data; the codebook's texts go through `write(text:)` with it on.
    static func csvOptions(neutralizing: Bool, delimiter: Unicode.Scalar = ",") -> CSVWriter.Options {
        CSVWriter.Options(delimiter: delimiter, lineEnding: .crlf, neutralizesFormulas: neutralizing, writesByteOrderMark: true)
    }

    private struct Written {
        var rows = 0
        var responses = 0
        var read = 0
        var empties: [Int]
        /// Per column: what its cells held.
        var measures: [ColumnMeasure] = []
    }

    /// `blanked`: per response, the variables (indices in the layout's variables) written empty.
    private func writeData(
        _ plan: ExportPlan, to path: String, pseudonymizer: Pseudonymizer?, blanked: [Int64: Set<Int>], progress: ((Int) -> Void)?
    ) throws -> Written {
        let layout = plan.layout
        let options = layout.options
        let writer = try Self.openCSV(path, neutralizing: false, delimiter: options.writtenDelimiter)
        let encoder = RowEncoder(layout: layout, pseudonymizer: pseudonymizer)
        let columnCount = encoder.columnCount
        var written = Written(empties: [])
        let empties = UnsafeMutablePointer<Int>.allocate(capacity: columnCount)
        empties.initialize(repeating: 0, count: columnCount)
        defer { empties.deallocate() }
        let removed = options.cleaning?.removed ?? []
        let names = layout.columns.map(\.name)
        let columnVariables = layout.columns.map { $0.variableIndex ?? -1 }
        do {
            switch options.shape {
            case .wide: try writer.writeRecord(names)
            case .long: try writer.writeRecord([names[0], "variable", "value"])
            }
            let selection: ResponseSelection = options.selection == .complete ? .complete : .all
            try store.scanResponses(round: plan.round.name, variables: layout.variables.map(\.name), selection: selection) { row in
                written.read += 1
                if let progress, written.read & 0x1FFF == 0 { progress(written.read) }
                if !removed.isEmpty && removed.contains(row.responseID) { return }
                try encoder.prepare(row)
                written.responses += 1
                let suppressed = blanked.isEmpty ? nil : blanked[row.responseID]
                switch options.shape {
                case .wide:
                    for column in 0..<columnCount {
                        if let suppressed, suppressed.contains(columnVariables[column]) {
                            try encoder.writeEmpty(to: writer)
                            empties[column] += 1
                        } else if try !encoder.write(row, column: column, to: writer) {
                            empties[column] += 1
                        }
                    }
                    try writer.endRecord()
                    written.rows += 1
                case .long:
                    for column in 1..<columnCount where !encoder.isEmpty(row, column: column) {
                        if let suppressed, suppressed.contains(columnVariables[column]) { continue }
                        try encoder.writeID(to: writer)
                        try writer.write(names[column])
                        try encoder.write(row, column: column, to: writer)
                        try writer.endRecord()
                        written.rows += 1
                    }
                }
            }
            try writer.close()
        } catch let error as CSVWriteError {
            throw Self.failure(error, path: path)
        }
        progress?(written.read)
        written.empties = Array(UnsafeBufferPointer(start: empties, count: columnCount))
        written.measures = encoder.measures
        return written
    }

    private static func openCSV(_ path: String, neutralizing: Bool, delimiter: Unicode.Scalar) throws(ExportError) -> CSVWriter {
        do { return try CSVWriter(path: path, options: csvOptions(neutralizing: neutralizing, delimiter: delimiter)) } catch {
            throw failure(error, path: path)
        }
    }

    /// The refusal for a CSV file of the export, staged at `path`, that could not be written: a
    /// full disk by the file's final name.
    private static func failure(_ error: CSVWriteError, path: String) -> ExportError {
        error.isDiskFull ? .outputDiskFull(path: ExportFolder.target(ofStaged: path)) : .outputUnwritable(path: path, reason: error.description)
    }

    /// Writes the data file at `source` again at `target` with its cells' line breaks marked (``SPSSDataCopy``).
    private func copyForSPSS(_ source: String, to target: String, delimiter: Unicode.Scalar) throws {
        let reader: CSVReader
        do { reader = try CSVReader(path: source, options: .init(delimiter: delimiter)) } catch {
            throw ExportError.outputUnwritable(path: source, reason: error.description)
        }
        try writeCSV(target, delimiter: delimiter, neutralizing: false) { writer in
            while let record = try Self.next(of: reader, path: source) {
                for index in 0..<record.count {
                    let bytes = record.unsafeBytes(at: index)
                    if SPSSDataCopy.hasLineBreak(bytes) {
                        try SPSSDataCopy.marked(bytes).withUnsafeBytes { try writer.write(utf8: $0) }
                    } else {
                        try writer.write(utf8: UnsafeRawBufferPointer(bytes))
                    }
                }
                try writer.endRecord()
            }
        }
    }

    private static func next(of reader: CSVReader, path: String) throws(ExportError) -> CSVRecord? {
        do { return try reader.next() } catch { throw .outputUnwritable(path: path, reason: error.description) }
    }

    private func writeCSV(_ path: String, delimiter: Unicode.Scalar, neutralizing: Bool = true, _ body: (CSVWriter) throws -> Void) throws {
        let writer = try Self.openCSV(path, neutralizing: neutralizing, delimiter: delimiter)
        do {
            try body(writer)
            try writer.close()
        } catch let error as CSVWriteError {
            throw Self.failure(error, path: path)
        }
    }

    private func writeText(_ text: String, to path: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
            throw DiskFull.isReason(error) ? ExportError.outputDiskFull(path: ExportFolder.target(ofStaged: path)) : ExportError.outputUnwritable(path: path, reason: error.localizedDescription)
        }
    }
}
