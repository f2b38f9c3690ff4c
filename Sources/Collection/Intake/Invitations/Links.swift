import Foundation

/// The addresses respondents open: `BASE/t/TOKEN` for an invitation (save and resume),
/// `BASE/s/ROUND` for an anonymous round's start page.
public struct Links: Hashable, Sendable {
    /// The server's public address without a trailing slash: `https://enkat.example.se/samla`.
    public let base: String

    /// Accepts an `http://` or `https://` address with a host and no query or fragment.
    public init?(base: String) {
        var text = base.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        let lower = text.lowercased()
        let scheme = lower.hasPrefix("https://") ? "https://" : lower.hasPrefix("http://") ? "http://" : nil
        guard let scheme else { return nil }
        let rest = text.dropFirst(scheme.count)
        let host = rest.prefix { $0 != "/" }
        guard !host.isEmpty, !text.contains("?"), !text.contains("#"), !text.contains(" "),
              !host.hasPrefix(":"), !host.hasPrefix(".") else { return nil }
        self.base = text
    }

    public func personal(_ token: String) -> String { "\(base)/t/\(token)" }
    public func anonymousStart(round: String) -> String { "\(base)/s/\(round)" }
}
