import Diagnostics

/// A survey whose expressions cannot be compiled for checking responses. The definition checker
/// refuses such surveys first, so this is met only with surveys built in code.
public struct ResponseValidatorError: Error, Hashable, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
