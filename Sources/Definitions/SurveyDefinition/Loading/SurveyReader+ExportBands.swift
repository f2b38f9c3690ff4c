import Diagnostics
import YAMLReading

extension SurveyReader {
    /// The lower limits of `export_bands`, or nil when the list cannot be used: E006 when it is not
    /// a list, E117 when it is empty, E124 for an item that is not a number (a whole number when
    /// `whole`) or not greater than the one before.
    mutating func readExportBands(_ node: YAMLNode, of place: String, whole: Bool) -> [Double]? {
        guard let items = node.list("`export_bands` of \(place)", diagnostics: &diagnostics) else { return nil }
        if items.isEmpty {
            diagnostics.report(.emptyList, at: node.location,
                               "`export_bands` of \(place) has no limits; write the lower limits of the bands in increasing order, e.g. [10, 50, 250], or remove the key")
            return nil
        }
        var limits: [Double] = []
        for (index, item) in items.enumerated() {
            let what = "limit \(index + 1) of `export_bands` of \(place)"
            guard let scalar = item.scalar, !scalar.isNull, !scalar.isQuoted, scalar.tag == nil,
                  whole ? DefaultValueRules.isInteger(scalar.text) : DefaultValueRules.isDecimal(scalar.text),
                  let limit = Double(scalar.text) else {
                let written = item.scalar.map { $0.isQuoted ? "\"\($0.text)\" (quoted)" : "'\($0.text)'" } ?? item.kindDescription
                let rule = whole
                    ? "a whole number without quotes (the question is integer), e.g. 2010"
                    : "a number without quotes, with a point for decimals, e.g. 2.5"
                diagnostics.report(.exportBandsInvalid, at: item.location, "\(what) must be \(rule), not \(written)")
                return nil
            }
            if let previous = limits.last, limit <= previous {
                diagnostics.report(.exportBandsInvalid, at: item.location,
                                   "\(what) is \(scalar.text), not greater than the limit before it (\(items[index - 1].scalar?.text ?? "")); write the lower limits in strictly increasing order, each once")
                return nil
            }
            limits.append(limit)
        }
        return limits
    }
}
