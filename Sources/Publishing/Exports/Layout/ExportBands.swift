import CSV
import SurveyDefinition

/// The bands a partner export writes instead of an exact number: global recoding, from the
/// question's `export_bands` (lower limits l₁ < … < lₙ), before local suppression. Band 0 holds the
/// values below l₁, band i those from lᵢ up to but not including lᵢ₊₁, the last those from lₙ up.
///
/// Codes are stable and state the limits exactly, alike for integers and decimals: `<1990`,
/// `1990-<2000`, `>=2020`, numbers written as in the data (a point, no exponent). Not `1990-1999`:
/// a spreadsheet reads `10-49` as a date. A code that starts like a formula (`-10-<0`) is written
/// with the apostrophe in front, as every text cell is (``FormulaNeutralization``).
public struct ExportBands: Hashable, Sendable {
    public let limits: [Double]
    /// Of an integer question: its labels for people name the last whole number of a band.
    public let isWhole: Bool
    /// One code per band, in order: `limits.count + 1` of them.
    public let codes: [String]

    /// `limits`: at least one, strictly increasing (as a definition's `export_bands` are, E117, E124).
    public init(limits: [Double], isWhole: Bool) {
        precondition(!limits.isEmpty, "bands need at least one limit")
        self.limits = limits
        self.isWhole = isWhole
        let numbers = limits.map(DecimalText.cell)
        codes = ["<\(numbers[0])"] + zip(numbers, numbers.dropFirst()).map { "\($0)-<\($1)" } + [">=\(numbers[numbers.count - 1])"]
    }

    /// The bands of `variable` in an export: only a partner export recodes.
    init?(_ variable: Variable, profile: ExportProfile?) {
        guard profile == .euclid, let limits = variable.exportBands, !limits.isEmpty else { return nil }
        self.init(limits: limits, isWhole: variable.type == .integer)
    }

    /// The band `value` falls in: a value equal to a limit is in the band that starts there.
    public func band(of value: Double) -> Int {
        var low = 0
        var high = limits.count
        while low < high {
            let middle = (low + high) / 2
            if limits[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The codes as a data cell holds them.
    var writtenCodes: [String] { codes.map(FormulaNeutralization.neutralized) }

    /// The band in words, in `language` (Swedish for `sv`, else English): `1990 to 1999`,
    /// `10 to under 50`, `under 1990`, `2020 or more`.
    public func label(_ band: Int, language: String) -> String {
        let sv = language == "sv"
        let number: (Double) -> String = { sv ? DecimalText.withDecimalComma(DecimalText.cell($0)) : DecimalText.cell($0) }
        if band == 0 { return "under \(number(limits[0]))" }
        let from = limits[band - 1]
        guard band < limits.count else { return "\(number(from)) \(sv ? "eller mer" : "or more")" }
        let to = limits[band]
        if isWhole {
            return to - 1 == from ? number(from) : "\(number(from)) \(sv ? "till" : "to") \(number(to - 1))"
        }
        return "\(number(from)) \(sv ? "till under" : "to under") \(number(to))"
    }

    /// What the codes mean, in one sentence: for the column's description and the codebook.
    public func summary(language: String) -> String {
        let list = limits.map(DecimalText.cell).joined(separator: ", ")
        return language == "sv"
            ? "publicerad i klasser (export_bands \(list)): `<a` under a, `a-<b` från a till under b, `>=a` a eller mer; det exakta talet finns inte i paketet"
            : "published in bands (export_bands \(list)): `<a` below a, `a-<b` from a up to but not including b, `>=a` a or more; the exact number is not in the package"
    }
}
