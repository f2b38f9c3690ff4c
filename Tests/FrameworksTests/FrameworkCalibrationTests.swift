import Diagnostics
import Foundation
import Frameworks
import Testing

/// A round's `calibrate`: calibration (linear, raking or logit) to the population's size, categorical counts and
/// numeric totals, read and checked against the shop survey (the corpus has one broken file per code).
struct FrameworkCalibrationTests {
    /// The valid fixture with round shop-2025 calibrated by `body` (its keys at any one indentation).
    static func calibrated(_ body: String) throws -> FrameworkLoadResult {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        let keys = lines.map { "      " + $0.dropFirst(indent) }.joined(separator: "\n")
        return try Fixtures.weighting2025("    calibrate:\n" + keys, path: "calibrated.yaml")
    }

    @Test func calibrateReadsCountsAndTotalsIntoTheRound() throws {
        let result = try Self.calibrated("""
                  counts:
                    region: {north: 2500, south: 3900}
                    consent: {"yes": 4000, "no": 2400}
                  totals: {spend: 23000.5, score: -12}
        """)
        // spend and score are not required: a response can leave them empty (W304).
        #expect(result.diagnostics.map(\.code.id) == ["W304", "W304"], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.message.hasPrefix("`calibrate` of round shop-2025 (total of spend): spend is not required, so a response can leave it empty") == true, "\(result.diagnostics)")
        let rule = try #require(result.framework?.round("shop-2025")?.poststratify)
        #expect(rule.key == "calibrate" && rule.method == "calibration" && !rule.isRaking)
        #expect(rule.margins.map(\.variable.value) == ["region", "consent"])
        #expect(rule.margins.map(\.countByCode) == [["north": 2500, "south": 3900], ["yes": 4000, "no": 2400]])
        let calibration = try #require(rule.calibration)
        #expect(calibration.population == 6400)
        #expect(calibration.totals.map(\.variable.value) == ["spend", "score"])
        #expect(calibration.totals.map(\.total) == [23000.5, -12])
        #expect(rule.source?.resolved("en", fallbacks: []) == "The register 2025")
    }

    @Test func totalsAloneNeedThePopulation() throws {
        let given = try Self.calibrated("""
                  population: 6400
                  totals: {spend: 23000}
        """)
        #expect(given.framework?.round("shop-2025")?.poststratify?.calibration?.population == 6400, "\(given.diagnostics)")
        #expect(given.framework?.round("shop-2025")?.poststratify?.margins.isEmpty == true)
        let missing = try Self.calibrated("""
                  totals: {spend: 23000}
        """)
        #expect(missing.errors.map(\.code.id) == ["E008"], "\(missing.diagnostics)")
        let zero = try Self.calibrated("""
                  population: 0
                  totals: {spend: 23000}
        """)
        #expect(zero.errors.map(\.code.id) == ["E326"], "\(zero.diagnostics)")
        #expect(zero.errors.first?.message.hasPrefix("`population` of `calibrate` of round shop-2025 is '0', not a number above 0") == true)
    }

    /// Counts no register holds, whose sums would overflow (1e308 + 1e308 is infinite), are refused
    /// where they are written rather than met as infinite weights when computing.
    @Test func countsBeyondAnyRegisterAreRefused() throws {
        let huge = try Self.calibrated("""
                  population: 2e308
                  counts:
                    region: {north: 1e308, south: 1000000000001}
        """)
        #expect(huge.errors.map(\.code.id) == ["E326", "E326", "E326"], "\(huge.diagnostics)")
        #expect(huge.errors.contains { $0.message.hasPrefix("the population count of north in `calibrate` of round shop-2025 (counts of region) is '1e308', more units than any register counts (at most 1000000000000;") })
        #expect(huge.errors.contains { $0.message.contains("is '1000000000001', more units than any register counts") })
        #expect(huge.errors.contains { $0.message.hasPrefix("`population` of `calibrate` of round shop-2025 is '2e308', not a number above 0") }, "2e308 is no finite number")
        let largest = try Self.calibrated("""
                  counts:
                    region: {north: 400000000000, south: 600000000000}
        """)
        #expect(largest.errors.isEmpty, "\(largest.diagnostics)")
    }

    @Test func countsAreCheckedAsRakingMarginsAre() throws {
        let result = try Self.calibrated("""
                  counts:
                    region: {north: 6400}
                    consent: {"yes": 4000, "maybe": 2400}
                    score: {"1": 6400}
                  totals: {spend: 23000}
        """)
        #expect(result.diagnostics.map(\.code.id).sorted() == ["E312", "E325", "W303", "W303", "W304"], "\(result.diagnostics)")
        #expect(result.diagnostics.contains { $0.message.hasPrefix("`calibrate` of round shop-2025 (counts of consent) has a population count for maybe") })
        #expect(result.diagnostics.contains { $0.message.contains("is by score, which holds whole numbers; calibrate to the counts of a select_one") && $0.message.hasSuffix("(a number is calibrated to its total: list it under `totals`)") })
    }

    @Test func countsAndPopulationDescribeOnePopulation() throws {
        let result = try Self.calibrated("""
                  counts:
                    region: {north: 2500, south: 3900}
                    consent: {"yes": 4000, "no": 2350}
        """)
        #expect(result.diagnostics.map(\.code.id) == ["E330"], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.message.hasPrefix("the counts of consent in `calibrate` of round shop-2025 add up to 6350, but those of region to 6400; calibration weights to one population") == true)
        let population = try Self.calibrated("""
                  population: 6500
                  counts:
                    region: {north: 2500, south: 3900}
        """)
        #expect(population.diagnostics.map(\.code.id) == ["E330"], "\(population.diagnostics)")
        #expect(population.diagnostics.first?.message.contains("add up to 6400, but `population` is 6500") == true)
    }

    @Test func aVariableIsCountedOrTotalledNotBoth() throws {
        let result = try Self.calibrated("""
                  counts:
                    region: {north: 2500, south: 3900}
                  totals: {region: 23000}
        """)
        #expect(result.errors.map(\.code.id).sorted() == ["E332", "E338"], "\(result.diagnostics)")
        #expect(result.errors.contains { $0.message.contains("has counts of region (line 11) and a total of it") })
        #expect(result.errors.contains { $0.message.hasSuffix("(a select_one is calibrated to its codes' counts: list them under `counts`)") })
    }

    @Test func aTotalIsAFiniteNumber() throws {
        for written in ["\"23000\"", "many", ".nan", "[1, 2]"] {
            let result = try Self.calibrated("""
                      counts:
                        region: {north: 2500, south: 3900}
                      totals: {spend: \(written)}
            """)
            #expect(result.errors.map(\.code.id) == ["E337"], "\(written): \(result.diagnostics)")
        }
    }

    @Test func aRoundIsWeightedOnce() throws {
        let text = try String(contentsOf: Fixtures.broken.appendingPathComponent("calibrate-and-poststratify.yaml"), encoding: .utf8)
        let result = FrameworkLoader.load(text: text, path: "both.yaml", surveys: Fixtures.catalogue)
        #expect(result.errors.map(\.code.id) == ["E336"], "\(result.diagnostics)")
        #expect(result.errors.first?.message.hasPrefix("round shop-2025 has both `poststratify` (line 9) and `calibrate`; a round is weighted once") == true)
    }

    @Test func calibrateNeedsASurvey() throws {
        let text = try String(contentsOf: Fixtures.valid, encoding: .utf8).replacingOccurrences(
            of: "  - {name: year-2025, label: {sv: \"År 2025\", en: \"Year 2025\"}}",
            with: "  - {name: year-2025, label: {sv: \"År 2025\", en: \"Year 2025\"}, calibrate: {population: 10}}")
        let result = FrameworkLoader.load(text: text, path: "f.yaml", surveys: Fixtures.catalogue)
        #expect(result.errors.map(\.code.id) == ["E321"], "\(result.diagnostics)")
        #expect(result.errors.first?.message.contains("has `calibrate` but no survey") == true)
    }

    @Test func methodAndBoundsAreRead() throws {
        let plain = try Self.calibrated("""
                  counts: {region: {north: 2500, south: 3900}}
        """)
        let linear = try #require(plain.framework?.round("shop-2025")?.poststratify?.calibration)
        #expect(linear.method == .linear && linear.bounds == nil, "the default: linear, unbounded")
        for (method, bounds) in [("raking", ""), ("logit", "bounds: [0.5, 2]"), ("linear", "bounds: [0, 1.5]"), ("raking", "bounds: [0.25, 4]")] {
            let result = try Self.calibrated("""
                      counts: {region: {north: 2500, south: 3900}}
                      method: \(method)
                      \(bounds)
            """)
            #expect(result.errors.isEmpty, "\(method) \(bounds): \(result.diagnostics)")
            let calibration = try #require(result.framework?.round("shop-2025")?.poststratify?.calibration)
            #expect(calibration.method.rawValue == method)
            let written = bounds.isEmpty ? nil : bounds.dropFirst("bounds: [".count).dropLast().split(separator: ", ").map { Double($0)! }
            #expect(calibration.bounds.map { [$0.lower, $0.upper] } == written, "\(bounds)")
        }
    }

    @Test func anUnknownMethodIsRefusedWithTheNearest() throws {
        let result = try Self.calibrated("""
                  counts: {region: {north: 2500, south: 3900}}
                  method: rakng
        """)
        #expect(result.errors.map(\.code.id) == ["E340"], "\(result.diagnostics)")
        #expect(result.errors.first?.message == "`method` of `calibrate` of round shop-2025 is 'rakng' (did you mean raking?); calibration methods are linear, raking, logit (linear, the default, can give weights of 0 or below; raking keeps them above 0; logit keeps them within `bounds`)")
        let far = try Self.calibrated("""
                  counts: {region: {north: 2500, south: 3900}}
                  method: GREG
        """)
        #expect(far.errors.map(\.code.id) == ["E340"] && far.errors.first?.message.contains("is 'GREG'; calibration methods are") == true, "\(far.diagnostics)")
    }

    @Test func boundsAreTwoNumbersAroundOne() throws {
        let cases: [(written: String, column: Int, message: String)] = [
            ("0.5", 15, "`bounds` of `calibrate` of round shop-2025 is '0.5', not two numbers [lower, upper]"),
            ("[0.5, 1.5, 2]", 15, "`bounds` of `calibrate` of round shop-2025 is a list of 3, not two numbers [lower, upper]"),
            ("[\"0.5\", 2]", 16, "the lower bound in `bounds` of `calibrate` of round shop-2025 is '0.5', not a finite number"),
            ("[0.5, .inf]", 21, "the upper bound in `bounds` of `calibrate` of round shop-2025 is '.inf', not a finite number"),
            ("[1, 2]", 16, "the lower bound in `bounds` of `calibrate` of round shop-2025 is 1, not below 1"),
            ("[-0.5, 2]", 16, "the lower bound in `bounds` of `calibrate` of round shop-2025 is -0.5, below 0"),
            ("[0.5, 1]", 21, "the upper bound in `bounds` of `calibrate` of round shop-2025 is 1, not above 1"),
        ]
        for (written, column, message) in cases {
            let result = try Self.calibrated("""
                      counts: {region: {north: 2500, south: 3900}}
                      method: logit
                      bounds: \(written)
            """)
            #expect(result.errors.map(\.code.id) == ["E341"], "\(written): \(result.diagnostics)")
            let error = try #require(result.errors.first)
            #expect(error.message.hasPrefix(message), "\(written): \(error.message)")
            guard case .source(let location) = error.location else { Issue.record("\(written): no place"); continue }
            #expect(location.line == 12 && location.column == column, "\(written): \(location)")
        }
    }

    @Test func logitNeedsBounds() throws {
        let result = try Self.calibrated("""
                  counts: {region: {north: 2500, south: 3900}}
                  method: logit
        """)
        #expect(result.errors.map(\.code.id) == ["E342"], "\(result.diagnostics)")
        #expect(result.errors.first?.message.hasPrefix("`calibrate` of round shop-2025 calibrates by logit, which keeps each weight's ratio to its base weight between two bounds, but gives no `bounds`") == true)
    }
}
