/// What cleaning did to one round: how many responses were read, and which each rule removed.
public struct CleaningLog: Sendable, Hashable {
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        case test
        case completeness
        case duplicate
        case eligibility

        /// The fixed order rules run in.
        public static let order: [Rule] = [.test, .completeness, .duplicate, .eligibility]
    }

    public struct Entry: Sendable, Hashable {
        public let rule: Rule
        /// The rule as written (`min_completeness 0.8`, the eligibility expression).
        public let description: String
        /// The ids of the responses it removed, in id order.
        public internal(set) var removed: [Int64]
        /// The completeness rule's threshold: the share of applicable questions a response must answer.
        public internal(set) var minShare: Double? = nil
        /// The duplicate rule's key: the variables two responses share to be duplicates.
        public internal(set) var keyNames: [String] = []

        public var count: Int { removed.count }
    }

    public let round: String
    /// Responses read: complete ones, and partial ones when completeness is judged.
    public internal(set) var read: Int
    /// Of those, partial (not submitted).
    public internal(set) var partial: Int
    /// One entry per declared rule, in the order they ran.
    public internal(set) var entries: [Entry]

    public init(round: String, read: Int = 0, partial: Int = 0, entries: [Entry] = []) {
        self.round = round
        self.read = read
        self.partial = partial
        self.entries = entries
    }

    /// Responses left for estimation.
    public var kept: Int { read - entries.reduce(0) { $0 + $1.count } }
}
