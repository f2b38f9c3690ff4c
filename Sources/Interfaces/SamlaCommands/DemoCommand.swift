import Aggregation
import ArgumentParser
import Diagnostics
import Exports
import Expressions
import Foundation
import Frameworks
import Intake
import Reports
import Responses
import Store
import SurveyDefinition
import SyntheticResponses

/// `samla demo`: the whole path on the shipped definitions and generated responses, in a fresh
/// database under `.samla/demo/`.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole path on generated data: rounds, responses, indicators, both reports and the Euclid package.",
        discussion: """
        Run from the repository's folder (it reads surveys/, frameworks/msi-toc.yaml and reports/). \
        Creates a fresh database in --folder (default .samla/demo, git-ignored), opens two ESEM rounds \
        (esem-se-2025, esem-se-2027) and a forum round (forum-2025), stores generated responses \
        (including test responses, duplicates, ineligible and unfinished ones, which the cleaning rules \
        remove), computes msi-toc, writes both reports and the Euclid data package for esem-se-2025, \
        and prints each file. The same --seed gives the same data. Exit status: 0 done, 1 a step failed.
        """
    )

    @Option(help: ArgumentHelp("The folder to write into; its earlier demo files are replaced.", valueName: "dir"))
    var folder: String = ".samla/demo"

    @Option(help: "The seed of the generated responses.")
    var seed: UInt64 = 2025

    init() {}

    /// A round the demo opens: its survey, dates, and how many responses to generate.
    struct DemoRound {
        let name: String
        let survey: String
        let opens: CalendarDate
        let closes: CalendarDate
        let responses: Int
        /// Include the kinds of responses the cleaning rules remove.
        let withCleaningCases: Bool
    }

    static let rounds = [
        DemoRound(name: "esem-se-2025", survey: "surveys/esem-se.yaml", opens: CalendarDate(year: 2025, month: 10, day: 1)!,
                  closes: CalendarDate(year: 2026, month: 1, day: 31)!, responses: 320, withCleaningCases: true),
        DemoRound(name: "forum-2025", survey: "surveys/msi-forum.yaml", opens: CalendarDate(year: 2025, month: 2, day: 1)!,
                  closes: CalendarDate(year: 2025, month: 12, day: 15)!, responses: 260, withCleaningCases: false),
        DemoRound(name: "esem-se-2027", survey: "surveys/esem-se.yaml", opens: CalendarDate(year: 2027, month: 10, day: 1)!,
                  closes: CalendarDate(year: 2028, month: 1, day: 31)!, responses: 380, withCleaningCases: true),
    ]
    static let framework = "frameworks/msi-toc.yaml"
    static let reports = ["reports/msi-impact.yaml", "reports/esem-se-topline.yaml"]
    static let exportRound = "esem-se-2025"

    func run() throws {
        let started = DispatchTime.now().uptimeNanoseconds
        let database = (folder as NSString).appendingPathComponent("samla.sqlite")
        try reportingRefusals(database: database) {
            for required in Self.rounds.map(\.survey) + [Self.framework] + Self.reports where !FileManager.default.fileExists(atPath: required) {
                throw Refused([Diagnostic(.fileUnreadable, at: .file(required),
                                          "the demo reads the shipped definitions; run it from the repository's folder (where \(required) is)")])
            }
            if let reason = UnwritableFolder.foreseenReason(writing: database, option: "--folder", makesFolders: true) {
                throw Refused([Diagnostic(.outputUnwritable, at: .file(folder), "the demo's files cannot be written here: " + reason)])
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            var options = StoreOptions()
            options.path = database
            let store = try options.open(.creating)
            printLine("database: \(database) (new)")

            let today = CalendarDate.today()
            for (index, round) in Self.rounds.enumerated() {
                let stored = try Self.fill(round, store: store, seed: seed &+ UInt64(index))
                printLine("  round \(round.name): \(stored.complete) complete and \(stored.partial) unfinished responses" + Self.futureNote(round, today: today))
            }

            let framework = try ComputeCommand.loadFramework(Self.framework, store: store)
            let results: ResultSet
            do {
                results = try Aggregator(framework: framework, store: store).compute()
            } catch let error as AggregationError {
                throw Refused(error.diagnostics)
            }
            let resultsPath = (folder as NSString).appendingPathComponent("msi-toc-results.csv")
            try TextFileOutput.write(ResultText.csv(results), to: resultsPath, option: "--folder", what: "the results")
            for log in results.cleaning {
                let removed = log.entries.map { "\($0.rule.rawValue) \($0.count)" }.joined(separator: ", ")
                printLine("  cleaning \(log.round): \(log.read) read, removed \(removed.isEmpty ? "none" : removed), \(log.kept) kept")
            }

            var written: [String] = [resultsPath]
            for report in Self.reports {
                let name = ((report as NSString).lastPathComponent as NSString).deletingPathExtension + ".html"
                let path = (folder as NSString).appendingPathComponent(name)
                written.append(try ReportCommand.write(report: report, store: store, out: path, option: "--folder", language: nil).path)
            }

            let exportFolder = (folder as NSString).appendingPathComponent("euclid-\(Self.exportRound)")
            let exportOptions = try ExportCommand.applying(
                framework: Self.framework, to: ExportOptions(profile: .euclid, overwrite: true), round: Self.exportRound, store: store)
            let exporter = Exporter(store: store, samlaVersion: SamlaVersion.current)
            do {
                let summary = try exporter.export(try exporter.plan(round: Self.exportRound, options: exportOptions), to: exportFolder)
                printDiagnostics(summary.warnings)
            } catch let error as ExportError {
                throw Refused(error.diagnostics(database: database))
            }
            written.append(exportFolder + "/")

            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            printLine("wrote (in \(String(format: "%.1f", seconds)) s):")
            for path in written { printLine("  \(path)") }
            printLine("open \(written[1]) and \(written[2]) in a web browser, e.g. \(URL(fileURLWithPath: written[1]).absoluteString)")
        }
    }

    /// What the round line adds for a round that has not opened yet: the demo fills it as if it had
    /// run, so that the framework's change between rounds and its targets have figures, and
    /// `samla round list` will call it scheduled.
    static func futureNote(_ round: DemoRound, today: CalendarDate) -> String {
        guard today < round.opens else { return "" }
        return " (a future round, opening \(round.opens): generated as if it had run, to show the change between rounds and the targets)"
    }

    /// Opens `round` and stores generated responses: complete ones checked as an import checks
    /// them, and unfinished ones saved as partial web responses.
    static func fill(_ round: DemoRound, store: SQLiteStore, seed: UInt64) throws -> (complete: Int, partial: Int) {
        let loaded = SurveyLoader.load(contentsOf: round.survey)
        guard let document = loaded.document else { throw Refused(loaded.diagnostics) }
        _ = try store.openRound(RoundRequest(name: round.name, document: document, opens: round.opens, closes: round.closes, anonymous: true))
        let validator: ResponseValidator
        do { validator = try ResponseValidator(survey: document.survey, today: round.closes) } catch {
            throw Refused(error.diagnostics)
        }
        let period = round.opens...round.closes
        var options = round.withCleaningCases ? GeneratorOptions.demo(seed: seed) : GeneratorOptions(seed: seed)
        options.period = period
        var generator = SyntheticResponseGenerator(validator: validator, options: options)
        var sheet = validator.makeSheet()
        var unfinished: [(values: [AnswerValue?], language: String, page: Int?, begun: Timestamp?)] = []
        var complete = 0
        try store.insertCompleteResponses(round: round.name, document: document, source: .import) { inserter in
            while complete + unfinished.count < round.responses {
                let info = generator.next(into: &sheet)
                guard info.isComplete else {
                    unfinished.append((sheet.values, info.language, info.lastPage, Timestamp(iso: info.submittedAt)))
                    continue
                }
                validator.check(&sheet, mode: .complete)
                guard sheet.problems.isEmpty else { continue }
                try inserter.insert(sheet.values, info: ImportedResponseInfo(language: info.language, submittedAt: Timestamp(iso: info.submittedAt)))
                complete += 1
            }
        }
        let variables = validator.variables
        // Begun on a day of the round, as the generator dates it, not when the demo runs (the admin
        // pages charted them on that day, months after the round): the store stamps a web response
        // with its clock's time, here the response's own.
        let begun = Locked(Date())
        let webStore = try SQLiteStore(path: store.path, clock: { begun.withLock { $0 } })
        for response in unfinished {
            if let time = response.begun { begun.withLock { $0 = time.date } }
            let record = try webStore.createResponse(NewResponse(round: round.name, language: response.language, source: .web), today: round.opens)
            var answers: [String: AnswerValue?] = [:]
            // Calculations too, as the web form saves them with every page.
            for (index, value) in response.values.enumerated() where value != nil {
                answers[variables[index].name] = value
            }
            let page = response.page.map { document.survey.pages[min($0, document.survey.pages.count - 1)].id }
            try webStore.saveAnswers(answers, response: record.id, currentPage: page)
        }
        return (complete, unfinished.count)
    }
}
