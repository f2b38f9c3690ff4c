/// How strictly a response is checked, by where it comes from.
public enum CheckMode: Hashable, Sendable {
    /// A complete response from the CSV import or the JSON API: every question is checked,
    /// required-if-relevant everywhere, and an answer to a question that is not relevant is an error.
    case complete
    /// A partial response from the CSV import (begun, not submitted): every answer given is checked
    /// as in ``complete``, an answer to a question that is not relevant included, but a required
    /// question left empty is no problem, since the respondent may not have got to it.
    case partial
    /// The web form after one page is posted: only the questions of `page` (an index into
    /// `survey.pages`) are checked; answers that became not relevant, anywhere, are cleared.
    case page(Int)
    /// The web form's final submission: every question is checked as in ``complete``, but answers
    /// that are not relevant are cleared rather than refused.
    case submission

    func checks(page: Int) -> Bool {
        if case .page(let p) = self { return p == page }
        return true
    }

    /// Whether an answer to a question that is not relevant is a problem (rather than cleared).
    var refusesAnswersNotShown: Bool { self == .complete || self == .partial }

    /// Whether a required question that is shown must be answered.
    var requiresAnswers: Bool { self != .partial }
}
