import Expressions
import SurveyDefinition

/// What `samla round open` asks of the store: open a new round of a definition, or re-open an
/// existing one, possibly with a changed definition or dates.
public struct RoundRequest: Sendable {
    public var name: String
    public var document: SurveyDocument
    /// Required for a new round; for an existing round, nil keeps the stored date.
    public var opens: CalendarDate?
    public var closes: CalendarDate?
    /// Required as given for a new round (nil means invitation-only); for an existing round,
    /// nil keeps the stored setting and a different value is refused.
    public var anonymous: Bool?

    public init(name: String, document: SurveyDocument, opens: CalendarDate? = nil, closes: CalendarDate? = nil, anonymous: Bool? = nil) {
        self.name = name
        self.document = document
        self.opens = opens
        self.closes = closes
        self.anonymous = anonymous
    }
}
