import Diagnostics

/// A survey definition: its identity, languages, choice lists and pages of questions.
public struct Survey: Hashable, Sendable {
    /// A slug, unique among surveys: `esem-se`.
    public var id: String
    public var version: String
    public var title: LocalizedText
    /// Shown on the form's first page, if given.
    public var description: LocalizedText?
    /// Every text exists in every one of these; the first is the default.
    public var languages: [String]
    public var choiceLists: [ChoiceList]
    public var pages: [Page]
    /// The condition on a response's answers that means its respondent declined to take part
    /// (`${consent} = 'no'`): the response rates count such an invitation as a refusal (AAPOR R).
    public var refusal: ExpressionSource?
    /// The start of the definition file.
    public var location: SourceLocation
    /// Where the value of each top-level key was written (`id`, `languages`…), by key.
    public var keyLocations: [String: SourceLocation]

    public init(
        id: String, version: String, title: LocalizedText, description: LocalizedText? = nil, languages: [String],
        choiceLists: [ChoiceList], pages: [Page], refusal: ExpressionSource? = nil, location: SourceLocation,
        keyLocations: [String: SourceLocation] = [:]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.languages = languages
        self.choiceLists = choiceLists
        self.pages = pages
        self.refusal = refusal
        self.location = location
        self.keyLocations = keyLocations
    }

    /// Where the value of `key` was written, else the start of the file.
    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }

    /// Every question in order, across pages.
    public var questions: [Question] { pages.flatMap(\.questions) }

    public func question(named name: String) -> Question? {
        for page in pages { if let q = page.questions.first(where: { $0.name == name }) { return q } }
        return nil
    }

    /// The page that asks the question named `name`.
    public func page(asking name: String) -> Page? {
        pages.first { page in page.questions.contains { $0.name == name } }
    }

    public func choiceList(named name: String) -> ChoiceList? {
        choiceLists.first { $0.name == name }
    }

    /// The options a question offers before any `choice_filter`: its list, and `other` if it allows one.
    public func choices(for question: Question) -> [Choice] {
        guard let name = question.choiceList, let list = choiceList(named: name) else { return [] }
        guard question.allowsOther, list.choice(Choice.otherValue) == nil else { return list.choices }
        return list.choices + [Choice(value: Choice.otherValue, label: Choice.otherLabel, location: question.location)]
    }

    /// Every stored variable in column order: the data layout of a response.
    public var variables: [Variable] { questions.flatMap(\.variables) }
}
