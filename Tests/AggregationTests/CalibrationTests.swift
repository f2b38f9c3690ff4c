import Aggregation
import Estimators
import Foundation
import Frameworks
import Store
import Testing

/// RakingTests' round of 20 organisations calibrated (`calibrate`) to the register's 300 northern
/// and 700 southern organisations and their 12,000 staff: the estimates are those of Estimators'
/// linear calibration of the same responses, each weighing 1 before it.
struct CalibrationTests {
    static let calibrate = """
              counts:
                region: {N: 300, S: 700}
              totals: {staff: 12000}
        """

    static func framework(_ body: String) -> String {
        RakingTests.framework(body)
            .replacingOccurrences(of: "    poststratify:\n", with: "    calibrate:\n")
            .replacingOccurrences(of: "value: \"${staff}\"}", with: "value: \"${staff}\", disaggregate: [form]}")
    }

    static func compute(_ body: String = calibrate, responses: [(String, String, Int64?)] = RakingTests.responses.map { ($0.0, $0.1, $0.2) }) throws -> ResultSet {
        try RakingTests.compute(survey: RakingTests.survey, framework: framework(body),
                                rows: responses.map { [.choice($0.0), .choice($0.1), $0.2.map { .integer($0) }] })
    }

    /// The same responses calibrated by Estimators directly.
    static func design() throws -> SampleDesign {
        let responses = RakingTests.responses
        return try SampleDesign(weights: Array(repeating: 1, count: responses.count)).calibrated(to: CalibrationTargets(
            populationSize: 1000,
            margins: [RakingMargin(name: "region", groups: responses.map(\.0), populationCounts: ["N": 300, "S": 700])],
            totals: [CalibrationTotal(name: "staff", values: responses.map { Double($0.2) }, populationTotal: 12000)]))
    }

    @Test func estimatesOfACalibratedRoundUseTheCalibratedDesign() throws {
        let results = try Self.compute()
        let estimator = Estimator(design: try Self.design())
        let staff = RakingTests.responses.map { Double($0.2) }
        let expected = try estimator.mean(staff)
        let cell = try #require(ComputeTests.row(results, "staff", "orgs-2025")?.outcome.published)
        #expect(abs(cell.value - 12) < 1e-9, "the weighted mean meets 12,000 staff in 1,000 organisations: \(cell.value)")
        #expect(abs(staff.reduce(0, +) / 20 - 12) > 1, "unweighted, the mean is not 12")
        #expect(cell.estimate?.standardError == expected.standardError)
        #expect(cell.estimate?.designEffect == expected.designEffect)
        #expect(cell.estimate?.kishEffectiveSampleSize == expected.kishEffectiveSampleSize)
        // A domain of the calibrated design: the companies.
        let companies = RakingTests.responses.map { $0.1 == "ab" }
        let domain = try estimator.mean(staff, in: .mask(companies))
        let companyCell = try #require(ComputeTests.row(results, "staff", "orgs-2025", "form", "ab")?.outcome.published)
        #expect(companyCell.estimate == domain)
        let count = try #require(ComputeTests.row(results, "organisations", "orgs-2025")?.outcome.published)
        #expect(abs(count.value - 1000) < 1e-9)
        let note = ResultNote.roundCalibrated(round: "orgs-2025", counts: ["region"], totals: ["staff"], source: "The register")
        #expect(results.notes.contains(note), "\(results.notes)")
        #expect(note.kind == "round-calibrated")
        #expect(note.text("en") == "the estimates of round orgs-2025 are calibrated to known population figures, its size, counts by region and the total of staff (linear calibration) (The register): counts and totals are estimates for the whole population")
        #expect(note.text("sv") == "skattningarna för omgång orgs-2025 är kalibrerade till kända uppgifter om populationen, dess storlek, antal efter region och summan av staff (linjär kalibrering) (The register): antal och summor är skattningar för hela populationen")
    }

    /// A total of the calibrated variable over the whole round is the register's 12,000 staff:
    /// the calibration fixes it, so it has no interval (12000–12000 would read as an estimate known
    /// for certain) but says why; its groups and a total over part of the round are estimates with
    /// intervals, as is the mean.
    @Test func aTotalTheCalibrationFixesHasNoInterval() throws {
        let totals = """

              - {id: staff_total, node: more_jobs, kind: total, survey: orgs, title: {sv: "Anställda", en: "Staff"}, value: "${staff}", disaggregate: [form]}
              - {id: northern_staff, node: more_jobs, kind: total, survey: orgs, title: {sv: "Norr", en: "North"}, value: "${staff}", universe: "${region} = 'N'"}
            """
        let results = try RakingTests.compute(survey: RakingTests.survey, framework: Self.framework(Self.calibrate) + totals,
                                              rows: RakingTests.responses.map { [.choice($0.0), .choice($0.1), .integer($0.2)] })
        let total = try #require(ComputeTests.row(results, "staff_total", "orgs-2025")?.outcome.published)
        #expect(abs(total.value - 12000) < 1e-6, "\(total.value)")
        #expect(total.estimate?.interval != nil, "Estimators gives its interval of width 0; the results do not show it")
        #expect(total.interval == nil)
        #expect(total.noIntervalReason == .calibratedTotal)
        let companies = try #require(ComputeTests.row(results, "staff_total", "orgs-2025", "form", "ab")?.outcome.published)
        #expect(companies.interval != nil && companies.noIntervalReason == nil)
        let northern = try #require(ComputeTests.row(results, "northern_staff", "orgs-2025")?.outcome.published)
        #expect(northern.interval != nil && northern.noIntervalReason == nil)
        let mean = try #require(ComputeTests.row(results, "staff", "orgs-2025")?.outcome.published)
        #expect(mean.interval != nil && mean.noIntervalReason == nil)

        let row = try #require(results.displayRows().first { $0.indicator == "staff_total" && $0.breakdown.isEmpty })
        let fields = Dictionary(uniqueKeysWithValues: zip(DisplayRow.columns, row.fields))
        #expect(fields["estimate"] == "12000" && fields["se"] == "0", "\(fields)")
        #expect(fields["ci_low"] == "" && fields["ci_high"] == "" && fields["interval_note"] == "calibrated-total", "\(fields)")
        #expect(NoIntervalReason.all.contains(.calibratedTotal))
        #expect(NoIntervalReason.calibratedTotal.text("en")
            == "the calibration fixes this total at the population's known total, so it is not an estimate and has no uncertainty")
        #expect(NoIntervalReason.calibratedTotal.text("sv")
            == "kalibreringen fastställer summan till populationens kända summa, så den är ingen skattning och saknar osäkerhet")
    }

    /// Calibrated to the round's size and its regions' counts, a count of every response is the
    /// register's 1,000 organisations and a count of a region's responses (its total row, or its
    /// group of a breakdown by region) that region's count: the weighting fixes them, so they have
    /// no interval but say why. A count of the companies, a code the round is not calibrated on, is
    /// an estimate with its interval.
    @Test func countsTheCalibrationFixesHaveNoInterval() throws {
        let counts = """

              - {id: by_region, node: more_jobs, kind: count, survey: orgs, title: {sv: "Efter region", en: "By region"}, disaggregate: [region]}
              - {id: northern, node: more_jobs, kind: count, survey: orgs, title: {sv: "Norr", en: "North"}, universe: "${region} = 'N'"}
              - {id: companies, node: more_jobs, kind: count, survey: orgs, title: {sv: "Bolag", en: "Companies"}, universe: "${form} = 'ab'"}
            """
        let results = try RakingTests.compute(survey: RakingTests.survey, framework: Self.framework(Self.calibrate) + counts,
                                              rows: RakingTests.responses.map { [.choice($0.0), .choice($0.1), .integer($0.2)] })
        for (indicator, variable, code, count) in [("organisations", nil, nil, 1000.0), ("by_region", nil, nil, 1000), ("by_region", "region", "N", 300),
                                                   ("by_region", "region", "S", 700), ("northern", nil, nil, 300)] {
            let cell = try #require(ComputeTests.row(results, indicator, "orgs-2025", variable, code)?.outcome.published)
            #expect(abs(cell.value - count) < 1e-6, "\(indicator) \(code ?? ""): \(cell.value)")
            #expect(cell.estimate?.interval != nil, "Estimators gives its interval of width 0; the results do not show it")
            #expect(cell.interval == nil && cell.fixed == .populationCount, "\(indicator) \(code ?? "")")
            #expect(cell.noIntervalReason == .fixedByWeighting)
        }
        let companies = try #require(ComputeTests.row(results, "companies", "orgs-2025")?.outcome.published)
        #expect(companies.interval != nil && companies.noIntervalReason == nil && companies.fixed == nil)

        let row = try #require(results.displayRows().first { $0.indicator == "northern" && $0.breakdown.isEmpty })
        let fields = Dictionary(uniqueKeysWithValues: zip(DisplayRow.columns, row.fields))
        #expect(fields["estimate"] == "300" && fields["se"] == "0", "\(fields)")
        #expect(fields["ci_low"] == "" && fields["ci_high"] == "" && fields["interval_note"] == "fixed-by-weighting", "\(fields)")
        #expect(NoIntervalReason.all.contains(.fixedByWeighting))
        #expect(NoIntervalReason.fixedByWeighting.text("en")
            == "the weighting fixes this figure from the population's known counts and totals, so it is not an estimate and has no uncertainty")
        #expect(NoIntervalReason.fixedByWeighting.text("sv")
            == "viktningen fastställer värdet utifrån populationens kända antal och summor, så det är ingen skattning och saknar osäkerhet")
    }

    @Test func weightsOfZeroOrBelowRefuseTheRound() throws {
        // 30 staff on average is more than all but the largest companies have.
        let error = try #require(throws: AggregationError.self) { try Self.compute(Self.calibrate.replacingOccurrences(of: "12000", with: "30000")) }
        #expect(error.diagnostics.map(\.code.id) == ["E339"])
        let message = try #require(error.diagnostics.first?.message)
        #expect(message.hasPrefix("calibrating round orgs-2025 with every response weighing 1 gives 6 cleaned responses weights of 0 or below (the smallest -203.1); R keeps such weights"), "\(message)")
    }

    @Test func variablesTheResponsesCannotTellApartRefuseTheRound() throws {
        // Only northern companies and southern foundations answer: form splits them as region does.
        let diagonal = RakingTests.responses.filter { ($0.0 == "N") == ($0.1 == "ab") }.map { ($0.0, $0.1, Optional($0.2)) }
        let body = """
                  counts:
                    region: {N: 300, S: 700}
                    form: {ab: 600, ef: 400}
            """
        let error = try #require(throws: AggregationError.self) { try Self.compute(body, responses: diagonal) }
        #expect(error.diagnostics.map(\.code.id) == ["E339"])
        #expect(error.diagnostics.first?.message == "calibrating round orgs-2025 with every response weighing 1 is impossible: in the cleaned responses form is a linear combination of region (constant, or the same split of the responses), so its counts or total cannot be met apart from theirs (the weighted cross-product matrix is singular); leave form out of `calibrate`, or merge the codes that split the responses alike")
    }

    @Test func responsesWithoutATotalsVariableRefuseTheRound() throws {
        var responses = RakingTests.responses.map { ($0.0, $0.1, Optional($0.2)) }
        responses[3].2 = nil
        responses[7].2 = nil
        let error = try #require(throws: AggregationError.self) { try Self.compute(responses: responses) }
        #expect(error.diagnostics.map(\.code.id) == ["E328"])
        #expect(error.diagnostics.first?.message == "2 cleaned responses of round orgs-2025 have no staff (ids 4, 8), so calibration to its total cannot weight them (R's calibrate fails on a missing value); leave them out with a cleaning rule, e.g. `eligible: ${staff} != ''`, or fill in their staff")
    }

    /// 20 staff on average: linear calibration gives small northern organisations weights below 0
    /// (E339, which suggests raking); `method: raking` meets the same figures with every weight above 0.
    @Test func rakingMeetsWhatLinearCalibrationRefuses() throws {
        let far = Self.calibrate.replacingOccurrences(of: "12000", with: "20000")
        let error = try #require(throws: AggregationError.self) { try Self.compute(far) }
        #expect(error.diagnostics.map(\.code.id) == ["E339"])
        #expect(error.diagnostics.first?.message.contains("calibrate with method: raking (which keeps every weight above 0)") == true, "\(error.diagnostics)")

        let results = try Self.compute(far + "\n      method: raking")
        let cell = try #require(ComputeTests.row(results, "staff", "orgs-2025")?.outcome.published)
        #expect(abs(cell.value - 20) < 1e-9, "the weighted mean meets 20,000 staff in 1,000 organisations: \(cell.value)")
        let responses = RakingTests.responses
        let raked = try SampleDesign(weights: Array(repeating: 1, count: responses.count)).calibrated(
            to: CalibrationTargets(
                populationSize: 1000,
                margins: [RakingMargin(name: "region", groups: responses.map(\.0), populationCounts: ["N": 300, "S": 700])],
                totals: [CalibrationTotal(name: "staff", values: responses.map { Double($0.2) }, populationTotal: 20000)]),
            method: CalibrationMethod(distance: .raking))
        #expect(raked.weights.allSatisfy { $0 > 0 })
        let expected = try Estimator(design: raked).mean(responses.map { Double($0.2) })
        #expect(cell.estimate?.standardError == expected.standardError)
        let note = ResultNote.roundCalibrated(round: "orgs-2025", counts: ["region"], totals: ["staff"], source: "The register", method: .raking)
        #expect(results.notes.contains(note), "\(results.notes)")
        #expect(note.text("en").contains("the total of staff (calibration by raking) (The register)"))
    }

    /// Bounds too narrow for the figures: grake's 50 Newton steps do not meet them (R warns
    /// "Failed to converge" and calibrate stops), and the round is refused with the total furthest off.
    @Test func calibrationThatDoesNotConvergeRefusesTheRound() throws {
        let narrow = Self.calibrate.replacingOccurrences(of: "12000", with: "20000") + "\n      method: logit\n      bounds: [0.5, 2]"
        let error = try #require(throws: AggregationError.self) { try Self.compute(narrow) }
        #expect(error.diagnostics.map(\.code.id) == ["E343"], "\(error.diagnostics)")
        let message = try #require(error.diagnostics.first?.message)
        // R: "Failed to converge: eps=0.569304868089929 in 51 iterations".
        #expect(message == "calibrating round orgs-2025 with every response weighing 1 by logit within [0.5, 2] did not converge in 50 iterations (R's calibrate stops there too, with \"Failed to converge\"): the weights give the total of staff as 8613.3, not 20000, the largest gap left (0.57 of 1 + the target, where below 1e-7 counts as met); the responses cannot reach these counts and totals within the bounds: widen `bounds`, calibrate to fewer variables, or use method: raking, which needs no bounds", "\(message)")

        // R's weights run to where exp overflows, g becomes NaN and R stops on "missing value where
        // TRUE/FALSE needed"; Samla refuses the round as not converged.
        let overflowing = Self.calibrate + "\n      method: logit\n      bounds: [0.5, 2]"
        let undefined = try #require(throws: AggregationError.self) { try Self.compute(overflowing) }
        #expect(undefined.diagnostics.map(\.code.id) == ["E343"], "\(undefined.diagnostics)")
        #expect(undefined.diagnostics.first?.message.contains("the weights became undefined (not a number)") == true, "\(undefined.diagnostics)")

        let wide = try Self.compute(Self.calibrate + "\n      method: logit\n      bounds: [0.4, 2.5]")
        let note = ResultNote.roundCalibrated(
            round: "orgs-2025", counts: ["region"], totals: ["staff"], source: "The register", method: .logit, bounds: CalibrationRatioBounds(lower: 0.4, upper: 2.5))
        #expect(wide.notes.contains(note), "\(wide.notes)")
        #expect(note.text("en").contains("(logit calibration within 0.4–2.5 times the base weights)"))
        #expect(note.text("sv").contains("(logitkalibrering inom 0,4–2,5\u{A0}gånger grundvikterna)"))
        let cell = try #require(ComputeTests.row(wide, "staff", "orgs-2025")?.outcome.published)
        #expect(abs(cell.value - 12) < 1e-6, "\(cell.value)")
    }
}
