import Aggregation
import ArgumentParser
import CSV
import Diagnostics
import Exports
import Expressions
import Foundation
import Frameworks
import Responses
import Store
import SurveyDefinition
import SyntheticResponses

/// `samla bench`: times each stage on generated ESEM responses in a fresh database.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time import, compute and export on generated ESEM responses.",
        discussion: """
        Generates --responses synthetic responses to surveys/esem-se.yaml, half in each of two rounds \
        (esem-se-2025 and esem-se-2027), checks and stores them in a fresh database, computes the \
        framework over both rounds, exports the first round as `samla export` does (wide CSV, codebook, \
        data package, provenance, into a temporary folder), and prints one line per stage: rows, seconds, rows per second and \
        the peak memory of the process so far (getrusage ru_maxrss).
        """
    )

    @Option(help: "How many responses in all (half per round).")
    var responses: Int = 100_000

    @Option(help: ArgumentHelp("The database to create; it must not exist. A temporary file when not given.", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("The framework to compute.", valueName: "file"))
    var framework: String = "frameworks/msi-toc.yaml"

    @Option(help: ArgumentHelp("The ESEM survey definition.", valueName: "file"))
    var survey: String = "surveys/esem-se.yaml"

    @Option(help: ArgumentHelp("Also write the generated responses as one wide CSV (round, response_id, then every variable) for the comparison scripts.", valueName: "file"))
    var csv: String?

    @Option(help: "The seed of the generator.")
    var seed: UInt64 = 2025

    @Option(help: "Also print the computed results: none, table or csv.")
    var results: ResultsOutput = .none

    static let rounds = ["esem-se-2025", "esem-se-2027"]

    func validate() throws {
        if responses < 2 { throw ValidationError("--responses must be at least 2 (half go to each round)") }
    }

    func run() throws {
        let path = db ?? NSTemporaryDirectory() + "samla-bench-\(ProcessInfo.processInfo.processIdentifier).sqlite"
        try reportingRefusals(database: path) {
            if FileManager.default.fileExists(atPath: path) {
                throw Refused([Diagnostic(.outputExists, at: .file(path), "the bench database exists already; give a new path or remove it")])
            }
            defer { if db == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
            let loaded = SurveyLoader.load(contentsOf: survey)
            guard let document = loaded.document else { throw Refused(loaded.diagnostics) }
            var options = StoreOptions()
            options.path = path
            let store = try options.open()
            var timings: [BenchTiming] = []

            let csvWriter = try csv.map { path throws -> CSVWriter in
                do { return try CSVWriter(path: path) } catch {
                    throw Refused([Diagnostic(.outputUnwritable, at: .file(path), "the CSV file cannot be written: \(error)")])
                }
            }
            if let csvWriter { try csvWriter.writeRecord(["round", "response_id"] + document.survey.variables.map(\.name)) }

            let imported = try BenchTiming.measure(stage: "generate, check and store") { () throws -> Int in
                var total = 0
                for (index, round) in Self.rounds.enumerated() {
                    let count = responses / 2 + (index == 0 ? responses % 2 : 0)
                    total += try Self.fill(round: round, count: count, document: document, store: store, seed: seed &+ UInt64(index), csv: csvWriter)
                }
                return total
            }
            try csvWriter?.close()
            timings.append(imported.timing)

            let computed = try BenchTiming.measure(stage: "compute \((framework as NSString).lastPathComponent)") { () throws -> (Int, ResultSet) in
                let loadedFramework = try ComputeCommand.loadFramework(framework, store: store)
                do {
                    let results = try Aggregator(framework: loadedFramework, store: store).compute(rounds: Self.rounds)
                    return (results.cleaning.reduce(0) { $0 + $1.read }, results)
                } catch let error as AggregationError {
                    throw Refused(error.diagnostics)
                }
            }
            timings.append(BenchTiming(stage: computed.timing.stage, rows: computed.value.0, seconds: computed.timing.seconds, peakBytes: computed.timing.peakBytes))
            timings.append(try Self.timeExport(round: Self.rounds[0], store: store))

            printLine(BenchTiming.table(timings))
            switch results {
            case .none: break
            case .table: printLine(ResultText.table(computed.value.1))
            case .csv: printLine(try ResultText.csv(computed.value.1))
            }
        }
    }

    /// Exports `round` as `samla export` does by default (wide CSV of complete responses with codebook,
    /// data package and provenance) into a temporary folder, removed afterwards.
    static func timeExport(round: String, store: SQLiteStore) throws -> BenchTiming {
        let folder = NSTemporaryDirectory() + "samla-bench-export-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let exported = try BenchTiming.measure(stage: "export \(round) (wide CSV, codebook, package)") { () throws -> Int in
            let exporter = Exporter(store: store, samlaVersion: SamlaVersion.current)
            do {
                return try exporter.export(try exporter.plan(round: round, options: ExportOptions()), to: folder).facts.responses
            } catch let error as ExportError {
                throw Refused(error.diagnostics(database: store.path))
            }
        }
        return exported.timing
    }

    /// Opens `round` and stores `count` generated responses, each checked as an import checks it.
    static func fill(round: String, count: Int, document: SurveyDocument, store: SQLiteStore, seed: UInt64, csv: CSVWriter?) throws -> Int {
        let today = CalendarDate(year: 2027, month: 12, day: 31)!
        try store.openRound(RoundRequest(
            name: round, document: document,
            opens: CalendarDate(year: 2025, month: 1, day: 1)!, closes: today, anonymous: true))
        let validator: ResponseValidator
        do { validator = try ResponseValidator(survey: document.survey, today: today) } catch {
            throw Refused(error.diagnostics)
        }
        var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: seed))
        var sheet = validator.makeSheet()
        var stored = 0
        try store.insertCompleteResponses(round: round, document: document, source: .import) { inserter in
            while stored < count {
                let info = generator.next(into: &sheet)
                validator.check(&sheet, mode: .complete)
                guard sheet.problems.isEmpty, info.isComplete else { continue }
                let id = try inserter.insert(sheet.values, info: ImportedResponseInfo(language: info.language, submittedAt: Timestamp(iso: info.submittedAt)))
                stored += 1
                if let csv {
                    try csv.write(round)
                    try csv.write(Int(id))
                    for value in sheet.values { try csv.write(text: Self.text(value)) }
                    try csv.endRecord()
                }
            }
        }
        return stored
    }

    /// A value as the import reads it: codes, numbers, `YYYY-MM-DD`, codes separated by spaces.
    static func text(_ value: AnswerValue?) -> String {
        switch value {
        case nil: ""
        case .text(let text)?, .choice(let text)?: text
        case .integer(let n)?: String(n)
        case .decimal(let d)?: DisplayRow.format(d, digits: 10)
        case .boolean(let b)?: b ? "1" : "0"
        case .date(let date)?: date.description
        case .choices(let codes)?: codes.joined(separator: " ")
        }
    }
}

enum ResultsOutput: String, ExpressibleByArgument, CaseIterable {
    case none
    case table
    case csv
}

/// One timed stage of `samla bench`.
struct BenchTiming {
    var stage: String
    var rows: Int
    var seconds: Double
    /// The process's peak resident memory after the stage, in bytes.
    var peakBytes: Int

    static func measure<T>(stage: String, _ body: () throws -> T) throws -> (timing: BenchTiming, value: T) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rows = (value as? Int) ?? 0
        return (BenchTiming(stage: stage, rows: rows, seconds: seconds, peakBytes: peakResidentBytes()), value)
    }

    /// ru_maxrss, which Linux gives in KiB.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Int(usage.ru_maxrss) * 1024
    }

    static func table(_ timings: [BenchTiming]) -> String {
        let header = ["stage", "rows", "seconds", "rows/s", "peak memory"]
        let lines = [header] + timings.map { t in
            [t.stage, String(t.rows), String(format: "%.2f", t.seconds),
             t.seconds > 0 ? String(Int((Double(t.rows) / t.seconds).rounded())) : "",
             String(format: "%.0f MiB", Double(t.peakBytes) / 1_048_576)]
        }
        var widths = header.map { _ in 0 }
        for line in lines { for (i, f) in line.enumerated() { widths[i] = max(widths[i], f.count) } }
        return lines.map { line in
            line.enumerated().map { i, f in
                let pad = String(repeating: " ", count: widths[i] - f.count)
                return i == 0 ? f + pad : pad + f
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
