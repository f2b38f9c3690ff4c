import Diagnostics
import Foundation

/// A secret the operator gives the server (the admin secret, the API token): from an
/// environment variable or a file, never a default.
public struct Secret: Sendable, CustomStringConvertible {
    let value: String
    /// Where it came from, for the log (never the value).
    public let source: String

    public static let minimumLength = 16

    /// Reads the secret from the environment variable `variable`: nil when it is not set, a
    /// diagnostic, calling it `word` ("secret", "token"), when it is shorter than ``minimumLength``.
    /// A secrets file is read by ``NamedSecrets``.
    public static func load(environment variable: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                            word: String = "secret") -> Result<Secret?, Diagnostic>
    {
        guard let value = environment[variable] else { return .success(nil) }
        return checked(value, source: "environment variable \(variable)", at: .field(variable), word: word).map(Optional.some)
    }

    /// `text` without the spaces and line breaks around it, as a secret when it is long enough;
    /// the diagnostic (at `location`, calling it `word`) gives neither the secret nor its length.
    static func checked(_ text: String, source: String, at location: DiagnosticLocation, word: String = "secret") -> Result<Secret, Diagnostic> {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.count >= minimumLength else {
            return .failure(Diagnostic(.secretTooShort, at: location,
                "the \(word) from the \(source) is shorter than \(minimumLength) characters; use a long random one, e.g. from `openssl rand -base64 32`"))
        }
        return .success(Secret(value: value, source: source))
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
