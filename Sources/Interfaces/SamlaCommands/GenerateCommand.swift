import ArgumentParser
import CSV
import Diagnostics
import Foundation
import Responses
import SurveyDefinition
import SyntheticResponses

/// `samla generate SURVEY.yaml --rows N`: realistic synthetic responses as a CSV in the import format.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write realistic synthetic responses to a survey as a CSV file for `samla import`.",
        discussion: """
        Responses follow the survey's skip logic and constraints, drawn from the survey's profile \
        (esem-se, msi-forum, platform-inventory, samverkansforum) or generic values by type. The \
        same --seed gives the same file. --demo adds the kinds of responses that cleaning rules remove (duplicates, test and \
        ineligible responses). The file is UTF-8 with a byte order mark, as samla export writes, so \
        that Excel shows å, ä and ö; --delimiter ";" separates the fields with semicolons, which Excel \
        in a Swedish locale splits a double-clicked file at, and --decimal-comma writes decimals as 3,5, \
        which it reads as numbers (3.5 becomes text or a date there); samla import reads both.
        """
    )

    @Argument(help: "The survey definition (YAML).")
    var survey: String

    @Option(help: "How many responses.")
    var rows: Int = 1000

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "The output file (default: standard output).")
    var out: String?

    @OptionGroup var spreadsheet: SpreadsheetFormat

    @Flag(help: "Include duplicates, test and ineligible responses, as a demo of the cleaning rules.")
    var demo = false

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must be 0 or more") }
    }

    func run() throws {
        let loaded = SurveyLoader.load(contentsOf: survey)
        guard let document = loaded.document else {
            printDiagnostics(loaded.diagnostics)
            throw ExitCode(ExitStatus.refused)
        }
        let validator: ResponseValidator
        do {
            validator = try ResponseValidator(survey: document.survey)
        } catch {
            printDiagnostics(error.diagnostics)
            throw ExitCode(ExitStatus.refused)
        }
        if let out, let reason = UnwritableFolder.foreseenReason(writing: out, option: "--out") {
            printDiagnostics([Diagnostic(.outputWriteFailed, at: .file(out), "cannot write the responses: " + reason)])
            throw ExitCode(ExitStatus.refused)
        }
        let options = demo ? GeneratorOptions.demo(seed: seed) : GeneratorOptions(seed: seed)
        var generator = SyntheticResponseGenerator(validator: validator, options: options)
        let writerOptions = CSVWriter.Options(
            delimiter: spreadsheet.delimiter.scalar, neutralizesFormulas: false, writesByteOrderMark: true)
        func write(_ writer: CSVWriter) throws {
            try SyntheticCSV.write(count: rows, from: &generator, to: writer, decimalComma: spreadsheet.decimalComma)
            try writer.close()
        }
        do {
            if let out {
                // Written whole or not at all: a full disk leaves no half file under the name.
                do {
                    try OutputFile(path: out, permissions: 0o644).write { try write(CSVWriter(existingFile: $0, options: writerOptions)) }
                } catch var error as CSVWriteError {
                    error.destination = out
                    throw error
                }
            } else {
                try write(CSVWriter(fileHandle: .standardOutput, options: writerOptions))
            }
        } catch {
            let target = out ?? "standard output"
            if let out, (error as? CSVWriteError)?.isDiskFull == true || DiskFull.isReason(error) {
                printDiagnostics([Diagnostic(.outputDiskFull, at: .file(out), "cannot write the responses: " + DiskFull.reason(writing: out, option: "--out"))])
            } else {
                printDiagnostics([Diagnostic(.outputWriteFailed, at: .file(target), "cannot write the responses: " + reason(error, writing: out))])
            }
            throw ExitCode(ExitStatus.refused)
        }
    }

    /// Why the responses could not be written to `out` (nil: standard output), naming `--out`.
    private func reason(_ error: any Error, writing out: String?) -> String {
        if let error = error as? CSVWriteError { return error.reason(option: "--out") }
        guard let out else { return "\(error)" }
        return UnwritableFolder.reason(writing: out, option: "--out", system: "\(error)")
    }
}
