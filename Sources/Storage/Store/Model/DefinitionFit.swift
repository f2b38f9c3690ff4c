import Diagnostics
import SurveyDefinition

/// How a survey definition fits the survey's stored layout and answers, as `openRound` checks it
/// before writing (``Store/checkDefinition(_:reopening:)`` checks it without writing).
public struct DefinitionFit: Hashable, Sendable {
    /// Why the definition's variables cannot be stored as columns at all (E449).
    public var problems: [LayoutProblem]
    /// The stored answers the definition would orphan (E445–E447).
    public var incompatibilities: [Incompatibility]
    /// Where each incompatibility is in the definition, when it has a place there.
    public var locations: [Incompatibility: SourceLocation]
    /// What taking the definition would change in the layout, when it fits.
    public var change: LayoutChange

    public init(problems: [LayoutProblem] = [], incompatibilities: [Incompatibility] = [], locations: [Incompatibility: SourceLocation] = [:],
                change: LayoutChange = LayoutChange()) {
        self.problems = problems
        self.incompatibilities = incompatibilities
        self.locations = locations
        self.change = change
    }

    /// The refusal of `openRound` opening (or re-opening) `round` with `survey`'s definition; nil when it fits.
    public func refusal(round: String, survey: Survey) -> StoreError? {
        if !problems.isEmpty { return .unstorableSurvey(survey: survey.id, problems: problems, location: survey.location) }
        if !incompatibilities.isEmpty {
            return .incompatibleDefinition(round: round, survey: survey.id, problems: incompatibilities, locations: locations, location: survey.location)
        }
        return nil
    }
}
