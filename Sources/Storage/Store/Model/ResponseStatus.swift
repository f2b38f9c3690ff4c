public enum ResponseStatus: String, Hashable, Sendable, CaseIterable {
    /// Begun and perhaps resumed later; not submitted.
    case partial
    /// Submitted: every required question answered, checked.
    case complete
}
