import SurveyDefinition

/// One entry of the `variables` catalogue: a column of a survey's answer tables.
/// The catalogue holds every variable any stored definition of the survey has had,
/// so the layout is known without re-reading a definition.
public struct StoredVariable: Hashable, Sendable {
    public var surveyID: String
    public var name: String
    public var type: VariableType
    /// Stored in the personal-data table.
    public var isPII: Bool
    /// Order of first appearance.
    public var position: Int
    /// The definition that brought it in.
    public var firstDefinitionHash: String

    public init(surveyID: String, name: String, type: VariableType, isPII: Bool, position: Int, firstDefinitionHash: String) {
        self.surveyID = surveyID
        self.name = name
        self.type = type
        self.isPII = isPII
        self.position = position
        self.firstDefinitionHash = firstDefinitionHash
    }
}
