import Aggregation
import ArgumentParser
import Exports
import Foundation
import Store

/// `samla export --round R --out DIR`: the round's responses as CSV, with codebook, data package
/// and provenance.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a round's responses: CSV, codebook, Frictionless data package, provenance.",
        discussion: """
        Writes into DIR: responses.csv (or responses-long.csv with --format long), codebook.csv, \
        codebook.md, datapackage.json (valid under `frictionless validate`) and provenance.json; a wide \
        export with codes (the default) also responses.sps, SPSS syntax that reads responses.csv into \
        SPSS or PSPP with its labels and saves responses.sav. \
        Complete responses only, unless --include-partial. CSV files are UTF-8 with a byte order \
        mark, CRLF line ends and RFC 4180 quoting; text cells that start with =, +, -, @, a tab or \
        a carriage return (but not negative numbers such as -3) get an apostrophe in front so that \
        spreadsheets do not run them. \
        --delimiter ";" separates the fields with semicolons, which Excel in a Swedish locale splits a \
        double-clicked file at; add --decimal-comma for decimals as 3,5, which it reads as numbers \
        (3.5 becomes text or a date there). samla import reads both. A partner package \
        (--profile) is always comma-separated with decimal points. \
        With --framework: the framework's cleaning rules remove responses first (cleaning-log.csv lists \
        which) and its indicator results for the round ship as results.csv, computed from exactly the \
        rows exported: partial ones too, with a status column, when the round's cleaning has \
        min_completeness. \
        With --profile euclid: columns named by export_as, questions without one left out, no \
        personal data (whatever other flags say), no free-text answers unless --include-free-text, \
        pseudonymous respondent ids stable within the round, numbers whose question has export_bands \
        written as their bands, and the values of questions marked \
        quasi_identifier blanked where fewer than k rows (--k-anonymity, 3 by default) share their \
        combination; disclosure.csv says how many per column. \
        Files of an earlier export in DIR are not replaced unless --overwrite. \
        Exit status: 0 exported, 1 refused (diagnostics printed), 2 usage error.
        """
    )

    @OptionGroup var database: StoreOptions

    @Option(help: ArgumentHelp("The round to export.", valueName: "name"))
    var round: String

    @Option(help: ArgumentHelp("The folder to write into (created if needed).", valueName: "dir"))
    var out: String

    @Option(help: "csv: one row per response (wide); long: one row per response and column.")
    var format: ExportFormatArgument = .csv

    @Flag(help: "Choice labels and Ja/Nej or Yes/No instead of codes.")
    var labels = false

    @Option(name: .customLong("lang"), help: ArgumentHelp("The language of labels and the codebook; by default the survey's first, and English for --profile euclid when the survey has it.", valueName: "code"))
    var language: String?

    @Flag(name: .customLong("include-pii"), help: "Include questions marked pii (personal data). Not allowed with --profile.")
    var includePII = false

    @Flag(name: .customLong("include-partial"), help: "Include responses begun but not submitted, with a status column.")
    var includePartial = false

    @Option(help: ArgumentHelp("A partner profile: euclid.", valueName: "name"))
    var profile: ExportProfileArgument?

    @Flag(name: .customLong("include-free-text"), help: """
        With --profile: keep free-text answers (text questions, 'other' texts), which a partner \
        export leaves out because they may hold names. Only by agreement, after reading them.
        """)
    var includeFreeText = false

    @Option(name: .customLong("k-anonymity"), help: ArgumentHelp("""
        With --profile: blank quasi-identifier values until every row shares its combination of them \
        with at least k-1 others (local suppression; 3 by default; 1 blanks nothing).
        """, valueName: "k"))
    var kAnonymity: Int?

    @Option(name: .customLong("suppress-last"), parsing: .upToNextOption, help: ArgumentHelp("""
        With --profile: quasi-identifier columns to blank last, the most important first (e.g. \
        ESEM_SECTOR ESEM_LEGALFORM): what the agreement with the partner most needs kept.
        """, valueName: "column"))
    var suppressLast: [String] = []

    @Option(help: ArgumentHelp("A framework whose cleaning rules to apply and whose results to include.", valueName: "file"))
    var framework: String?

    @OptionGroup var spreadsheet: SpreadsheetFormat

    @Flag(help: "Replace the files of an earlier export in the folder.")
    var overwrite = false

    init() {}

    func validate() throws {
        if includePII && profile != nil {
            throw ValidationError("--include-pii cannot be combined with --profile: a partner export never holds personal data")
        }
        if includeFreeText && profile == nil {
            throw ValidationError("--include-free-text needs --profile: an export without a profile holds every free text already")
        }
        if !suppressLast.isEmpty && profile == nil {
            throw ValidationError("--suppress-last needs --profile: only a partner package is protected by local suppression")
        }
        if kAnonymity != nil && profile == nil {
            throw ValidationError("--k-anonymity needs --profile: only a partner package is protected by local suppression; the standard export is for the organisation itself")
        }
        if profile != nil && !spreadsheet.isDefault {
            throw ValidationError("--delimiter \";\" and --decimal-comma cannot be combined with --profile: a partner package is comma-separated with decimal points, as partners' tools read it; export without --profile for Excel")
        }
    }

    var options: ExportOptions {
        ExportOptions(
            shape: format == .csv ? .wide : .long, values: labels ? .labels : .codes, language: language,
            includePII: includePII, selection: includePartial ? .all : .complete, profile: profile?.profile,
            includeFreeText: includeFreeText, overwrite: overwrite, delimiter: spreadsheet.delimiter.scalar, decimalComma: spreadsheet.decimalComma,
            kAnonymity: kAnonymity ?? ExportOptions.defaultKAnonymity, suppressLast: suppressLast)
    }

    func run() throws {
        try reportingRefusals(database: database.path) {
            let store = try database.open(.reading)
            let exporter = Exporter(store: store, samlaVersion: SamlaVersion.current)
            var options = self.options
            if let framework {
                options = try Self.applying(framework: framework, to: options, round: round, store: store)
            }
            do {
                let plan = try exporter.plan(round: round, options: options)
                let bar = ProgressBar.isPossible ? ProgressBar(total: try exporter.expectedResponses(plan), label: "exporting \(round)") : nil
                let summary = try exporter.export(plan, to: out, progress: bar.map { bar in { bar.update($0) } })
                bar?.finish()
                printDiagnostics(summary.warnings)
                // Only once exported: a refusal prints its refusal, not notes about an export it did not make.
                if framework == nil && profile != nil {
                    printLine("note: no cleaning rules applied; give --framework to export the cleaned set and its results")
                }
                let facts = summary.facts
                printLine("exported \(facts.responses) response\(facts.responses == 1 ? "" : "s") of round \(round) to \(out):")
                for path in summary.files { printLine("  \((path as NSString).lastPathComponent)") }
                if !plan.layout.options.writesSPSSSyntax {
                    printLine("note: no SPSS syntax file (responses.sps): it reads the wide file with codes; export without --format long and --labels for one")
                }
            } catch let error as ExportError {
                throw Refused(error.diagnostics(database: database.path))
            }
        }
    }
}

extension ExportCommand {
    /// `options` with the results and cleaning of the framework in file `path` for `round`.
    static func applying(framework path: String, to options: ExportOptions, round: String, store: SQLiteStore) throws -> ExportOptions {
        let framework = ExportFramework(framework: try ComputeCommand.loadFramework(path, store: store), source: path)
        do {
            return try framework.apply(to: options, round: round, store: store)
        } catch let error as AggregationError {
            throw Refused(error.diagnostics)
        }
    }
}

enum ExportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case csv
    case long
}

enum ExportProfileArgument: String, ExpressibleByArgument, CaseIterable {
    case euclid

    var profile: ExportProfile {
        switch self {
        case .euclid: .euclid
        }
    }
}
