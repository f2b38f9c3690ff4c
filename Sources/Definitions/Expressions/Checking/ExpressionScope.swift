/// What the type checker may ask about the place an expression is written in: the survey's
/// variables, whether `.` exists, choice attributes (choice filters) and the codes of choice lists.
public protocol ExpressionScope {
    /// The type of `${name}`, or nil when no variable of that name exists here.
    func type(ofVariable name: String) -> ExpressionType?

    /// The type of `.`, or nil where there is no current answer (anywhere but a constraint).
    var currentValueType: ExpressionType? { get }

    /// Whether bare names mean attributes of the choice being tested (true only in a choice filter).
    var allowsChoiceAttributes: Bool { get }

    /// The type of the bare name `name` in a choice filter (`value` is the choice's code), or nil
    /// when the choices have no such attribute.
    func type(ofChoiceAttribute name: String) -> ExpressionType?

    /// The attribute names a choice filter may use, for "did you mean".
    var choiceAttributeNames: [String] { get }

    /// The codes of choice list `list`, to answer "is this a code of the list", or nil when
    /// the list is not known (then codes are not checked).
    func choiceCodes(ofList list: String) -> [String]?
}

extension ExpressionScope {
    public var currentValueType: ExpressionType? { nil }
    public var allowsChoiceAttributes: Bool { false }
    public func type(ofChoiceAttribute name: String) -> ExpressionType? { nil }
    public var choiceAttributeNames: [String] { [] }
    public func choiceCodes(ofList list: String) -> [String]? { nil }
}

/// A scope from plain tables: for tests, and for callers (indicator and cleaning-rule
/// expressions) that know their variables as a dictionary.
public struct VariableScope: ExpressionScope, Sendable {
    public var variables: [String: ExpressionType]
    /// The codes of each choice list, in list order.
    public var choiceLists: [String: [String]]
    public var currentValueType: ExpressionType?
    /// Attributes of the choices being filtered, when this scope is a choice filter's.
    public var choiceAttributes: [String: ExpressionType]?

    public init(
        variables: [String: ExpressionType] = [:], choiceLists: [String: [String]] = [:],
        currentValueType: ExpressionType? = nil, choiceAttributes: [String: ExpressionType]? = nil
    ) {
        self.variables = variables
        self.choiceLists = choiceLists
        self.currentValueType = currentValueType
        self.choiceAttributes = choiceAttributes
    }

    public func type(ofVariable name: String) -> ExpressionType? { variables[name] }
    public var allowsChoiceAttributes: Bool { choiceAttributes != nil }
    public func type(ofChoiceAttribute name: String) -> ExpressionType? { choiceAttributes?[name] }
    public var choiceAttributeNames: [String] { choiceAttributes.map { $0.keys.sorted() } ?? [] }
    public func choiceCodes(ofList list: String) -> [String]? { choiceLists[list] }
}
