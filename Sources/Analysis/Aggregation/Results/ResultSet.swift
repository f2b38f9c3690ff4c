import Diagnostics
import Frameworks

/// The results of computing a framework: its rows, the cleaning log of every round used, and
/// what could not be computed. The cleaning log travels with every output of the set.
public struct ResultSet: Sendable {
    public let framework: Framework
    /// The language of group labels and statuses, and the one its notes and reasons are said in.
    public let language: String
    public let rows: [ResultRow]
    public let cleaning: [CleaningLog]
    /// Responses left out of each indicator's base because its value was empty, by indicator and round.
    public let missing: [MissingCount]
    /// Rounds asked for that have no data (not yet collected), and similar remarks.
    public let notes: [ResultNote]

    public init(framework: Framework, language: String, rows: [ResultRow], cleaning: [CleaningLog], missing: [MissingCount], notes: [ResultNote]) {
        self.framework = framework
        self.language = language
        self.rows = rows
        self.cleaning = cleaning
        self.missing = missing
        self.notes = notes
    }

    /// The warnings the results carry, each at its indicator in the framework: a change between
    /// two rounds whose definitions ask a question the indicator reads differently (W305).
    public var warnings: [Diagnostic] {
        notes.compactMap { note in
            guard case .questionChanged(let id, let round, _, _, _, _) = note,
                  let indicator = framework.indicators.first(where: { $0.id == id }) else { return nil }
            return Diagnostic(.questionChangedBetweenRounds, at: indicator.location, note.text("en")
                + ". The change is given all the same, with this note in the results and the report. If the answers mean the same, "
                + "say so on the indicator (`comparable: [\(round)]`) and the warning goes; if not, "
                + "say so in the indicator's description, or follow the changed question as an indicator of its own; "
                + "and give a question whose meaning changes a new name in the next year's definition (docs/rounds.md, \"The next year's round\")")
        }
    }
}

/// How many responses of an indicator's universe had no value (an empty numerator or value).
public struct MissingCount: Sendable, Hashable {
    public let indicator: String
    public let round: String
    public let count: Int
}
