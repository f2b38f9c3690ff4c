// Fuzz target: any text as a report definition (docs/report-format.md), loaded and rendered to
// HTML over a fixed store made once per process. Its framework is one of those scripts/fuzz/run.sh
// writes to scripts/output/fuzz/reports/frameworks/, beside the report (`framework: msi-toc.yaml`):
// the shipped ones, the report tests' club framework and variants of it and of the compute
// target's shop framework (weighted, post-stratified, raked, refused). The store holds the shop
// rounds (scripts/fuzz/stores/ShopRounds.swift) and generated responses to the shipped surveys and
// the club survey, by web form, API and import, with unfinished ones and the cases the cleaning
// rules remove; platforms-2025 is opened without responses, and esem-se-2022 is never opened.
// A report must render or be refused with diagnostics: anything else stops the process.
import Diagnostics
import Expressions
import Foundation
import Frameworks
import FuzzStores
import Reports
import Store
import SurveyDefinition
import YAMLReading

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let frameworkFolder = repository.appendingPathComponent("scripts/output/fuzz/reports/frameworks")
/// Where the report is taken to be, so that `framework: NAME.yaml` names a framework of the folder.
private let reportPath = frameworkFolder.appendingPathComponent("report.yaml").path
private let today = CalendarDate(year: 2026, month: 3, day: 2)!

private func survey(_ path: String) -> SurveyDocument {
    let loaded = SurveyLoader.load(contentsOf: repository.appendingPathComponent(path).path)
    guard let document = loaded.document else { fatalError("\(path) does not load: \(loaded.diagnostics)") }
    return document
}

private let documents: [String: SurveyDocument] = [
    "esem-se": survey("surveys/esem-se.yaml"), "msi-forum": survey("surveys/msi-forum.yaml"),
    "platform-inventory": survey("surveys/platform-inventory.yaml"), "samverkansforum": survey("surveys/samverkansforum.yaml"),
    "club": survey("Tests/ReportsTests/Fixtures/club.yaml"), "shop": ShopRounds.document,
]

private let store: SQLiteStore = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-reports-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    do {
        let writer = ResponseWriter(path: path)
        try ShopRounds.fill(writer)
        let rounds: [(round: String, survey: String, count: Int)] = [
            ("esem-se-2025", "esem-se", 40), ("esem-se-2027", "esem-se", 8), ("forum-2025", "msi-forum", 25),
            ("samverkansforum-2026", "samverkansforum", 20), ("club-2024", "club", 20), ("club-2025", "club", 30),
        ]
        for (index, round) in rounds.enumerated() {
            try writer.generated(round.round, documents[round.survey]!, count: round.count, seed: UInt64(index + 1))
        }
        try writer.open("platforms-2025", documents["platform-inventory"]!)
        return try SQLiteStore(path: path)
    } catch {
        fatalError("the fuzz store cannot be made: \(error)")
    }
}()

/// Every framework of the folder by its path, loaded against the store's surveys.
private let frameworks: [String: Framework] = {
    let surveys = SurveyCatalogue(documents.values.map(\.survey))
    let names = (try? FileManager.default.contentsOfDirectory(atPath: frameworkFolder.path)) ?? []
    var loaded: [String: Framework] = [:]
    for name in names where name.hasSuffix(".yaml") && name != "report.yaml" {
        let path = frameworkFolder.appendingPathComponent(name).standardizedFileURL.path
        let result = FrameworkLoader.load(contentsOf: path, surveys: surveys)
        guard let framework = result.framework else {
            // Written to be refused (a seed of the compute target), so no report can be over it.
            if name.hasSuffix("-invalid.yaml") { continue }
            fatalError("\(path) does not load: \(result.diagnostics)")
        }
        loaded[path] = framework
    }
    guard !loaded.isEmpty else { fatalError("no frameworks in \(frameworkFolder.path): scripts/fuzz/run.sh SECONDS reports writes them") }
    return loaded
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = store
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let document = YAMLDocument.parse(text: text, path: reportPath).document else {
        tell("not YAML")
        return 0
    }
    let loaded = ReportLoader.load(document) { path in
        guard let framework = frameworks[URL(fileURLWithPath: path).standardizedFileURL.path] else {
            return FrameworkLoadResult(framework: nil, diagnostics: [Diagnostic(.fileUnreadable, at: .file(path), "not a framework of the fuzz target")])
        }
        return FrameworkLoadResult(framework: framework, diagnostics: [])
    }
    guard let definition = loaded.definition, let framework = loaded.framework else {
        precondition(loaded.hasErrors, "a report refused without an error: \(loaded.diagnostics)")
        tell("refused: \(loaded.errors[0])")
        return 0
    }
    do {
        let rendered = try ReportGenerator(definition: definition, framework: framework, store: store, today: today, samlaVersion: "fuzz").render()
        precondition(rendered.html.hasPrefix("<!DOCTYPE html>"), "not a page: \(rendered.html.prefix(80))")
        tell("rendered \(definition.id) over \(framework.id): \(rendered.html.utf8.count) bytes")
    } catch let error as ReportError {
        precondition(error.diagnostics.contains(where: \.isError), "a rendering refused without an error: \(error.diagnostics)")
        tell("not rendered: \(error.diagnostics.first { $0.isError }!)")
    } catch {
        fatalError("the rendering failed with \(error), not a refusal with diagnostics")
    }
    return 0
}

/// With SAMLA_FUZZ_VERBOSE=1, what became of each input (to see which seeds reach the renderer).
private let verbose = ProcessInfo.processInfo.environment["SAMLA_FUZZ_VERBOSE"] == "1"

private func tell(_ outcome: @autoclosure () -> String) {
    if verbose { FileHandle.standardError.write(Data((outcome().prefix(300) + "\n").utf8)) }
}
