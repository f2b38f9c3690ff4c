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
}

/// How many responses of an indicator's universe had no value (an empty numerator or value).
public struct MissingCount: Sendable, Hashable {
    public let indicator: String
    public let round: String
    public let count: Int
}
