import Diagnostics
import Foundation

/// A secret the operator gives the server (the admin secret, the API token): from an
/// environment variable or a file, never a default.
public struct Secret: Sendable, CustomStringConvertible {
    let value: String
    /// Where it came from, for the log (never the value).
    public let source: String

    public static let minimumLength = 16

    /// Reads the secret from the file at `path` (when given) or else the environment variable
    /// `variable`. Nil when neither is set; a diagnostic when the file is unreadable or the secret
    /// is shorter than ``minimumLength``.
    public static func load(file path: String?, environment variable: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<Secret?, Diagnostic>
    {
        let text: String
        let source: String
        if let path {
            guard let data = FileManager.default.contents(atPath: path), let contents = String(data: data, encoding: .utf8) else {
                return .failure(Diagnostic(.secretUnreadable, at: .file(path), "the secret file cannot be read as UTF-8 text; check the path and its permissions"))
            }
            text = contents.trimmingCharacters(in: .whitespacesAndNewlines)
            source = "file \(path)"
        } else if let value = environment[variable] {
            text = value.trimmingCharacters(in: .whitespacesAndNewlines)
            source = "environment variable \(variable)"
        } else {
            return .success(nil)
        }
        guard text.count >= minimumLength else {
            return .failure(Diagnostic(.secretTooShort, at: path.map { .file($0) } ?? .field(variable),
                "the secret from the \(source) has \(text.count) characters; use at least \(minimumLength), e.g. from `openssl rand -base64 32`"))
        }
        return .success(Secret(value: text, source: source))
    }

    /// A secret given in code (tests).
    public init(_ value: String, source: String = "code") {
        self.value = value
        self.source = source
    }

    private init(value: String, source: String) {
        self.value = value
        self.source = source
    }

    /// Whether `given` is this secret, compared in constant time.
    func matches(_ given: String?) -> Bool {
        guard let given else { return false }
        return ConstantTime.equals(given, value)
    }

    public var description: String { "secret from \(source)" }
}
