import Diagnostics

/// One screen of the survey: shown only when `relevant` holds, its questions in order.
public struct Page: Hashable, Sendable {
    public var id: String
    public var title: LocalizedText?
    public var relevant: ExpressionSource?
    public var questions: [Question]
    public var location: SourceLocation
    /// Where the value of each key was written (`id`, `relevant`…), by key.
    public var keyLocations: [String: SourceLocation]

    public init(
        id: String, title: LocalizedText? = nil, relevant: ExpressionSource? = nil, questions: [Question],
        location: SourceLocation, keyLocations: [String: SourceLocation] = [:]
    ) {
        self.id = id
        self.title = title
        self.relevant = relevant
        self.questions = questions
        self.location = location
        self.keyLocations = keyLocations
    }

    /// Where the value of `key` was written, else where the page starts.
    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }
}
