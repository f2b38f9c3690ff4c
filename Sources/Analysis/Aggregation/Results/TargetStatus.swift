/// Where an estimate stands against the indicator's target.
public enum TargetStatus: String, Sendable, Hashable, CaseIterable {
    /// The estimate reaches the target (≥ for direction up, ≤ for down).
    case met
    /// Not yet at the target, but at or beyond the straight path from the baseline to the target.
    case onTrack = "on track"
    /// Before the target's round, behind the straight path from the baseline to the target.
    case offTrack = "off track"
    /// At the target's own round, short of the target.
    case notMet = "not met"

    /// The status in a results language.
    public func label(_ language: String) -> String {
        switch (self, language) {
        case (.met, "sv"): "uppnått"
        case (.onTrack, "sv"): "i fas"
        case (.offTrack, "sv"): "inte i fas"
        case (.notMet, "sv"): "inte uppnått"
        default: rawValue
        }
    }
}
