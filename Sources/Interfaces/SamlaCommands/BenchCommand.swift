import Aggregation
import ArgumentParser
import CSV
import Diagnostics
import Exports
import Expressions
import Foundation
import Frameworks
import Intake
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
        (esem-se-2025 and esem-se-2027), as one CSV file per round in the import format (as `samla generate` \
        writes it); imports each file into a fresh database as `samla import` does (every cell checked); \
        computes the framework over both rounds as `samla compute` does; exports the first round as \
        `samla export` does (wide CSV, codebook, data package, SPSS syntax, provenance, into a temporary folder); and \
        prints one line per stage: rows, seconds, rows per second and the peak memory of the process so \
        far (getrusage ru_maxrss).
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

    @Option(help: ArgumentHelp("Also write the generated responses of both rounds as one CSV file: a round column, then the import columns (for scripts/bench/compute.sh; not timed).", valueName: "file"))
    var csv: String?

    @Option(help: "The seed of the generator (the second round uses seed + 1).")
    var seed: UInt64 = 2025

    @Option(help: "Also print the computed results: none, table or csv.")
    var results: ResultsOutput = .none

    static let rounds = ["esem-se-2025", "esem-se-2027"]
    /// What `today()` means while generating and importing.
    static let today = CalendarDate(year: 2027, month: 12, day: 31)!

    func validate() throws {
        if responses < 2 { throw ValidationError("--responses must be at least 2 (half go to each round)") }
    }

    func run() throws {
        let path = db ?? NSTemporaryDirectory() + "samla-bench-\(ProcessInfo.processInfo.processIdentifier).sqlite"
        try reportingRefusals(database: path) {
            if FileManager.default.fileExists(atPath: path) {
                throw Refused([Diagnostic(.outputExists, at: .file(path), "the bench database exists already; give a new path or remove it")])
            }
            // Checked before the timed stages, which the --csv file is written after.
            if let csv, let reason = UnwritableFolder.foreseenReason(writing: csv, option: "--csv") {
                throw Refused([Diagnostic(.outputWriteFailed, at: .file(csv), "cannot write the responses: \(reason)")])
            }
            // The bench's own database and folders are removed at the end, and by an interrupt (Ctrl-C).
            let databaseFiles = db == nil ? ["", "-wal", "-shm", "-journal"].map { path + $0 } : []
            TemporaryPaths.shared.register(databaseFiles)
            defer { TemporaryPaths.shared.remove(databaseFiles) }
            let folder = NSTemporaryDirectory() + "samla-bench-files-\(ProcessInfo.processInfo.processIdentifier)"
            TemporaryPaths.shared.remove([folder])
            TemporaryPaths.shared.register([folder])
            defer { TemporaryPaths.shared.remove([folder]) }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Refused([Diagnostic(.outputUnwritable, at: .file(folder), "the bench's working folder cannot be made: \(error.localizedDescription)")])
            }

            let loaded = SurveyLoader.load(contentsOf: survey)
            guard let document = loaded.document else { throw Refused(loaded.diagnostics) }
            let validator: ResponseValidator
            do throws(ResponseValidatorError) { validator = try ResponseValidator(survey: document.survey, today: Self.today) } catch {
                throw Refused(error.diagnostics)
            }
            let files = Self.rounds.map { folder + "/" + $0 + ".csv" }
            var timings: [BenchTiming] = []

            let generated = try BenchTiming.measure(stage: "generate CSV (samla generate)") { () throws -> Int in
                var total = 0
                for (index, file) in files.enumerated() {
                    let count = responses / 2 + (index == 0 ? responses % 2 : 0)
                    var generator = SyntheticResponseGenerator(validator: validator, options: GeneratorOptions(seed: seed &+ UInt64(index)))
                    try Self.writing(file) { writer in try SyntheticCSV.write(count: count, from: &generator, to: writer) }
                    total += count
                }
                return total
            }
            timings.append(generated.timing)
            if let csv { try Self.combine(files, rounds: Self.rounds, into: csv) }

            var options = StoreOptions()
            options.path = path
            let store = try options.open(.creating)
            for round in Self.rounds {
                try store.openRound(RoundRequest(
                    name: round, document: document,
                    opens: CalendarDate(year: 2025, month: 1, day: 1)!, closes: Self.today, anonymous: true))
            }
            let imported = try BenchTiming.measure(stage: "import (samla import)") { () throws -> Int in
                var total = 0
                let importer = ResponseImporter(store: store, database: path, options: ImportOptions(today: Self.today))
                for (round, file) in zip(Self.rounds, files) {
                    let result = importer.importFile(file, round: round)
                    if result.isRefused { throw Refused(result.diagnostics) }
                    total += result.imported
                }
                return total
            }
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
        // Made here, registered whole: the export's own registration of the folders it makes
        // would remove this one only while it is empty.
        TemporaryPaths.shared.register([folder])
        defer { TemporaryPaths.shared.remove([folder]) }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
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

    /// Writes a CSV file as `samla generate` does (texts as generated, no formula neutralisation).
    /// `option` names the path to the user (`--csv`); nil for a file of the bench's working folder.
    static func writing(_ path: String, option: String? = nil, _ body: (CSVWriter) throws -> Void) throws {
        do {
            let writer = try CSVWriter(path: path, options: CSVWriter.Options(neutralizesFormulas: false))
            try body(writer)
            try writer.close()
        } catch {
            let words = option.flatMap { option in (error as? CSVWriteError)?.reason(option: option) } ?? "\(error)"
            throw Refused([Diagnostic(.outputWriteFailed, at: .file(path), "cannot write the responses: \(words)")])
        }
    }

    /// One CSV of every round's file: `round`, then the files' columns (which are the same).
    static func combine(_ files: [String], rounds: [String], into path: String) throws {
        try writing(path, option: "--csv") { writer in
            for (index, (round, file)) in zip(rounds, files).enumerated() {
                let reader = try CSVReader(path: file)
                guard let header = try reader.readHeader() else { continue }
                if index == 0 { try writer.writeRecord(["round"] + header.names) }
                while let record = try reader.next() {
                    try writer.write(round)
                    for field in 0..<record.count {
                        try record.withUnsafeBytes(at: field) { (bytes) throws(CSVWriteError) in try writer.write(utf8: bytes) }
                    }
                    try writer.endRecord()
                }
            }
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
