/// Which responses a scan reads.
public enum ResponseSelection: Hashable, Sendable {
    case complete
    /// Partial and complete: cleaning rules that judge completeness need both.
    case all
}
