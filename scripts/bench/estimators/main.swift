// Times the estimators on generated data. Built and run by scripts/bench/estimators.sh.
import Foundation

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 1_000_000
var generator = SystemRandomNumberGenerator()
let strataCount = 21
let strata = (0..<count).map { "stratum-\($0 % strataCount)" }
let weights = (0..<count).map { _ in Double.random(in: 0.5...20, using: &generator) }
let fpc = (0..<count).map { Double(count / strataCount * 50 + ($0 % strataCount)) }
let values = (0..<count).map { _ in Double.random(in: 0...100, using: &generator).rounded() }
let indicator = values.map { $0 > 60 ? 1.0 : 0.0 }
let denominators = values.map { $0 + 1 }
let domain = Domain.mask((0..<count).map { $0 % 3 == 0 })

func time(_ label: String, _ body: () throws -> Estimate) rethrows {
    let clock = ContinuousClock()
    var estimate: Estimate?
    let elapsed = try clock.measure { estimate = try body() }
    let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
    print(label.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%9.1f ms   value %.6g", ms, estimate!.value))
}

print("n = \(count), \(strataCount) strata with fpc; domain = every third observation")
let clock = ContinuousClock()
var design: SampleDesign!
let built = try clock.measure { design = try SampleDesign(weights: weights, strata: strata, fpc: fpc) }
print("design construction: \(built)")
let weighted = Estimator(design: design)
try time("weighted mean") { try weighted.mean(values) }
try time("weighted mean, domain") { try weighted.mean(values, in: domain) }
try time("weighted total") { try weighted.total(values) }
try time("weighted ratio") { try weighted.ratio(numerator: values, denominator: denominators) }
try time("weighted proportion (xlogit)") { try weighted.proportion(indicator) }
try time("weighted median (Woodruff)") { try weighted.median(values) }
try time("weighted median (Woodruff), domain") { try weighted.median(values, in: domain) }
try time("unweighted proportion (Wilson)") { try Estimator.unweighted.proportion(indicator) }
try time("unweighted mean (t)") { try Estimator.unweighted.mean(values) }
try time("unweighted median (order stats)") { try Estimator.unweighted.median(values) }
