import Estimators
import Testing

/// One row of `Golden/deff.csv`, `Golden/raked-deff.csv`, `Golden/calibrated-deff.csv` or `Golden/calibrated-methods-deff.csv`:
/// R's design effects of one estimate, with and without replacement, and Kish's effective sample size of the domain's weights.
struct GoldenDesignEffect: Sendable, CustomTestStringConvertible {
    let fields: [String: String]

    var testDescription: String {
        let domain = fields["domain_variable"]!.isEmpty ? "all" : "\(fields["domain_variable"]!)=\(fields["domain_value"]!)"
        let variable = fields["denominator"]!.isEmpty ? fields["variable"]! : "\(fields["variable"]!)/\(fields["denominator"]!)"
        return "\(fields["design"]!) \(fields["estimator"]!) \(variable) [\(domain)]"
    }

    static let all = (GoldenTable("deff.csv").rows + GoldenTable("raked-deff.csv").rows + GoldenTable("calibrated-deff.csv").rows
        + GoldenTable("calibrated-methods-deff.csv").rows).map(GoldenDesignEffect.init)

    /// R's design effect in `column`; nil where R's is undefined: NA (0/0, a share of 0 or 1) or Inf
    /// (a count of a domain's own members, which has a design variance but no spread in the domain),
    /// or the same undefined ratio computed from rounding (``roundedFromNoSpread``); nil too where it is
    /// below `SampleDesign.smallestDesignEffect`: an estimate the weighting fixes, whose design
    /// variance is 0 but for rounding and raking's residue.
    func expected(_ column: String) -> Double? {
        fields.number(column).flatMap {
            $0.isFinite && $0 >= SampleDesign.smallestDesignEffect && !Self.isRoundedFromNoSpread($0) ? $0 : nil
        }
    }

    /// Whether R's design effect is a ratio of roundings where R's exact figure is NA or Inf: a
    /// variable with no spread in the domain, whose SRS variance R's `svyvar` computes as about 1e-32
    /// (its weighted mean of ones, Σ(w/Σw), is not exactly 1 for every set of weights). Real design
    /// effects are far below 1e15.
    static func isRoundedFromNoSpread(_ deff: Double) -> Bool { deff >= 1e15 }

    /// Whether R's design effect in `column` is such a ratio of roundings.
    func roundedFromNoSpread(_ column: String) -> Bool {
        fields.number(column).map { $0.isFinite && Self.isRoundedFromNoSpread($0) } ?? false
    }

    /// Whether R's design effect in `column` is a number below `SampleDesign.smallestDesignEffect`.
    func fixedByWeighting(_ column: String) -> Bool {
        fields.number(column).map { $0 < SampleDesign.smallestDesignEffect } ?? false
    }

    /// The estimate with its design effect computed against `reference`.
    func compute(_ reference: SimpleRandomReference? = nil) throws -> Estimate {
        let data = GoldenDesigns.data(fields["data"]!)
        var design = try GoldenDesigns.design(fields["design"]!)
        if let reference { design.designEffectReference = reference }
        let estimator = Estimator(design: design)
        let domain: Domain = fields["domain_variable"]!.isEmpty
            ? .all : .mask(data.column(fields["domain_variable"]!).map { $0 == fields["domain_value"]! })
        let values = data.numbers(fields["variable"]!)
        switch fields["estimator"]! {
        case "mean": return try estimator.mean(values, in: domain)
        case "total": return try estimator.total(values, in: domain)
        case "count": return try estimator.count(values, in: domain)
        case "proportion": return try estimator.proportion(values, in: domain)
        case "ratio": return try estimator.ratio(numerator: values, denominator: data.numbers(fields["denominator"]!), in: domain)
        default: fatalError("unknown estimator \(fields["estimator"]!)")
        }
    }
}

@Suite struct DesignEffectTests {
    /// Both of R's references, deff = TRUE and deff = "replace", and Kish's n_eff, to 1e-12 relative.
    @Test(arguments: GoldenDesignEffect.all)
    func matchesRSurvey(_ row: GoldenDesignEffect) throws {
        let label = row.testDescription
        let without = try row.compute(.withoutReplacement)
        expectClose(without.designEffect, row.expected("deff_true"), relative: 1e-12, "\(label) deff = TRUE")
        let with = try row.compute(.withReplacement)
        expectClose(with.designEffect, row.expected("deff_replace"), relative: 1e-12, "\(label) deff = \"replace\"")
        expectClose(with.kishEffectiveSampleSize, row.fields.number("kish"), relative: 1e-12, "\(label) Kish's n_eff")
    }

    /// A design with an fpc compares with sampling without replacement, one without with replacement.
    @Test(arguments: GoldenDesignEffect.all)
    func referenceFollowsTheFPC(_ row: GoldenDesignEffect) throws {
        let hasFPC = !["stratnofpc", "weightsonly", "srs_cal_unweighted", "srs_cal_unweighted_raking"].contains(row.fields["design"]!)
        let expected = row.expected(hasFPC ? "deff_true" : "deff_replace")
        expectClose(try row.compute().designEffect, expected, relative: 1e-12, row.testDescription)
    }

    @Test func goldenFileCoversDesignsEstimatorsAndDomains() {
        let rows = GoldenDesignEffect.all
        #expect(Set(rows.map { $0.fields["design"]! }).isSuperset(of: ["srs", "strat", "stratnofpc", "clus1", "strat_ps", "srs_rake", "strat_rake", "clus1_rake"]))
        #expect(Set(rows.map { $0.fields["design"]! }).isSuperset(of: GoldenDesigns.calibrationMethods.rows.map { $0["design"]! }))
        #expect(Set(rows.map { $0.fields["estimator"]! }) == ["mean", "total", "count", "ratio", "proportion"])
        #expect(rows.contains { !$0.fields["domain_variable"]!.isEmpty })
        // Shares of 0 or 1 in a domain (R's 0/0) and counts of all ones (R's Inf): Samla's nil.
        #expect(rows.contains { $0.fields.number("deff_true") == nil })
        #expect(rows.contains { $0.fields.number("deff_true") == .infinity })
    }

    /// A raking margin's or post-stratum's own total or share is fixed by the weighting: R's design
    /// effect there is rounding (1e-31 to 1e-17) or raking's residue (up to 1.7e-8), and Samla gives
    /// none, though the standard error stays R's.
    @Test func estimatesTheWeightingFixesHaveNoDesignEffect() throws {
        let fixed = GoldenDesignEffect.all.filter { $0.fixedByWeighting("deff_true") }
        #expect(Set(fixed.map { $0.fields["design"]! })
            == ["strat_ps", "srs_rake", "strat_rake", "clus1_rake", "strat_cal", "strat_cal_logit", "strat_cal_bounded", "strat_cal_raking_bounded"])
        #expect(fixed.allSatisfy { $0.fixedByWeighting("deff_replace") })
        for row in fixed {
            #expect(try row.compute(.withoutReplacement).designEffect == nil, "\(row.testDescription)")
            #expect(try row.compute(.withReplacement).designEffect == nil, "\(row.testDescription)")
        }
        let margin = try #require(fixed.first { $0.testDescription == "strat_rake count sch_wide [all]" })
        let estimate = try margin.compute()
        #expect((estimate.standardError ?? 0) > 0 && estimate.kishEffectiveSampleSize != nil)
    }

    /// sch_wide and both are 1 wherever awards is 1, so neither has spread in that domain and an SRS
    /// variance of 0: R's deff is Inf for the count and NA for the shares. With clus1_cal_bounded's
    /// weights R's `svyvar` gives 1.2e-32 instead of 0 and its deff comes out 3e31 (deff = TRUE) and
    /// 2.9e31 ("replace"): rounding over rounding. Samla's weighted mean of the ones is exactly 1, and
    /// it gives no design effect, as R does for the other designs in the same domain.
    @Test func variablesWithoutSpreadInTheDomainHaveNoDesignEffect() throws {
        let rounded = GoldenDesignEffect.all.filter { $0.roundedFromNoSpread("deff_true") }
        #expect(Set(rounded.map(\.testDescription)) == [
            "clus1_cal_bounded count sch_wide [awards=1]", "clus1_cal_bounded proportion sch_wide [awards=1]",
            "clus1_cal_bounded proportion both [awards=1]",
        ])
        for row in rounded {
            #expect(row.roundedFromNoSpread("deff_replace"))
            let data = GoldenDesigns.data(row.fields["data"]!)
            let inDomain = data.column(row.fields["domain_variable"]!).map { $0 == row.fields["domain_value"]! }
            let values = zip(data.numbers(row.fields["variable"]!), inDomain).filter(\.1).map(\.0)
            #expect(Set(values) == [1], "\(row.testDescription)")
            #expect(try row.compute(.withoutReplacement).designEffect == nil, "\(row.testDescription)")
            #expect(try row.compute(.withReplacement).designEffect == nil, "\(row.testDescription)")
        }
        let others = GoldenDesignEffect.all.filter {
            $0.fields["design"] != "clus1_cal_bounded" && $0.fields["domain_variable"] == "awards" && $0.fields["domain_value"] == "1"
                && ["count", "proportion"].contains($0.fields["estimator"]!) && $0.fields["variable"] == "sch_wide"
        }
        #expect(!others.isEmpty && others.allSatisfy { $0.fields.number("deff_true").map { !$0.isFinite } ?? true })
    }

    /// A simple random sample analysed with its fpc has a design effect of 1: R's deff = TRUE compares like with like.
    @Test func simpleRandomSampleHasDesignEffectOne() throws {
        let data = GoldenDesigns.apisrs
        let estimate = try Estimator(design: try GoldenDesigns.design("srs")).mean(data.numbers("api00"))
        expectClose(estimate.designEffect, 1, relative: 1e-12, "apisrs mean")
        let noFPC = try SampleDesign(weights: data.numbers("pw"))
        expectClose(try Estimator(design: noFPC).mean(data.numbers("api00")).designEffect, 1, relative: 1e-12, "apisrs mean without fpc")
    }

    @Test func mediansAndUnweightedEstimatesHaveNone() throws {
        let data = GoldenDesigns.apistrat
        let median = try Estimator(design: try GoldenDesigns.design("strat")).median(data.numbers("api00"))
        #expect(median.designEffect == nil)
        expectClose(median.kishEffectiveSampleSize, GoldenDesignEffect.all.first { $0.fields["design"] == "strat" }!.fields.number("kish"),
                    relative: 1e-12, "median's Kish n_eff")
        let unweighted = try Estimator.unweighted.mean(data.numbers("api00"))
        #expect(unweighted.designEffect == nil && unweighted.kishEffectiveSampleSize == nil)
    }

    /// Weights summing to no more than the responses leave deff = TRUE undefined (R: NA for a mean).
    @Test func noDesignEffectWithoutReplacementWhenWeightsSumToTheSampleSize() throws {
        let values = [3.0, 5, 8, 13, 21, 34]
        let design = try SampleDesign(weights: [0.5, 0.5, 1, 1, 1.5, 1.5], fpc: Array(repeating: 100, count: 6))
        #expect(try Estimator(design: design).mean(values).designEffect == nil)
        var replaced = design
        replaced.designEffectReference = .withReplacement
        #expect(try Estimator(design: replaced).mean(values).designEffect != nil)
    }
}
