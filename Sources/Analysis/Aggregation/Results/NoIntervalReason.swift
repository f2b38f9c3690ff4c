import Estimators

/// Why a published figure (an estimate or a change between rounds) has no interval: the
/// estimators' reason, or that the figure is a value reported as it is rather than estimated from
/// responses, or that the round's weighting fixes it. ``code`` names it for tools; ``text(_:)`` says
/// it in a results language.
public enum NoIntervalReason: Sendable, Hashable {
    case estimator(IntervalNote)
    /// A reported value (or a change between two) is not a sample estimate.
    case reportedValue
    /// The total of a variable the round is calibrated to, over the whole round: the calibration
    /// makes it the population's known total, so it is not estimated (its standard error is 0).
    case calibratedTotal
    /// A weighted count the round's weighting fixes (of the whole round, or of one code of a
    /// variable it meets exactly), or a change between two figures the weighting fixes: known
    /// population figures, not estimates.
    case fixedByWeighting

    /// Every reason there can be, for the codes a schema allows.
    public static var all: [NoIntervalReason] { IntervalNote.allCases.map(Self.estimator) + [.reportedValue, .calibratedTotal, .fixedByWeighting] }

    /// A stable name: the estimators' ``IntervalNote`` code (`share-at-one`, `proportion-at-boundary`),
    /// `reported-value`, `calibrated-total` or `fixed-by-weighting`.
    public var code: String {
        switch self {
        case .estimator(let note): note.rawValue
        case .reportedValue: "reported-value"
        case .calibratedTotal: "calibrated-total"
        case .fixedByWeighting: "fixed-by-weighting"
        }
    }

    /// The reason in a results language: Swedish for `sv`, else English.
    public func text(_ language: String) -> String {
        let sv = language == "sv", hundred = NumberStyle(language: language).percent(whole: 100)
        switch self {
        case .reportedValue:
            return sv ? "ett rapporterat värde är ingen skattning från svar" : "a reported value is not an estimate from responses"
        case .calibratedTotal:
            return sv
                ? "kalibreringen fastställer summan till populationens kända summa, så den är ingen skattning och saknar osäkerhet"
                : "the calibration fixes this total at the population's known total, so it is not an estimate and has no uncertainty"
        case .fixedByWeighting:
            return sv
                ? "viktningen fastställer värdet utifrån populationens kända antal och summor, så det är ingen skattning och saknar osäkerhet"
                : "the weighting fixes this figure from the population's known counts and totals, so it is not an estimate and has no uncertainty"
        case .estimator(let note):
            switch note {
            case .singleObservation:
                return sv ? "bara ett svar, så ingen spridning kan skattas" : "only one response, so no spread can be estimated"
            case .tooFewForLevel:
                return sv ? "för få svar för ett fördelningsfritt intervall på den nivån" : "too few responses for a distribution-free interval at that level"
            case .proportionAtBoundary:
                return sv
                    ? "andelen är 0 eller 1 (0 eller \(hundred)), där dess standardfel 0 inte säger något om osäkerheten"
                    : "the proportion is 0 or 1 (0 or \(hundred)), where its standard error of 0 says nothing of its uncertainty"
            case .ratioAtZero:
                return sv
                    ? "ingen täljare är över 0, så kvoten är 0 och dess standardfel 0 säger inget om osäkerheten"
                    : "no numerator is above 0, so the ratio is 0 and its standard error of 0 says nothing of its uncertainty"
            case .shareAtOne:
                return sv
                    ? "varje täljare är lika med sin nämnare, så andelen är 1 (\(hundred)) och dess standardfel 0 säger inget om osäkerheten"
                    : "every numerator equals its denominator, so the share is 1 (\(hundred)) and its standard error of 0 says nothing of its uncertainty"
            case .noDegreesOfFreedom:
                return sv ? "designen lämnar inga frihetsgrader för intervallet" : "the design leaves no degrees of freedom for the interval"
            case .quantileBoundOutOfRange:
                return sv
                    ? "intervallet för fördelningsfunktionen går utanför 0–1, så en gräns för medianen saknas"
                    : "the interval of the distribution function leaves 0–1, so a bound of the median is undefined"
            case .zeroVariance:
                return sv ? "alla värden är lika i båda omgångarna" : "all values are equal in both rounds"
            case .noStandardError:
                return sv ? "en av de två skattningarna saknar standardfel" : "one of the two estimates has no standard error"
            case .descriptiveTally:
                return sv
                    ? "en ovägd summa eller ett ovägt antal räknar svaren och har inget urvalsintervall"
                    : "an unweighted total or count tallies the responses and has no sampling interval"
            }
        }
    }
}
