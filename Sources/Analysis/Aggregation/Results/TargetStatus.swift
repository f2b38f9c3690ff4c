/// Where an estimate stands against the indicator's target.
public enum TargetStatus: String, Sendable, Hashable, CaseIterable {
    /// The estimate reaches the target (≥ for direction up, ≤ for down).
    case met
    /// Not yet at the target, but at or beyond the straight path from the baseline to the target.
    case onTrack = "on track"
    /// Behind the path, or past the target's round without reaching it.
    case offTrack = "off track"

    /// The status in a results language.
    public func label(_ language: String) -> String {
        switch (self, language) {
        case (.met, "sv"): "uppnått"
        case (.onTrack, "sv"): "i fas"
        case (.offTrack, "sv"): "inte i fas"
        default: rawValue
        }
    }
}
