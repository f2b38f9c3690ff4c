import Crypto
import Diagnostics
import Foundation
import SurveyDefinition

/// What a secrets file is for, in the words its diagnostics and the log use about it.
public protocol SecretsFileKind: Sendable {
    /// One holder of a secret: "admin", "API client".
    static var holder: String { get }
    /// Several: "admins", "API clients".
    static var holders: String { get }
    /// What the secret is called: "secret", "token".
    static var secret: String { get }
    /// The file itself: "admin secrets file".
    static var file: String { get }
    /// The name a single shared secret goes under.
    static var sharedName: String { get }
    /// An example of a good name, after "such as".
    static var nameExample: String { get }
    /// "their" (a person) or "its" (a system).
    static var possessive: String { get }
    /// What someone who reads the file can do: "sign in as any admin".
    static var whatTheFileGives: String { get }
}

/// The admins of `--admin-secret-file` or `SAMLA_ADMIN_SECRET`.
public enum AdminsFile: SecretsFileKind {
    public static let holder = "admin"
    public static let holders = "admins"
    public static let secret = "secret"
    public static let file = "admin secrets file"
    public static let sharedName = "admin"
    public static let nameExample = "an e-mail address's part before the @"
    public static let possessive = "their"
    public static let whatTheFileGives = "sign in to the admin pages as any admin in it and download the responses, personal data included"
}

/// The partner systems of `--api-token-file` or `SAMLA_API_TOKEN`.
public enum APIClientsFile: SecretsFileKind {
    public static let holder = "API client"
    public static let holders = "API clients"
    public static let secret = "token"
    public static let file = "API tokens file"
    public static let sharedName = "api"
    public static let nameExample = "the partner system's short name"
    public static let possessive = "its"
    public static let whatTheFileGives = "submit responses through the JSON API as any partner system in it"
}

/// Staff who may sign in to the admin pages, each under a name that the log gives for what they do.
public typealias AdminRoster = NamedSecrets<AdminsFile>
/// Partner systems that may submit responses through the JSON API, each under a name that the log
/// and the stored response give.
public typealias APIClients = NamedSecrets<APIClientsFile>

/// Holders of secrets, each under a name of their own, from a secrets file of one holder a line:
///
/// ```
/// # MSI staff who may open the admin pages
/// anna.berg: 9f3T…
/// olle: Qx7w…
/// ```
///
/// Blank lines and lines whose first character is `#` are skipped; a name is 1–64 letters, digits,
/// `.`, `_`, `-` or `+`, followed by a colon and a space. A file of a single line without a name
/// (as `openssl rand -base64 32 > FILE` leaves it), or the environment variable, is one shared
/// secret under `Kind.sharedName`.
public struct NamedSecrets<Kind: SecretsFileKind>: Sendable, CustomStringConvertible {
    public struct Entry: Sendable {
        public let name: String
        let secret: Secret

        public init(name: String, secret: Secret) {
            self.name = name
            self.secret = secret
        }
    }

    /// Why the file was refused: every problem found in it.
    public struct Refusal: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    public let entries: [Entry]
    /// Where the entries came from, for the log (never a secret).
    public let source: String
    /// The file they were read from, which ``reread()`` reads again; nil when they came from an
    /// environment variable or from code, which a running server cannot read again.
    public let file: String?

    public static var sharedName: String { Kind.sharedName }
    public static var maximumNameLength: Int { 64 }

    /// Entries given in code (tests); their names and secrets are taken as they are.
    public init(_ entries: [Entry], source: String = "code") {
        self.init(entries, source: source, file: nil)
    }

    /// One shared secret, under ``sharedName``.
    public init(shared secret: Secret) {
        self.init([Entry(name: Kind.sharedName, secret: secret)], source: secret.source, file: nil)
    }

    private init(_ entries: [Entry], source: String, file: String?) {
        self.entries = entries
        self.source = source
        self.file = file
    }

    public var description: String { "\(entries.count) \(entries.count == 1 ? Kind.holder : Kind.holders) from \(source)" }

    /// The names, in the file's order, for the log.
    public var names: String { entries.map(\.name).joined(separator: ", ") }

    /// The entry whose secret `given` is. Every entry's secret is compared, in constant time,
    /// whichever matches, so that the time taken says nothing about which one it was.
    func entry(withSecret given: String?) -> Entry? {
        var found: Entry?
        for entry in entries where entry.secret.matches(given) { found = entry }
        return found
    }

    /// The entries of the file at `path` (when given) or else the shared secret of the environment
    /// variable `variable`. Nil when neither is set; every problem of the file when it does not load.
    public static func load(file path: String?, environment variable: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<Self?, Refusal>
    {
        guard let path else {
            return Secret.load(environment: variable, environment: environment, word: Kind.secret)
                .map { $0.map { Self(shared: $0) } }.mapError { Refusal(diagnostics: [$0]) }
        }
        return read(file: path).map { $0 }
    }

    /// The entries of its ``file`` as it reads now; nil when they did not come from a file.
    public func reread() -> Result<Self, Refusal>? {
        file.map { Self.read(file: $0) }
    }

    /// W801 when the file the entries were read from can be read by every user of the machine
    /// (its mode gives others read access, as a file made under the usual umask 022 does); nil when
    /// it cannot, or when the entries came from no file.
    public func exposure() -> Diagnostic? {
        var status = stat()
        guard let file, stat(file, &status) == 0, status.st_mode & S_IROTH != 0 else { return nil }
        let mode = String(status.st_mode & 0o777, radix: 8)
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "the server's user"
        return Diagnostic(.secretsFileReadableByAll, at: .file(file),
            "the \(Kind.file) can be read by every user of this machine (mode \(mode)), so anyone who logs in to it can \(Kind.whatTheFileGives); "
                + "let only the server's user read it: chown \(user) \(file) && chmod 600 \(file)")
    }

    /// Who is new in `newer`, who is no longer in it, and whose secret differs, by name.
    public func changes(to newer: Self) -> Changes {
        let old = Dictionary(entries.map { ($0.name, $0.secret.value) }) { first, _ in first }
        let new = Dictionary(newer.entries.map { ($0.name, $0.secret.value) }) { first, _ in first }
        return Changes(
            added: newer.entries.map(\.name).filter { old[$0] == nil },
            removed: entries.map(\.name).filter { new[$0] == nil },
            changed: newer.entries.filter { entry in old[entry.name].map { $0 != entry.secret.value } ?? false }.map(\.name))
    }

    /// Who differs between two sets of the same file, by name (never a secret), in the file's order.
    public struct Changes: Equatable, Sendable {
        public var added: [String]
        public var removed: [String]
        /// Still named, under another secret.
        public var changed: [String]

        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
    }

    private static func read(file path: String) -> Result<Self, Refusal> {
        let unreadable = { (problem: String) in Result<Self, Refusal>.failure(Refusal(diagnostics: [Diagnostic(.secretUnreadable, at: .file(path), problem)])) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return unreadable("there is no \(Kind.file) here; check the path")
        }
        if isFolder.boolValue { return unreadable("this is a folder, not the \(Kind.file); give the path of the file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return unreadable("the \(Kind.file) cannot be opened: this user may not read it; let the server's user read it (and only that user: chmod 600)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return unreadable("the \(Kind.file) is not UTF-8 text; save it as UTF-8")
        }
        return parse(text, file: path)
    }

    /// The entries of a secrets file's `text`; `file` names it in diagnostics and the log.
    static func parse(_ text: String, file: String) -> Result<Self, Refusal> {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.text.isEmpty && !$0.text.hasPrefix("#") }
        let (holder, secretWord) = (Kind.holder, Kind.secret)
        if lines.count == 1, entry(lines[0].text) == nil {
            return Secret.checked(lines[0].text, source: "file \(file)", at: .source(SourceLocation(file: file, line: lines[0].number, column: 1)), word: secretWord)
                .map { Self([Entry(name: Kind.sharedName, secret: $0)], source: $0.source, file: file) }.mapError { Refusal(diagnostics: [$0]) }
        }
        guard !lines.isEmpty else {
            return .failure(Refusal(diagnostics: [Diagnostic(.secretTooShort, at: .file(file),
                "the file holds no \(holder) \(secretWord); write one line `name: \(secretWord)` for each \(holder), or just the \(secretWord), e.g. from `openssl rand -base64 32`")]))
        }
        var entries: [Entry] = []
        var lineOf: [String: Int] = [:]
        var problems: [Diagnostic] = []
        for line in lines {
            let location = DiagnosticLocation.source(SourceLocation(file: file, line: line.number, column: 1))
            guard let (name, secret) = entry(line.text) else {
                problems.append(Diagnostic(.secretsEntryMalformed, at: location,
                    "this line names no \(holder): in a file of several lines each line is `name: \(secretWord)` (a name, a colon and a space, then the \(secretWord))"))
                continue
            }
            guard isName(name) else {
                problems.append(Diagnostic(.secretsEntryMalformed, at: location,
                    "the name before the colon is not a name: use 1 to \(maximumNameLength) letters, digits, '.', '_', '-' or '+', such as \(Kind.nameExample)"))
                continue
            }
            guard secret.count >= Secret.minimumLength else {
                problems.append(Diagnostic(.secretTooShort, at: location,
                    "the \(secretWord) of \(holder) '\(name)' is shorter than \(Secret.minimumLength) characters; use a long random one, e.g. from `openssl rand -base64 32`"))
                continue
            }
            if let earlier = lineOf[name.lowercased()] {
                problems.append(Diagnostic(.secretsDuplicate, at: location,
                    "\(holder) '\(name)' is named on line \(earlier) already (names are compared without case); give each \(holder) one line, under a name of \(Kind.possessive) own"))
                continue
            }
            if let twin = entries.first(where: { $0.secret.value == secret }) {
                problems.append(Diagnostic(.secretsDuplicate, at: location,
                    "\(holder) '\(name)' has the same \(secretWord) as \(holder) '\(twin.name)' on line \(lineOf[twin.name.lowercased()] ?? 0); give each \(holder) a \(secretWord) of \(Kind.possessive) own, so that the log can tell them apart"))
                continue
            }
            lineOf[name.lowercased()] = line.number
            entries.append(Entry(name: name, secret: Secret(secret, source: "file \(file)")))
        }
        return problems.isEmpty ? .success(Self(entries, source: "file \(file)", file: file)) : .failure(Refusal(diagnostics: problems))
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

extension NamedSecrets where Kind == AdminsFile {
    public typealias Admin = Entry
    public var admins: [Admin] { entries }

    func admin(withSecret given: String?) -> Admin? { entry(withSecret: given) }
}

extension NamedSecrets where Kind == APIClientsFile {
    public typealias Client = Entry
    public var clients: [Client] { entries }

    func client(withToken given: String?) -> Client? { entry(withSecret: given) }

    /// What the log gives of a token that no client has (a wrong one, or a client's taken out of
    /// the file): the first 12 hex digits of its SHA-256, which tell one token from another without
    /// giving it away. An operator who holds a token gets the same with
    /// `printf %s "$TOKEN" | sha256sum | cut -c1-12`.
    static func fingerprint(ofToken token: String) -> String {
        String(SHA256.hash(data: Data(token.utf8)).lowercaseHex.prefix(12))
    }
}
