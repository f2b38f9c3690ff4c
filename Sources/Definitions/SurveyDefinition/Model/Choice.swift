import Diagnostics

/// A named, ordered list of answer options, shared by any number of questions.
public struct ChoiceList: Hashable, Sendable {
    public var name: String
    public var choices: [Choice]
    public var location: SourceLocation

    public init(name: String, choices: [Choice], location: SourceLocation) {
        self.name = name
        self.choices = choices
        self.location = location
    }

    public func choice(_ value: String) -> Choice? {
        choices.first { $0.value == value }
    }
}

/// One answer option: the code stored and exported, its label in every language, the code a
/// partner export writes for it, and extra attributes that `choice_filter` expressions may test
/// (e.g. `county: skane`).
public struct Choice: Hashable, Sendable {
    /// The code, as text (`1`, `ab`): what is stored, imported and exported.
    public var value: String
    public var label: LocalizedText
    /// The partners' code for this choice (`export_as: company`), which a partner export writes
    /// instead of `value`; nil to write `value`.
    public var exportAs: String?
    public var attributes: [String: String]
    public var location: SourceLocation

    public init(value: String, label: LocalizedText, exportAs: String? = nil, attributes: [String: String] = [:], location: SourceLocation) {
        self.value = value
        self.label = label
        self.exportAs = exportAs
        self.attributes = attributes
        self.location = location
    }

    /// The code a partner export writes: `export_as`, else the value.
    public var exportCode: String { exportAs ?? value }

    /// The code of the option that `other: true` adds to a question's choices.
    public static let otherValue = "other"

    /// The label of that option in Samla's built-in languages.
    public static let otherLabel: LocalizedText = ["sv": "Annat", "en": "Other"]
}
