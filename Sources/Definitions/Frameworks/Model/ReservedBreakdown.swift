/// A breakdown Samla provides from what it knows of each response, not from a survey's answers:
/// named in `disaggregate` beside survey variables. Its names begin with `samla.`, which no
/// survey variable can (a variable name is an identifier, without a dot).
public enum ReservedBreakdown: String, Hashable, Sendable, CaseIterable {
    /// How each response was collected: the web form, an import, or the JSON API.
    case source = "samla.source"

    /// The prefix of every reserved name.
    public static let prefix = "samla."

    /// Whether `name` is in the reserved namespace (`samla.…`), known or not.
    public static func isReserved(_ name: String) -> Bool {
        name.hasPrefix(prefix)
    }

    /// What it groups by, for messages.
    public var meaning: String {
        switch self {
        case .source: "how each response was collected: web form, import or API"
        }
    }

    /// The reserved names there are, in order.
    public static var names: [String] { allCases.map(\.rawValue) }
}
