import Aggregation
import Diagnostics
import Foundation
import Store
import SurveyDefinition
import Testing

/// Post-stratification and calibration whose weights cannot be brought to a count within the range
/// of 64-bit floating-point numbers refuse the round with E344, naming the group, its weights' sum
/// and count, and the weight variable to check; before, the weights became 0, infinite or not a
/// number and the cells were published from them (post-stratification, linear calibration) or the
/// refusal named another cause (the population's size as 0 in every response, a singular matrix).
/// RakingTests' organisations, `staff` weighted by a decimal `size`.
struct WeightsOutOfRangeTests {
    static let postStratified = RakingTests.sizeWeighted.replacingOccurrences(of: RakingTests.margins, with: """
              variable: region
              counts: {N: 300, S: 700}
        """)
    static let calibrated = CalibrationTests.framework(CalibrationTests.calibrate)
        .replacingOccurrences(of: "value: \"${staff}\", disaggregate: [form]}", with: "value: \"${staff}\", weight: size}")

    /// The responses with `size` as each one's weight.
    static func rows(_ size: (String, String) -> Double) -> [[AnswerValue?]] {
        RakingTests.responses.map { [.choice($0.0), .choice($0.1), .integer($0.2), .decimal(size($0.0, $0.1))] }
    }

    static func refusal(_ framework: String, _ rows: [[AnswerValue?]]) throws -> String {
        let error = try #require(throws: AggregationError.self) {
            try RakingTests.compute(survey: RakingTests.sizedSurvey, framework: framework, rows: rows)
        }
        #expect(error.diagnostics.map(\.code.id) == ["E344"])
        let diagnostic = try #require(error.diagnostics.first)
        guard case .source(let location) = diagnostic.location else { Issue.record("no place: \(diagnostic)"); return "" }
        // The rule's mapping begins on the line after its key.
        let key = framework.split(separator: "\n", omittingEmptySubsequences: false)[location.line - 2]
        #expect(key.hasSuffix("poststratify:") || key.hasSuffix("calibrate:"), "at the rule: \(key)")
        let message = diagnostic.message
        #expect(message.range(of: #"\b(inf|nan)\b|  | ,"#, options: .regularExpression) == nil, "\(message)")
        return message
    }

    /// The northern companies weigh 1e308: the north's weights add up beyond the largest Double,
    /// and scaled to 300 each would be 0 (the staff mean was published from the southern weights
    /// alone, its standard error not a number).
    @Test func postStratumWeightsBeyondTheLargestNumberRefuseTheRound() throws {
        #expect(Self.postStratified != RakingTests.sizeWeighted && Self.postStratified.contains("weight: size}"))
        let rows = Self.rows { region, form in region == "N" && form == "ab" ? 1e308 : 1 }
        let message = try Self.refusal(Self.postStratified, rows)
        #expect(message == "post-stratifying round orgs-2025 by region with the weights of size is impossible: the weights of region N add up to more than the largest 64-bit floating-point number (1.8e308), and scaling them to its count 300 would take them beyond the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite and the estimates undefined; weights and counts this far apart are not those of one population: check the weights of size (each about the number of units a response stands for; a weight this large or small is a typing or unit error) and the counts under `poststratify`")
    }

    /// The northern companies weigh 1e300 and the northern foundations 1e-300: scaled by
    /// 300 / 4e300, the foundations' weights fall below the smallest Double, to 0 (the standard
    /// errors came out not a number).
    @Test func aWeightThatFallsToZeroWhenScaledRefusesTheRound() throws {
        let rows = Self.rows { region, form in region == "N" ? (form == "ab" ? 1e300 : 1e-300) : 1 }
        let message = try Self.refusal(Self.postStratified, rows)
        #expect(message.hasPrefix("post-stratifying round orgs-2025 by region with the weights of size is impossible: the weights of region N add up to 4e+300, and scaling them to its count 300 would take them beyond the range"), "\(message)")
    }

    /// Weights of 1e300 that add up within range are post-stratified as any others.
    @Test func hugeWeightsWithinRangeArePostStratified() throws {
        let results = try RakingTests.compute(
            survey: RakingTests.sizedSurvey, framework: Self.postStratified, rows: Self.rows { region, _ in region == "N" ? 1e300 : 1 })
        let cell = try #require(ComputeTests.row(results, "staff", "orgs-2025")?.outcome.published)
        let north = RakingTests.responses.filter { $0.0 == "N" }.map { Double($0.2) }
        let south = RakingTests.responses.filter { $0.0 == "S" }.map { Double($0.2) }
        let mean = (300 * north.reduce(0, +) / Double(north.count) + 700 * south.reduce(0, +) / Double(south.count)) / 1000
        #expect(abs(cell.value - mean) < 1e-9, "\(cell.value) vs \(mean)")
        #expect(cell.estimate?.standardError?.isFinite == true)
    }

    /// Every response weighing 1e308 adds up beyond the largest Double: linear calibration was
    /// refused as if the population's column were 0 in every response (E339).
    @Test func calibrationWeightsBeyondTheLargestNumberRefuseTheRound() throws {
        #expect(Self.calibrated.contains("weight: size}") && Self.calibrated.contains("calibrate:"))
        let message = try Self.refusal(Self.calibrated, Self.rows { _, _ in 1e308 })
        #expect(message == "calibrating round orgs-2025 with the weights of size is impossible: the weights add up to more than the largest 64-bit floating-point number (1.8e308), and calibrating them to the population's size 1000 would take them beyond the range of 64-bit floating-point numbers (about 4.9e-324 to 1.8e308), where they become 0 or infinite and the estimates undefined; weights and counts this far apart are not those of one population: check the weights of size (each about the number of units a response stands for; a weight this large or small is a typing or unit error) and the counts under `calibrate`")
    }

    /// The southern responses weigh 5e-324, the smallest Double: their 5e-323 cannot be
    /// calibrated to 700 (the linear weights came out not a number, and the staff cells were
    /// reported as weighing 0).
    @Test func calibrationOfACodeWithTooLittleWeightRefusesTheRound() throws {
        let message = try Self.refusal(Self.calibrated, Self.rows { region, _ in region == "S" ? Double.leastNonzeroMagnitude : 1 })
        #expect(message.hasPrefix("calibrating round orgs-2025 with the weights of size is impossible: the weights of region S add up to 5e-323, and calibrating them to its count 700 would take them beyond the range"), "\(message)")
    }
}
