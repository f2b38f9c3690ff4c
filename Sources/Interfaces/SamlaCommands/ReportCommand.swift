import ArgumentParser
import Diagnostics
import Foundation
import Frameworks
import Reports
import Store

/// `samla report REPORT.yaml`: one self-contained HTML file from a report definition.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report from a report definition (reports/*.yaml).",
        discussion: """
        Computes the report's framework over its rounds in the database and writes one HTML file with \
        inline CSS and SVG charts: no script, no fonts or images fetched, readable on paper. The file \
        goes where the definition's `output` says (default: output/ID.html beside the definition), or \
        to --out. docs/report-format.md describes the definition. \
        Exit status: 0 written, 1 refused (diagnostics printed), 2 usage error.
        """
    )

    @Argument(help: ArgumentHelp("The report definition.", valueName: "report.yaml"))
    var report: String

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Write the HTML here instead of the definition's output.", valueName: "file.html"))
    var out: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp("Write the report in this language (sv or en) instead of the definition's.", valueName: "code"))
    var language: String?

    init() {}

    func validate() throws {
        if let language, !["sv", "en"].contains(language) {
            throw ValidationError("--lang \(language): reports are written in sv or en")
        }
        if let out, !out.lowercased().hasSuffix(".html") {
            throw ValidationError("--out \(out): a report is one HTML file; give a path ending in .html, e.g. output/report.html")
        }
    }

    func run() throws {
        try reportingRefusals(database: store.path) {
            let opened = try store.open(.reading)
            let written = try Self.write(report: report, store: opened, out: out, language: language)
            printLine("wrote \(written.path) (\(Self.size(written.bytes)))")
            printLine("open it in a web browser: \(URL(fileURLWithPath: written.path).absoluteString)")
        }
    }

    /// Loads, checks and writes one report; the framework is checked against the definitions the
    /// database pins its rounds to.
    static func write(report: String, store: SQLiteStore, out: String?, option: String = "--out", language: String?) throws -> (path: String, bytes: Int) {
        let loaded = ReportLoader.load(contentsOf: report) { path in
            do {
                return FrameworkLoadResult(framework: try ComputeCommand.loadFramework(path, store: store), diagnostics: [])
            } catch let refused as Refused {
                return FrameworkLoadResult(framework: nil, diagnostics: refused.diagnostics)
            } catch {
                return FrameworkLoadResult(framework: nil, diagnostics: [Diagnostic(.unusableDatabase, at: .file(store.path), "the database failed: \(StoreError.words(for: error))")])
            }
        }
        guard var definition = loaded.definition, let framework = loaded.framework else { throw Refused(loaded.diagnostics) }
        printDiagnostics(loaded.diagnostics)
        if let language {
            guard framework.languages.contains(language) else {
                throw ValidationError("--lang \(language): the framework \(framework.id) is written in \(framework.languages.joined(separator: " and "))")
            }
            definition.language = language
        }
        let path = out ?? definition.outputPath
        do {
            let rendered = try ReportGenerator(definition: definition, framework: framework, store: store, samlaVersion: SamlaVersion.current)
                .write(to: path, option: option)
            printDiagnostics(rendered.warnings)
            return (path, rendered.html.utf8.count)
        } catch let error as ReportError {
            throw Refused(error.diagnostics)
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1024 * 1024 ? String(format: "%.0f KB", Double(bytes) / 1024) : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
