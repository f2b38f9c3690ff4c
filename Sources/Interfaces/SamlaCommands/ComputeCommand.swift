import Aggregation
import ArgumentParser
import CSV
import Diagnostics
import Foundation
import Frameworks
import Store
import SurveyDefinition

/// `samla compute --framework F`: the indicators of a framework over the rounds in the database.
struct ComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute a framework's indicators: estimates, intervals, suppression, targets and changes.",
        discussion: """
        Reads each survey round of the framework once, applies its cleaning rules, and prints one row per \
        indicator, round and group (the total and each category of each breakdown). Cells below the \
        suppression thresholds show no figures in any format. The cleaning log (how many responses each \
        rule removed) is printed under the table, included in JSON, and written in full with --cleaning-log. \
        A figure published without an interval says why: in words under the table, as a code in the \
        interval_note and change_note columns of CSV and JSON. \
        Notes on rounds and indicators without results follow the table, are in JSON, and go to standard \
        error with CSV, in the language of --lang. \
        Exit status: 0 computed, 1 refused (diagnostics printed), 2 usage error.
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The framework definition.", valueName: "file"))
    var framework: String

    @Option(name: .customLong("round"), help: ArgumentHelp("A round to compute (repeat for several); all declared rounds when none is given.", valueName: "name"))
    var rounds: [String] = []

    @Option(help: "table for people, csv or json for tools.")
    var format: ResultFormat = .table

    @Option(name: .customLong("lang"), help: ArgumentHelp("The language of labels, statuses, notes and the table's numbers; the framework's first language by default.", valueName: "code"))
    var language: String?

    @Option(name: .customLong("cleaning-log"), help: ArgumentHelp("Also write the full cleaning log (round, rule, response id) as CSV here.", valueName: "file"))
    var cleaningLog: String?

    init() {}

    func run() throws {
        try reportingRefusals(database: store.path) {
            let opened = try store.open(.reading)
            let loadedFramework = try Self.loadFramework(framework, store: opened)
            if let language, !loadedFramework.languages.contains(language) {
                let available = loadedFramework.languages
                throw Refused([Diagnostic(.computeLanguageUnknown, at: .field("--lang"), "the framework is written in \(available.joined(separator: " and ")), "
                    + "not '\(language)'\(Suggestions.didYouMean(language, in: available)); choose one of those")])
            }
            let results: ResultSet
            do {
                results = try Aggregator(framework: loadedFramework, store: opened, language: language)
                    .compute(rounds: rounds.isEmpty ? nil : rounds)
            } catch let error as AggregationError {
                throw Refused(error.diagnostics)
            }
            printDiagnostics(results.warnings)
            let text: String = switch format {
            case .table: ResultText.table(results)
            case .csv: try ResultText.csv(results)
            case .json: try ResultText.json(results)
            }
            StandardOutput.write(text)
            // The table and JSON carry the notes; CSV has no place for them, so they go to the person.
            if format == .csv, !results.notes.isEmpty {
                StandardOutput.writeError(ResultText.noteLines(results).map { $0 + "\n" }.joined())
            }
            if let cleaningLog {
                try TextFileOutput.write(ResultText.cleaningCSV(results), to: cleaningLog, option: "--cleaning-log", what: "the cleaning log")
            }
        }
    }

    /// Loads the framework, checking it against the definitions the database pins its rounds to
    /// (the latest stored version of each survey, with what its earlier versions asked and it no
    /// longer does), else against definition files beside it.
    static func loadFramework(_ path: String, store: SQLiteStore) throws -> Framework {
        let found = try FrameworkSurveys.catalogue(ids: FrameworkLoader.surveyIDs(contentsOf: path), store: store, framework: path)
        let catalogue = found.catalogue, storedVersions = found.storedVersions
        let result = FrameworkLoader.load(contentsOf: path, surveys: catalogue)
        guard let framework = result.framework else {
            throw Refused(notingUnopenedVersions(result.diagnostics, origins: catalogue.origins, storedVersions: storedVersions, framework: path))
        }
        if !result.diagnostics.isEmpty { printDiagnostics(result.diagnostics) }
        return framework
    }

    /// Problems found against a stored definition, each told when the survey's file beside the
    /// framework is a version the database does not hold (`samla validate` passed against that
    /// file): it takes effect only once a round is opened with it.
    static func notingUnopenedVersions(
        _ diagnostics: [Diagnostic], origins: [String: String], storedVersions: [String: [String]], framework path: String
    ) -> [Diagnostic] {
        let ids = origins.keys.sorted()
        let files = SurveyCatalogue.discover(ids: ids, folders: SurveyCatalogue.defaultFolders(forFramework: path))
        var notes: [String: String] = [:]
        for id in ids {
            guard let file = files.surveys[id], !(storedVersions[id] ?? []).contains(file.version) else { continue }
            notes[origins[id]!] = "; the definition file of \(id) beside the framework is version \(file.version), which no round in the database has: "
                + "open or re-open a round with it first (samla round open SURVEY.yaml --name ROUND)"
        }
        guard !notes.isEmpty else { return diagnostics }
        return diagnostics.map { diagnostic in
            var noted = diagnostic
            for (origin, note) in notes where diagnostic.message.hasSuffix("(checked against \(origin))") { noted.message += note }
            return noted
        }
    }
}

enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json
}
