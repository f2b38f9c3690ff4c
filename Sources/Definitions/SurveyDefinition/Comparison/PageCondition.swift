/// The page a question is asked on and the condition that shows the page: a question moved to a
/// page shown to others (`${imm_status} = 'yes'` instead of everyone who consented) is asked of others.
public struct PageCondition: Sendable, Hashable {
    public let page: String
    /// The page's `relevant`, nil when the page is always shown.
    public let relevant: String?

    public init(page: String, relevant: String?) {
        self.page = page
        self.relevant = relevant
    }

    /// `page impact (shown when "${consent} = 'yes'")`, or its Swedish.
    func text(_ language: String, code: (String) -> String) -> String {
        let sv = language == "sv"
        let shown = relevant.map { sv ? "visas när \(code($0))" : "shown when \(code($0))" } ?? (sv ? "visas alltid" : "always shown")
        return sv ? "sidan \(page) (\(shown))" : "page \(page) (\(shown))"
    }
}
