// Fuzz target: any text as a framework over the shop survey (Tests/AggregationTests/Fixtures),
// computed over a fixed store made once per process: two rounds, shop-2024 and shop-2025, whose
// responses came in by the web form (taking from under a minute to an hour), the API and an
// import, with varied answers, weights (some empty, zero or huge) and a calculated text `area`
// (scripts/fuzz/stores/ShopRounds.swift), so that post-stratification, raking and calibration
// (`calibrate`: a population's size, counts and numeric totals, over numbers some responses leave
// empty) all have something to weight; the results are then written out as rows, notes and
// cleaning log.
import Aggregation
import Foundation
import Frameworks
import FuzzStores
import Store
import SurveyDefinition

private let store: SQLiteStore = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-compute-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    do {
        try ShopRounds.fill(ResponseWriter(path: path))
        return try SQLiteStore(path: path)
    } catch {
        fatalError("the fuzz store cannot be made: \(error)")
    }
}()

private let surveys = SurveyCatalogue([ShopRounds.document.survey])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let framework = FrameworkLoader.load(text: text, path: "fuzz.yaml", surveys: surveys).framework,
          let results = try? Aggregator(framework: framework, store: store, language: "en", today: ResponseWriter.today).compute()
    else { return 0 }
    // The results as they are written out: rows, notes and the cleaning log in both languages.
    _ = results.displayRows()
    _ = results.displayRows(precision: .shown, decimalMark: ",")
    for language in ["sv", "en"] {
        _ = results.notes.map { $0.text(language) }
        _ = results.cleaning.flatMap(\.entries).map { ($0.description(language), $0.untimedNote(language)) }
    }
    return 0
}
