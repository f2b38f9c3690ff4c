import Diagnostics
import Foundation

/// The staff who may sign in to the admin pages, each under a name that the log gives for what
/// they do. From `--admin-secret-file`, one admin a line:
///
/// ```
/// # MSI staff who may open the admin pages
/// anna.berg: 9f3T…
/// olle: Qx7w…
/// ```
///
/// Blank lines and lines whose first character is `#` are skipped; a name is 1–64 letters, digits,
/// `.`, `_`, `-` or `+`, followed by a colon and a space. A file of a single line without a name
/// (as `openssl rand -base64 32 > FILE` leaves it), or `SAMLA_ADMIN_SECRET`, is one shared secret
/// that signs in as ``sharedName``.
public struct AdminRoster: Sendable, CustomStringConvertible {
    public struct Admin: Sendable {
        public let name: String
        let secret: Secret

        public init(name: String, secret: Secret) {
            self.name = name
            self.secret = secret
        }
    }

    /// Why the admins file was refused: every problem found in it.
    public struct Refusal: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    public let admins: [Admin]
    /// Where the admins came from, for the log (never a secret).
    public let source: String

    /// The name of the admin who signs in with a shared secret.
    public static let sharedName = "admin"
    public static let maximumNameLength = 64

    /// Admins given in code (tests); their names and secrets are taken as they are.
    public init(_ admins: [Admin], source: String = "code") {
        self.admins = admins
        self.source = source
    }

    /// One shared secret, signing in as ``sharedName``.
    public init(shared secret: Secret) {
        self.init([Admin(name: Self.sharedName, secret: secret)], source: secret.source)
    }

    public var description: String { "\(admins.count == 1 ? "1 admin" : "\(admins.count) admins") from \(source)" }

    /// The admin whose secret `given` is. Every admin's secret is compared, in constant time,
    /// whichever matches, so that the time taken says nothing about which admin it was.
    func admin(withSecret given: String?) -> Admin? {
        var found: Admin?
        for admin in admins where admin.secret.matches(given) { found = admin }
        return found
    }

    /// The admins of the file at `path` (when given) or else the shared secret of the environment
    /// variable `variable`. Nil when neither is set; every problem of the file when it does not load.
    public static func load(file path: String?, environment variable: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<AdminRoster?, Refusal>
    {
        guard let path else {
            return Secret.load(file: nil, environment: variable, environment: environment)
                .map { $0.map { AdminRoster(shared: $0) } }.mapError { Refusal(diagnostics: [$0]) }
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .failure(Refusal(diagnostics: [Diagnostic(.secretUnreadable, at: .file(path),
                "the admin secrets file cannot be read as UTF-8 text; check the path and its permissions")]))
        }
        return parse(text, file: path).map { $0 }
    }

    /// The admins of a secrets file's `text`; `file` names it in diagnostics and the log.
    static func parse(_ text: String, file: String) -> Result<AdminRoster, Refusal> {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.text.isEmpty && !$0.text.hasPrefix("#") }
        if lines.count == 1, entry(lines[0].text) == nil {
            return Secret.checked(lines[0].text, source: "file \(file)", at: .file(file)).map { AdminRoster(shared: $0) }.mapError { Refusal(diagnostics: [$0]) }
        }
        guard !lines.isEmpty else {
            return .failure(Refusal(diagnostics: [Diagnostic(.secretTooShort, at: .file(file),
                "the file holds no admin secret; write one line `name: secret` for each admin, or just the secret, e.g. from `openssl rand -base64 32`")]))
        }
        var admins: [Admin] = []
        var lineOf: [String: Int] = [:]
        var problems: [Diagnostic] = []
        for line in lines {
            let location = DiagnosticLocation.source(SourceLocation(file: file, line: line.number, column: 1))
            guard let (name, secret) = entry(line.text) else {
                problems.append(Diagnostic(.adminEntryMalformed, at: location,
                    "this line names no admin: in a file of several lines each line is `name: secret` (a name, a colon and a space, then the secret)"))
                continue
            }
            guard isName(name) else {
                problems.append(Diagnostic(.adminEntryMalformed, at: location,
                    "the name before the colon is not a name: use 1 to \(maximumNameLength) letters, digits, '.', '_', '-' or '+', such as an e-mail address's part before the @"))
                continue
            }
            guard secret.count >= Secret.minimumLength else {
                problems.append(Diagnostic(.secretTooShort, at: location,
                    "the secret of admin '\(name)' is shorter than \(Secret.minimumLength) characters; use a long random one, e.g. from `openssl rand -base64 32`"))
                continue
            }
            if let earlier = lineOf[name.lowercased()] {
                problems.append(Diagnostic(.adminDuplicate, at: location,
                    "admin '\(name)' is named on line \(earlier) already (names are compared without case); give each admin one line, under a name of their own"))
                continue
            }
            if let twin = admins.first(where: { $0.secret.value == secret }) {
                problems.append(Diagnostic(.adminDuplicate, at: location,
                    "admin '\(name)' has the same secret as admin '\(twin.name)' on line \(lineOf[twin.name.lowercased()] ?? 0); give each admin a secret of their own, so that the log can tell them apart"))
                continue
            }
            lineOf[name.lowercased()] = line.number
            admins.append(Admin(name: name, secret: Secret(secret, source: "file \(file)")))
        }
        return problems.isEmpty ? .success(AdminRoster(admins, source: "file \(file)")) : .failure(Refusal(diagnostics: problems))
    }

    /// A line's name and secret when it has the form `name: secret` (a colon, then a space or the end).
    private static func entry(_ line: String) -> (name: String, secret: String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let rest = line[line.index(after: colon)...]
        guard rest.first?.isWhitespace ?? true else { return nil }
        return (String(line[..<colon]), rest.trimmingCharacters(in: .whitespaces))
    }

    private static func isName(_ name: String) -> Bool {
        (1...maximumNameLength).contains(name.count)
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-+".unicodeScalars.contains($0)) }
    }
}
