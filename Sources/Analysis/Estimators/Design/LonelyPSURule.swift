/// What to do with a stratum that has a single primary sampling unit (R's `options(survey.lonely.psu)`).
public enum LonelyPSURule: String, Sendable, Hashable, CaseIterable {
    /// Refuse the estimate with ``EstimationError/singlePSU(stratum:)`` (R's default).
    case fail
    /// The stratum adds nothing to the variance (R's "remove" and "certainty").
    case remove
    /// The stratum's unit is compared with zero instead of its stratum mean (R's "adjust").
    case adjust
    /// The stratum is left out and the variance scaled up by strata / strata with ≥ 2 units (R's "average").
    case average
}
