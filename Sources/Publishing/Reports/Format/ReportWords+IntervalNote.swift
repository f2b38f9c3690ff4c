import Aggregation

extension ReportWords {
    /// Under an indicator's table, which published cells have no interval and why.
    func noIntervalNote(places: [String], reason: String) -> String {
        pick("Inget intervall för \(list(places)): \(reason).", "No interval for \(list(places)): \(reason).")
    }

    /// Under an indicator's table, which published changes have no interval and why.
    func noChangeIntervalNote(places: [String], reason: String) -> String {
        pick("Inget intervall för förändringen av \(list(places)): \(reason).",
             "No interval for the change of \(list(places)): \(reason).")
    }

    /// Why a figure has no interval, in the report's language; nil for a tally, whose lack of an
    /// interval the methods section explains, and for a reported value, shown without an interval column.
    func intervalNote(_ reason: NoIntervalReason) -> String? {
        switch reason {
        case .estimator(.descriptiveTally), .reportedValue: nil
        default: reason.text(language)
        }
    }
}
