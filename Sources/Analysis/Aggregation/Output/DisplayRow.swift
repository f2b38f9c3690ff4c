import Foundation
import Frameworks

/// A result row as text, on the indicator's display scale (a share with unit percent ×100): the
/// one view every output (table, CSV, JSON) is printed from. A suppressed or unavailable cell
/// yields no estimate, standard error, interval or change, because its outcome holds none. A
/// published estimate or change without an interval says why, as a code in `interval_note` and
/// `change_note`; `note` is only for a cell without an estimate, so the three never meet in a row
/// but `interval_note` and `change_note` can.
public struct DisplayRow: Sendable, Hashable {
    public static let columns = [
        "indicator", "node", "round", "breakdown", "group", "group_code", "n", "estimate", "se", "ci_low", "ci_high", "deff", "n_effective",
        "unit", "suppressed", "target", "status", "change", "change_low", "change_high", "note", "interval_note", "change_note",
    ]

    public let indicator: String
    public let node: String
    public let round: String
    /// The breakdown variable (empty for the total); a partner export names it as its data does.
    public var breakdown: String
    /// The group's label in the results language (`Totalt`, `Uppgift saknas`).
    public let group: String
    /// The group's code as the responses hold it (`AB`, `true`, `web`), which stays when a label is
    /// reworded; empty for the total and for "not answered" (the responses without a value). A
    /// partner export writes its partner code, as its data does.
    public var groupCode: String
    public let n: String
    public let estimate: String
    public let standardError: String
    public let low: String
    public let high: String
    /// The design effect of a weighted estimate (docs/statistics.md), not scaled to the display.
    public let designEffect: String
    /// Kish's effective sample size of a weighted cell's weights.
    public let effectiveSampleSize: String
    public let unit: String
    /// `primary` (too few responses), `secondary`, `dominance` (the p % rule) or empty.
    public let suppressed: String
    public let target: String
    public let status: String
    public let change: String
    public let changeLow: String
    public let changeHigh: String
    /// Why a cell has no estimate.
    public let note: String
    /// Why a published estimate has no interval.
    public let intervalReason: NoIntervalReason?
    /// Why a published change has no interval.
    public let changeReason: NoIntervalReason?

    /// The row's fields in ``columns`` order.
    public var fields: [String] {
        [indicator, node, round, breakdown, group, groupCode, n, estimate, standardError, low, high, designEffect, effectiveSampleSize,
         unit, suppressed, target, status,
         change, changeLow, changeHigh, note, intervalReason?.code ?? "", changeReason?.code ?? ""]
    }

    /// How many decimals the numbers of a row get.
    public enum Precision: Sendable {
        /// At most `digits`, without trailing zeros (`61.3`, `12`), for tools.
        case trimmed(digits: Int)
        /// As many as the indicator's figures are shown with to people (``Indicator/shownDigits(of:)``),
        /// every one written (`60.0`, `0.452`, `12`).
        case shown
        /// As ``shown``, and written as `style` writes numbers in running text: `−1,5`, `12 345`.
        case written(NumberStyle)
    }

    /// The row in `language`, its numbers written with `precision` after `decimalMark`.
    public init(_ row: ResultRow, indicator definition: Indicator?, language: String, precision: Precision = .trimmed(digits: 6), decimalMark: String = ".") {
        let scale = definition?.showsPercent == true ? 100.0 : 1.0
        func number(_ value: Double?) -> String {
            guard let value, value.isFinite else { return "" }
            switch precision {
            case .trimmed(let digits):
                return Self.format(value * scale, digits: digits, decimalMark: decimalMark)
            case .shown:
                return Self.format(value * scale, fixedDigits: definition?.shownDigits(of: value) ?? 1, decimalMark: decimalMark)
            case .written(let style):
                return style.decimal(value * scale, digits: definition?.shownDigits(of: value) ?? 1)
            }
        }
        func count(_ value: Int) -> String {
            if case .written(let style) = precision { style.integer(value) } else { String(value) }
        }
        /// A figure about the sample rather than the indicator: never scaled.
        func sampleFigure(_ value: Double?, shownDigits: Int) -> String {
            guard let value, value.isFinite else { return "" }
            switch precision {
            case .trimmed(let digits): return Self.format(value, digits: digits, decimalMark: decimalMark)
            case .shown: return Self.format(value, fixedDigits: shownDigits, decimalMark: decimalMark)
            case .written(let style): return style.decimal(value, digits: shownDigits)
            }
        }
        indicator = row.indicator
        node = row.node
        round = row.round
        breakdown = row.group.variable ?? ""
        group = row.group.label
        groupCode = row.group.code ?? ""
        unit = definition?.unit ?? ""
        target = number(row.target)
        status = row.status?.label(language) ?? ""
        switch row.outcome {
        case .published(let cell):
            n = cell.n.map(count) ?? ""
            estimate = number(cell.value)
            standardError = number(cell.standardError)
            low = number(cell.interval?.lower)
            high = number(cell.interval?.upper)
            designEffect = sampleFigure(cell.estimate?.designEffect, shownDigits: 2)
            effectiveSampleSize = sampleFigure(cell.estimate?.kishEffectiveSampleSize, shownDigits: 1)
            suppressed = ""
            change = number(cell.change?.value)
            changeLow = number(cell.change?.interval?.lower)
            changeHigh = number(cell.change?.interval?.upper)
            note = ""
            intervalReason = cell.noIntervalReason
            changeReason = cell.change?.noIntervalReason
        case .suppressed(let cell):
            n = cell.shownBase
            estimate = ""
            standardError = ""
            low = ""
            high = ""
            designEffect = ""
            effectiveSampleSize = ""
            suppressed = cell.reason.code
            change = ""
            changeLow = ""
            changeHigh = ""
            note = ""
            intervalReason = nil
            changeReason = nil
        case .unavailable(let reason):
            n = ""
            estimate = ""
            standardError = ""
            low = ""
            high = ""
            designEffect = ""
            effectiveSampleSize = ""
            suppressed = ""
            change = ""
            changeLow = ""
            changeHigh = ""
            note = reason.text(language)
            intervalReason = nil
            changeReason = nil
        }
    }

    /// A number with at most `digits` decimals, without trailing zeros: `61.3`, `12`, `-0.05`
    /// (`61,3` with the decimal mark `,`).
    public static func format(_ value: Double, digits: Int, decimalMark: String = ".") -> String {
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { return "0" }
        return decimalMark == "." ? text : text.replacingOccurrences(of: ".", with: decimalMark)
    }

    /// A number with exactly `fixedDigits` decimals: `60.0`, `-1.5`, `0.0` for `-0.04` at one digit
    /// (`60,0` with the decimal mark `,`).
    public static func format(_ value: Double, fixedDigits: Int, decimalMark: String = ".") -> String {
        var text = String(format: "%.\(fixedDigits)f", value)
        if text.hasPrefix("-"), !text.contains(where: { ("1"..."9").contains($0) }) { text.removeFirst() }
        return decimalMark == "." ? text : text.replacingOccurrences(of: ".", with: decimalMark)
    }
}

extension ResultSet {
    /// Every row as text, its numbers written with `precision` after `decimalMark`.
    public func displayRows(precision: DisplayRow.Precision = .trimmed(digits: 6), decimalMark: String = ".") -> [DisplayRow] {
        let byID = Dictionary(framework.indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { DisplayRow($0, indicator: byID[$0.indicator], language: language, precision: precision, decimalMark: decimalMark) }
    }
}
