import Foundation
import Testing

/// A CSV file under `Golden/`, written by `Golden/make-golden.R` (no quoting, "NA" for undefined values).
struct GoldenTable: Sendable {
    let header: [String]
    let rows: [[String: String]]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    init(_ name: String) {
        let url = Self.folder.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("cannot read golden file \(url.path); re-run Golden/make-golden.R")
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") }
        header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rows = lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            precondition(fields.count == lines[0].split(separator: ",", omittingEmptySubsequences: false).count, "ragged row in \(name): \(line)")
            return Dictionary(uniqueKeysWithValues: zip(lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init), fields))
        }
    }

    func column(_ name: String) -> [String] { rows.map { $0[name]! } }

    func numbers(_ name: String) -> [Double] { column(name).map { Double($0)! } }
}

extension Dictionary where Key == String, Value == String {
    /// The field as a number; nil for R's "NA" or an empty field.
    func number(_ key: String) -> Double? {
        guard let text = self[key], text != "NA", !text.isEmpty else { return nil }
        return Double(text)!
    }
}

/// |actual − expected| ≤ 1e-9 · |expected|, or ≤ 1e-12 for values near 0; both nil also agree.
func expectClose(
    _ actual: Double?, _ expected: Double?, relative: Double = 1e-9, absolute: Double = 1e-12,
    _ label: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
) {
    switch (actual, expected) {
    case (nil, nil):
        return
    case (let actual?, let expected?):
        let tolerance = max(relative * abs(expected), absolute)
        #expect(
            abs(actual - expected) <= tolerance,
            "\(label()): got \(actual), R gives \(expected) (difference \(abs(actual - expected)))",
            sourceLocation: sourceLocation)
    default:
        Issue.record("\(label()): got \(String(describing: actual)), R gives \(String(describing: expected))", sourceLocation: sourceLocation)
    }
}
