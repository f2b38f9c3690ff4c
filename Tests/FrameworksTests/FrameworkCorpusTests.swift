import Diagnostics
import Foundation
import Frameworks
import SurveyDefinition
import Testing

/// Each broken framework in Fixtures/broken is the valid fixture with one mistake; each must be
/// refused with the expected code at the expected place.
struct FrameworkCorpusTests {
    static let expected: [String: (code: String, line: Int, column: Int)] = [
        "baseline-unknown-round": ("E313", 40, 23),
        "calibrate-and-poststratify": ("E336", 11, 7),
        "calibrate-bounds-not-around-one": ("E341", 14, 16),
        "calibrate-logit-without-bounds": ("E342", 13, 7),
        "calibrate-population-differs": ("E330", 12, 9),
        "calibrate-total-not-number": ("E337", 12, 23),
        "calibrate-total-of-text": ("E338", 12, 16),
        "calibrate-unknown-method": ("E340", 13, 15),
        "calibrate-unknown-variable": ("E311", 11, 16),
        "cleaning-rule-not-condition": ("E229", 13, 16),
        "completeness-out-of-range": ("E319", 11, 23),
        "cycle": ("E306", 22, 9),
        "disaggregate-by-multiple": ("E312", 39, 19),
        "disaggregate-by-number": ("E312", 39, 19),
        "disaggregate-by-unknown-reserved": ("E311", 39, 19),
        "duplicate-node-id": ("E303", 26, 9),
        "duplicate-round": ("E316", 6, 12),
        "framework-id-not-slug": ("E301", 1, 5),
        "indicator-unknown-node": ("E304", 31, 11),
        "link-listed-twice": ("E010", 28, 36),
        "link-skips-level": ("E305", 28, 22),
        "link-to-lower-level": ("E305", 20, 22),
        "mean-of-text": ("E229", 47, 13),
        "minutes-not-positive": ("E319", 12, 18),
        "missing-title-translation": ("E112", 52, 12),
        "node-id-not-identifier": ("E302", 22, 9),
        "node-misses-impact": ("E307", 26, 9),
        "numerator-not-condition": ("E229", 35, 17),
        "numerator-on-mean": ("E310", 48, 5),
        "p-percent-on-share": ("E310", 42, 5),
        "p-percent-out-of-range": ("E319", 49, 16),
        "poststratify-by-number": ("E312", 6, 95),
        "poststratify-count-not-positive": ("E326", 6, 132),
        "poststratify-unknown-code": ("E325", 6, 125),
        "poststratify-unknown-variable": ("E311", 6, 95),
        "poststratify-without-survey": ("E321", 7, 78),
        "rake-margin-by-number": ("E312", 12, 22),
        "rake-margin-totals-differ": ("E330", 12, 11),
        "rake-variable-twice": ("E332", 12, 22),
        "proportion-without-numerator": ("E008", 30, 5),
        "proportion-unit-percent-sign": ("E345", 37, 11),
        "reported-percent-out-of-range": ("E315", 54, 25),
        "reported-value-unknown-round": ("E313", 53, 14),
        "round-name-not-slug": ("E317", 7, 12),
        "round-of-other-survey": ("E314", 40, 23),
        "strata-without-weight": ("E318", 48, 13),
        "target-at-baseline-round": ("E322", 41, 15),
        "target-before-baseline": ("E322", 41, 15),
        "target-out-of-range": ("E315", 41, 26),
        "target-unknown-round": ("E313", 41, 15),
        "targets-without-direction": ("E320", 40, 14),
        "text-weight": ("E312", 48, 13),
        "threshold-zero": ("E319", 49, 15),
        "unknown-contributes-to": ("E304", 24, 22),
        "unknown-duplicate-key": ("E311", 9, 3),
        "unknown-indicator-key": ("E007", 37, 5),
        "unknown-kind": ("E309", 44, 11),
        "unknown-survey": ("E308", 45, 13),
        "unknown-variable-in-expression": ("E212", 35, 17),
        "unknown-weight": ("E311", 48, 13),
    ]

    @Test("every broken framework in the corpus has an expectation", .tags(.corpus))
    func corpusIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.broken.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Self.expected.keys))
        #expect(files.count >= 20)
    }

    @Test("each broken framework is refused with its code at its place", .tags(.corpus), arguments: expected.keys.sorted())
    func refused(_ name: String) throws {
        let path = Fixtures.broken.appendingPathComponent("\(name).yaml").path
        let result = FrameworkLoader.load(contentsOf: path, surveys: Fixtures.catalogue)
        let want = try #require(Self.expected[name])
        #expect(result.framework == nil, "\(name) was accepted")
        let found = result.diagnostics.contains { diagnostic in
            guard case .source(let location) = diagnostic.location else { return false }
            return diagnostic.code.id == want.code && location.line == want.line && location.column == want.column
        }
        #expect(found, "\(name): expected \(want.code) at \(want.line):\(want.column), got \(result.diagnostics.map(\.description))")
    }
}

extension Tag {
    @Tag static var corpus: Self
}

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let broken = folder.appendingPathComponent("broken")
    static let valid = folder.appendingPathComponent("valid.yaml")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let shop: Survey = {
        let result = SurveyLoader.load(contentsOf: folder.appendingPathComponent("surveys/shop.yaml").path)
        guard let survey = result.document?.survey else { fatalError("the shop fixture does not load: \(result.diagnostics)") }
        return survey
    }()

    static var catalogue: SurveyCatalogue { SurveyCatalogue([shop]) }

    /// The valid framework, its round shop-2025 weighted by `weighting` (the round's key and what
    /// is under it, at the round's indentation) from the register 2025, loaded from `path`.
    static func weighting2025(_ weighting: String, path: String) throws -> FrameworkLoadResult {
        let text = try String(contentsOf: valid, encoding: .utf8).replacingOccurrences(
            of: "  - {name: shop-2025, survey: shop, label: {sv: \"2025\", en: \"2025\"}}\n",
            with: """
              - name: shop-2025
                survey: shop
                label: {sv: "2025", en: "2025"}
            \(weighting)
                  source: {sv: "Registret 2025", en: "The register 2025"}

            """)
        return FrameworkLoader.load(text: text, path: path, surveys: catalogue)
    }
}
