import SurveyDefinition

/// One response during a scan: its record fields and the scanned variables, by their index in
/// the list the scan was asked for. Reads come straight from the database cursor, so a row is
/// valid only inside the scan's closure and must not be kept.
public protocol ResponseRow {
    var responseID: Int64 { get }
    var language: String { get }
    var status: ResponseStatus { get }
    var submittedAt: Timestamp? { get }
    /// When the response was begun, and when it was last saved (submitted, for a complete one).
    var startedAt: Timestamp { get }
    var updatedAt: Timestamp { get }
    /// How the response was collected: the web form, an import, or the API.
    var source: ResponseSource { get }
    /// The partner system that submitted an API response; nil for the others.
    var apiClient: String? { get }
    /// The hash of the definition the response was answered under.
    var definitionHash: String { get }
    /// How many variables the scan reads.
    var variableCount: Int { get }
    func isNull(_ index: Int) -> Bool
    /// The value of an integer or boolean variable (true is 1).
    func integer(_ index: Int) -> Int64?
    /// The value of any numeric variable (integer, boolean, decimal) as a Double.
    func decimal(_ index: Int) -> Double?
    /// The stored text of a text, choice, choices or date variable.
    func text(_ index: Int) -> String?
    /// The stored bytes of a text-like variable without making a String; nil when unanswered.
    func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R?
    /// The typed value, as `StoredResponse` would give it.
    func value(_ index: Int) -> AnswerValue?
}
