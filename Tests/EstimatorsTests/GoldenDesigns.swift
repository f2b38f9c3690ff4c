import Estimators
import Testing

/// The designs of `make-golden.R`, built from the same CSV files.
enum GoldenDesigns {
    static let apisrs = GoldenTable("apisrs.csv")
    static let apistrat = GoldenTable("apistrat.csv")
    static let apiclus1 = GoldenTable("apiclus1.csv")
    static let small = GoldenTable("small.csv")

    static func data(_ name: String) -> GoldenTable {
        switch name {
        case "apisrs": apisrs
        case "apistrat": apistrat
        case "apiclus1": apiclus1
        case "small": small
        default: fatalError("no golden data set \(name)")
        }
    }

    static func design(_ name: String) throws -> SampleDesign {
        switch name {
        case "srs":
            try SampleDesign(weights: apisrs.numbers("pw"), fpc: apisrs.numbers("fpc"))
        case "strat":
            try SampleDesign(weights: apistrat.numbers("pw"), strata: apistrat.column("stype"), fpc: apistrat.numbers("fpc"))
        case "stratfraction":
            try SampleDesign(weights: apistrat.numbers("pw"), strata: apistrat.column("stype"), fpc: apistrat.numbers("fraction"))
        case "stratnofpc":
            try SampleDesign(weights: apistrat.numbers("pw"), strata: apistrat.column("stype"))
        case "weightsonly":
            try SampleDesign(weights: apistrat.numbers("pw"))
        case "clus1":
            try SampleDesign(weights: apiclus1.numbers("pw"), clusters: apiclus1.column("dnum"), fpc: apiclus1.numbers("fpc"))
        case "small", "small_remove", "small_adjust", "small_average":
            try SampleDesign(
                weights: small.numbers("w"), strata: small.column("stratum"), clusters: small.column("cluster"),
                fpc: small.numbers("fpc"), lonelyPSURule: smallRule(name))
        case "srs_ps_unweighted":
            try SampleDesign(weights: Array(repeating: 1, count: apisrs.rows.count)).postStratified(by: apisrs.column("stype"), populationCounts: populationCounts("stype"))
        case _ where name.contains("_cal"):
            try calibrated(name)
        case _ where name.hasSuffix("_rake"):
            try raked(name)
        case _ where name.hasSuffix("_ps"):
            try postStratified(design(String(name.dropLast(3))), name)
        default:
            fatalError("no golden design \(name)")
        }
    }

    /// A design of `make-golden.R` post-stratified as there (`postStratify`), on the counts of `poststrata.csv`.
    private static func postStratified(_ base: SampleDesign, _ name: String) throws -> SampleDesign {
        let (data, variable) = switch name {
        case "srs_ps": (apisrs, "stype")
        case "strat_ps": (apistrat, "awards")
        case "clus1_ps": (apiclus1, "stype")
        default: (small, "g")
        }
        return try base.postStratified(by: data.column(variable), populationCounts: populationCounts(variable))
    }

    static let poststrata = GoldenTable("poststrata.csv")
    static let raking = GoldenTable("raking.csv")

    /// A design of `make-golden.R` raked as there (`rake`), on the margins of `raking.csv`, in their order.
    static func raked(_ name: String) throws -> SampleDesign {
        let base = String(name.dropLast("_rake".count))
        let data = data(["srs": "apisrs", "strat": "apistrat", "clus1": "apiclus1"][base]!)
        let rows = raking.rows.filter { $0["design"] == name }
        var variables: [String] = []
        for row in rows where !variables.contains(row["variable"]!) { variables.append(row["variable"]!) }
        let margins = variables.map { variable in
            RakingMargin(
                name: variable, groups: data.column(variable),
                populationCounts: Dictionary(uniqueKeysWithValues: rows.filter { $0["variable"] == variable }.map { ($0["code"]!, Double($0["count"]!)!) }))
        }
        return try design(base).raked(to: margins)
    }

    static let calibration = GoldenTable("calibration.csv")
    static let calibrationMethods = GoldenTable("calibration-methods.csv")

    /// A design of `make-golden.R` calibrated as there (`calibrate`), to the targets of
    /// `calibration.csv`: each categorical variable as a margin with every code's count. The designs
    /// of `calibration-methods.csv` take the targets of the linear design it names, with its method
    /// and bounds.
    static func calibrated(_ name: String) throws -> SampleDesign {
        let methodRow = calibrationMethods.rows.first { $0["design"] == name }
        let targetsName = methodRow?["targets"] ?? name
        let dataName = ["srs": "apisrs", "strat": "apistrat", "clus1": "apiclus1"][String(name.prefix { $0 != "_" })]!
        let data = data(dataName)
        let base = targetsName == "srs_cal_unweighted"
            ? try SampleDesign(weights: Array(repeating: 1, count: data.rows.count))
            : try design(String(name.prefix { $0 != "_" }))
        let rows = calibration.rows.filter { $0["design"] == targetsName }
        var countVariables: [String] = []
        for row in rows where row["kind"] == "count" && !countVariables.contains(row["variable"]!) { countVariables.append(row["variable"]!) }
        let margins = countVariables.map { variable in
            RakingMargin(
                name: variable, groups: data.column(variable),
                populationCounts: Dictionary(uniqueKeysWithValues: rows.filter { $0["variable"] == variable }.map { ($0["code"]!, $0.number("value")!) }))
        }
        let totals = rows.filter { $0["kind"] == "total" }.map { row in
            CalibrationTotal(name: row["variable"]!, values: data.numbers(row["variable"]!), populationTotal: row.number("value")!)
        }
        let population = try #require(rows.first { $0["kind"] == "population" }?.number("value"))
        let method = try methodRow.map { row in
            CalibrationMethod(
                distance: try #require(CalibrationDistance(rawValue: row["method"]!)),
                bounds: row.number("lower").map { CalibrationBounds(lower: $0, upper: row.number("upper")!) })
        } ?? .linear
        return try base.calibrated(to: CalibrationTargets(populationSize: population, margins: margins, totals: totals), method: method)
    }

    /// The population count of each code of `variable`.
    static func populationCounts(_ variable: String) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: poststrata.rows.filter { $0["variable"] == variable }.map { ($0["code"]!, Double($0["count"]!)!) })
    }

    private static func smallRule(_ name: String) -> LonelyPSURule {
        switch name {
        case "small_remove": .remove
        case "small_adjust": .adjust
        case "small_average": .average
        default: .fail
        }
    }
}
