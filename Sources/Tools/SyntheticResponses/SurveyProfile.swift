/// Realistic answer distributions for one survey, by variable name. Variables a profile does
/// not name get generic values by type (see ``GenericDraws``).
public struct SurveyProfile: Sendable {
    public var surveyID: String
    public var draws: [String: AnswerDraw]
    /// The chance that an optional, relevant question is left unanswered.
    public var skipOptional: Double
    /// Response languages by weight.
    public var languages: [Weighted]
    /// Draws that replace the usual ones in responses of a variant (a test response's
    /// organisation name, an ineligible response's priorities).
    public var variants: [ResponseVariant: [String: AnswerDraw]]

    public init(
        surveyID: String, draws: [String: AnswerDraw], skipOptional: Double = 0.05,
        languages: [Weighted] = [Weighted("sv", 0.85), Weighted("en", 0.15)],
        variants: [ResponseVariant: [String: AnswerDraw]] = [:]
    ) {
        self.surveyID = surveyID
        self.draws = draws
        self.skipOptional = skipOptional
        self.languages = languages
        self.variants = variants
    }

    /// The shipped profile for a survey id (`esem-se`, `msi-forum`, `platform-inventory`,
    /// `samverkansforum`), if any.
    public static func builtIn(for surveyID: String) -> SurveyProfile? {
        switch surveyID {
        case "esem-se": .esem
        case "msi-forum": .msiForum
        case "platform-inventory": .platformInventory
        case "samverkansforum": .samverkansforum
        default: nil
        }
    }

    /// A profile with no particular distributions: every answer generic by type.
    public static func generic(for surveyID: String) -> SurveyProfile {
        SurveyProfile(surveyID: surveyID, draws: [:])
    }
}

/// Kinds of generated responses. Besides regular ones, a generator can make the responses
/// that cleaning rules are there to remove.
public enum ResponseVariant: String, Hashable, Sendable, CaseIterable {
    case regular
    /// Stopped part-way (a partial response, less than 80% complete).
    case incomplete
    /// The same answers as an earlier response.
    case duplicate
    /// A test response (named as one).
    case test
    /// Outside the population (ESEM: impact prioritised below financial return).
    case ineligible
}
