/// Reading a quantile off the weighted distribution function, as R's survey `qrule_math` does
/// (survey ≥ 4.1, the default `qrule = "math"`).
///
/// Observations with weight 0 are dropped and the rest sorted by value (ties in their original
/// order). With cumulative weights C₁ ≤ … ≤ Cₙ and total W, pos is the last i with Cᵢ ≤ p·W
/// (1 if there is none); the quantile is x_pos when Cpos/W equals p exactly, and x_{pos+1}
/// otherwise (x_n at the end). For p above the first share this is the smallest x with F(x) ≥ p.
/// Like R, cumulative sums are accumulated in extended precision (on x86-64) and rounded to
/// double at each step, so exact ties (equal weights, even n) resolve as they do in R.
enum WeightedQuantileRule {
    #if arch(x86_64)
    typealias Accumulator = Float80
    #else
    typealias Accumulator = Double
    #endif

    /// An ordered sample ready for repeated quantile look-ups.
    struct Sorted {
        let values: [Double]
        let cumulative: [Double]
        let total: Double

        init(values: [Double], weights: [Double]) {
            var kept: [(value: Double, index: Int)] = []
            kept.reserveCapacity(values.count)
            for index in values.indices where weights[index] != 0 { kept.append((values[index], index)) }
            var sum: Accumulator = 0
            for entry in kept { sum += Accumulator(weights[entry.index]) }
            kept.sort { $0.value < $1.value || ($0.value == $1.value && $0.index < $1.index) }
            var running: Accumulator = 0
            var cumulative: [Double] = []
            cumulative.reserveCapacity(kept.count)
            for entry in kept {
                running += Accumulator(weights[entry.index])
                cumulative.append(Double(running))
            }
            self.values = kept.map(\.value)
            self.cumulative = cumulative
            self.total = Double(sum)
        }

        func quantile(_ p: Double) -> Double {
            let threshold = p * total
            // Last position with cumulative ≤ threshold (binary search; cumulative is non-decreasing).
            var low = 0
            var high = cumulative.count
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] <= threshold { low = middle + 1 } else { high = middle }
            }
            let position = max(low - 1, 0)
            if p - cumulative[position] / total == 0 { return values[position] }
            return values[min(position + 1, values.count - 1)]
        }
    }
}
