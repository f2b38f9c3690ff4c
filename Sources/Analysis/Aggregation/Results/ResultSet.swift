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
    /// two rounds whose definitions ask a question the indicator reads differently (W305); a base
    /// that holds responses never asked a question its value reads (W307).
    public var warnings: [Diagnostic] {
        changedQuestionWarnings + notAskedWarnings
    }

    private var changedQuestionWarnings: [Diagnostic] {
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

extension ResultSet {
    /// One W307 per indicator whose base, in a round asked for, held responses never asked a
    /// question deciding its value.
    fileprivate var notAskedWarnings: [Diagnostic] {
        let unasked = missing.filter { $0.notAskedCount > 0 }
        return framework.indicators.compactMap { indicator in
            let counts = unasked.filter { $0.indicator == indicator.id }
            guard !counts.isEmpty else { return nil }
            // Each question with the conditions that hid it in any round, in the order first met.
            var questions: [(name: String, conditions: [String])] = []
            for entry in counts.flatMap(\.notAsked) {
                guard let index = questions.firstIndex(where: { $0.name == entry.question }) else {
                    questions.append((entry.question, entry.conditions))
                    continue
                }
                for condition in entry.conditions where !questions[index].conditions.contains(condition) {
                    questions[index].conditions.append(condition)
                }
            }
            let asked = questions.map { "\($0.name), which `\(MissingCount.NotAsked.conjunction($0.conditions))` hid from them" }
            let rounds = counts.map { "\($0.notAskedCount) in \($0.round)" }
            var conditions: [String] = []
            for condition in questions.flatMap(\.conditions) where !conditions.contains(condition) { conditions.append(condition) }
            return Diagnostic(.baseHoldsResponsesNotAsked, at: indicator.location,
                "the base of \(indicator.id) holds responses that were never asked "
                + ResultNote.list(asked, and: "or") + ": " + ResultNote.list(rounds, and: "and")
                + ". They have no value and are left out of the base, counted among the responses without a value as if they had not answered. "
                + "Give the indicator a `universe` that says whom it is about, such as `universe: \"\(MissingCount.NotAsked.conjunction(conditions))\"`, "
                + "so that its base is those asked and its responses without a value are answers not given (docs/framework-format.md, \"What each kind computes\")")
        }
    }
}

/// How many responses of an indicator's universe had no value (an empty numerator or value).
public struct MissingCount: Sendable, Hashable {
    /// Responses without a value because a question deciding it was hidden from them by its
    /// page's or its own `relevant`: never asked, rather than not answered.
    public struct NotAsked: Sendable, Hashable {
        public let question: String
        /// The `relevant` conditions (the page's, the question's) that were false for at least one
        /// of these responses; a condition that held for all of them did not hide the question.
        public let conditions: [String]
        public let count: Int

        public init(question: String, conditions: [String], count: Int) {
            self.question = question
            self.conditions = conditions
            self.count = count
        }

        /// `conditions` as one, as a `universe` would say it.
        public var condition: String { Self.conjunction(conditions) }

        /// `texts` joined by `and`, each in brackets where it has an `or` of its own.
        static func conjunction(_ texts: [String]) -> String {
            guard texts.count > 1 else { return texts.first ?? "" }
            return texts.map { $0.contains(" or ") ? "(\($0))" : $0 }.joined(separator: " and ")
        }
    }

    public let indicator: String
    public let round: String
    public let count: Int
    /// Of `count`, those never asked, per question (each response at the first that was hidden from it).
    public let notAsked: [NotAsked]

    /// How many of `count` were never asked.
    public var notAskedCount: Int { notAsked.reduce(0) { $0 + $1.count } }
}
