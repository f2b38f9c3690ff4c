/// What cleaning did to one round: how many responses were read, and which each rule removed.
public struct CleaningLog: Sendable, Hashable {
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        case test
        case completeness
        case speed
        case duplicate
        case eligibility

        /// The fixed order rules run in.
        public static let order: [Rule] = [.test, .completeness, .speed, .duplicate, .eligibility]

        /// What the rule removes, in a results language: `Dubbletter`, `Duplicates`.
        public func label(_ language: String) -> String {
            let sv = language == "sv"
            return switch self {
            case .test: sv ? "Testsvar" : "Test responses"
            case .completeness: sv ? "För ofullständiga" : "Not complete enough"
            case .speed: sv ? "För snabba" : "Too fast"
            case .duplicate: sv ? "Dubbletter" : "Duplicates"
            case .eligibility: sv ? "Utanför populationen" : "Outside the population"
            }
        }
    }

    public struct Entry: Sendable, Hashable {
        public let rule: Rule
        /// The condition as written in the framework, for the test and eligibility rules.
        public let condition: String?
        /// The ids of the responses it removed, in id order.
        public internal(set) var removed: [Int64]
        /// The completeness rule's threshold: the share of applicable questions a response must answer.
        public internal(set) var minShare: Double? = nil
        /// The speed rule's threshold: the least time in minutes a web response must take.
        public internal(set) var minMinutes: Double? = nil
        /// The speed rule: responses it saw but could not time, collected by import or the API.
        public internal(set) var untimed = 0
        /// The duplicate rule's key: the variables two responses share to be duplicates.
        public internal(set) var keyNames: [String] = []

        public var count: Int { removed.count }

        /// The rule in a results language: its condition as written (`${consent} = 'yes'`), or
        /// in words: `minst 80 % av de frågor som gällde svaret besvarade`,
        /// `completed in under 2.5 minutes`, `the same org_name and contact_email as an earlier response`.
        public func description(_ language: String) -> String {
            let sv = language == "sv", numbers = NumberStyle(language: language)
            switch rule {
            case .completeness:
                let percent = numbers.percent(whole: Int(((minShare ?? 0) * 100).rounded()))
                return sv ? "minst \(percent) av de frågor som gällde svaret besvarade" : "at least \(percent) of the questions that applied answered"
            case .speed:
                let minutes = minMinutes ?? 0
                let number = DisplayRow.format(minutes, digits: 6, decimalMark: sv ? "," : ".")
                return sv
                    ? "besvarade på under \(numbers.quantity(number, minutes == 1 ? "minut" : "minuter"))"
                    : "completed in under \(numbers.quantity(number, minutes == 1 ? "minute" : "minutes"))"
            case .duplicate:
                let key = keyNames.joined(separator: sv ? " och " : " and ")
                return sv ? "samma \(key) som ett tidigare svar" : "the same \(key) as an earlier response"
            case .test, .eligibility:
                return condition ?? ""
            }
        }

        /// The speed rule's responses that were not timed, in a results language, when there are
        /// any, the count written by `number` and joined to its words as ``NumberStyle`` joins them:
        /// `3 not timed: collected by import or the API`, `3 inte tidtagna: …` (a no-break space).
        public func untimedNote(_ language: String, number: (Int) -> String = { String($0) }) -> String? {
            guard untimed > 0 else { return nil }
            let space = NumberStyle(language: language).wordSpace
            return language == "sv"
                ? "\(number(untimed))\(space)inte tidtagna: insamlade genom import eller API"
                : "\(number(untimed)) not timed: collected by import or the API"
        }
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
