import Aggregation
import Foundation
import Frameworks
import HTML

/// How one indicator's figures read in the report: shares with unit percent ×100 with one
/// decimal and a percent sign, means and ratios with one decimal, tallies as whole numbers.
struct IndicatorFormat: Sendable {
    let indicator: Indicator
    let numbers: NumberStyle

    var isPercent: Bool { indicator.showsPercent }

    /// A value on the indicator's own scale, without its unit: `45,2` for a share of 0.452.
    func number(_ value: Double) -> String {
        numbers.amount(isPercent ? value * 100 : value, digits: indicator.shownDigits(of: value))
    }

    /// A value with its percent sign where it has one: `45,2 %`.
    func value(_ value: Double) -> String {
        isPercent ? number(value) + numbers.percentSign : number(value)
    }

    /// A value with its unit in words where it has one, after a no-break space: `45,2 %`,
    /// `12 publikationer`.
    func valueWithUnit(_ value: Double, words: ReportWords) -> String {
        if let unit = words.unit(indicator.unit) { return numbers.quantity(self.value(value), unit) }
        return self.value(value)
    }

    /// An interval: `40,1–50,3`.
    func interval(_ low: Double, _ high: Double) -> String {
        numbers.range(number(low), number(high))
    }

    /// An interval in words, for text that is only heard, such as a chart's name: `40,1 till 50,3`.
    func spokenInterval(_ low: Double, _ high: Double) -> String {
        numbers.span(number(low), number(high))
    }

    /// An interval shown with its dash and heard with its word (``SpokenRange``).
    func interval(_ low: Double, _ high: Double, into html: inout HTMLBuilder) {
        SpokenRange(low: number(low), high: number(high), numbers: numbers).render(into: &html)
    }

    /// A change: `+3,1`, `−2,0` (percentage points for a share shown in percent).
    func change(_ value: Double) -> String {
        let text = number(value)
        let zero = !text.contains(where: { ("1"..."9").contains($0) })
        return numbers.signed(text, negative: value < 0, zero: zero)
    }

    /// A change with its 95% interval when it has one: `−1,5 (−9,8 till 6,8)`.
    func change(_ value: Double, low: Double?, high: Double?) -> String {
        guard let low, let high else { return change(value) }
        return change(value) + " (" + numbers.span(number(low), number(high)) + ")"
    }

    /// Where a chart's value axis starts and ends, on the display scale.
    func axis(values: [Double]) -> (low: Double, high: Double) {
        let shown = values.filter(\.isFinite).map { isPercent ? $0 * 100 : $0 }
        if isPercent || indicator.kind == .proportion, shown.allSatisfy({ $0 >= 0 && $0 <= (isPercent ? 100 : 1) }) {
            return (0, isPercent ? 100 : 1)
        }
        let low = min(0, shown.min() ?? 0)
        let high = max(shown.max() ?? 1, low + 1)
        return (NiceScale.floor(low), NiceScale.ceil(high))
    }
}

/// Round axis ends: 1, 2, 2.5, 5 and 10 times a power of ten.
enum NiceScale {
    static func ceil(_ value: Double) -> Double {
        guard value > 0 else { return value == 0 ? 0 : -floor(-value) }
        let power = pow10(Foundation.floor(Foundation.log10(value)))
        for step in [1.0, 2, 2.5, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }

    static func floor(_ value: Double) -> Double {
        value >= 0 ? 0 : -ceil(-value)
    }

    static func pow10(_ exponent: Double) -> Double { Foundation.pow(10, exponent) }

    /// About `count` evenly spaced round ticks from `low` to `high`.
    static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
        let span = high - low
        guard span > 0 else { return [low] }
        let raw = span / Double(count)
        let power = pow10(Foundation.floor(Foundation.log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var tick = Foundation.ceil(low / step) * step
        while tick <= high + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }
}
