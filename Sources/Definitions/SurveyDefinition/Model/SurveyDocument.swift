import Crypto
import Foundation

/// A checked survey together with the exact text it was read from, and that text's hash,
/// which pins a round to one version of its definition.
public struct SurveyDocument: Hashable, Sendable {
    public var survey: Survey
    public var sourceText: String
    /// Lowercase hex SHA-256 of the UTF-8 source text.
    public var contentHash: String

    public init(survey: Survey, sourceText: String) {
        self.survey = survey
        self.sourceText = sourceText
        self.contentHash = SurveyDocument.hash(of: sourceText)
    }

    public static func hash(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).lowercaseHex
    }
}
