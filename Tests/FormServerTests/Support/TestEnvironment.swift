import Expressions
import Foundation
import FormServer
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Logging
import Store
import SurveyDefinition

/// A temporary database with the shipped ESEM survey in four rounds: `esem-open` (anonymous,
/// collecting), `esem-invited` (by invitation, collecting), `esem-closed` (closed) and
/// `esem-later` (opens in a month). Removed when released.
final class TestEnvironment: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let folder: URL
    let store: SQLiteStore
    let document: SurveyDocument
    let logs = LogSink.collecting()

    var databasePath: String { folder.appendingPathComponent("samla.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-formserver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let loaded = SurveyLoader.load(contentsOf: Self.repository.appendingPathComponent("surveys/esem-se.yaml").path)
        guard let document = loaded.document else { throw TestFailure("esem-se.yaml does not load: \(loaded.errors)") }
        self.document = document
        store = try SQLiteStore(path: folder.appendingPathComponent("samla.sqlite").path)
        let today = CalendarDate.today()
        func day(_ offset: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: today.daysSinceEpoch + offset) }
        try store.openRound(RoundRequest(name: "esem-open", document: document, opens: day(-1), closes: day(30), anonymous: true))
        try store.openRound(RoundRequest(name: "esem-invited", document: document, opens: day(-1), closes: day(30), anonymous: false))
        try store.openRound(RoundRequest(name: "esem-closed", document: document, opens: day(-30), closes: day(30), anonymous: true))
        _ = try store.closeRound(named: "esem-closed")
        try store.openRound(RoundRequest(name: "esem-later", document: document, opens: day(30), closes: day(60), anonymous: true))
    }

    /// The environment of a new server's database that `samla restore` made of `backup`, in a folder of its own.
    init(restoringBackup backup: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-restored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let loaded = SurveyLoader.load(contentsOf: Self.repository.appendingPathComponent("surveys/esem-se.yaml").path)
        guard let document = loaded.document else { throw TestFailure("esem-se.yaml does not load: \(loaded.errors)") }
        self.document = document
        let path = folder.appendingPathComponent("samla.sqlite").path
        _ = try SQLiteStore.restore(from: backup, to: path)
        store = try SQLiteStore(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Opens an anonymous round `name`, collecting, of the shipped survey `file` (under `surveys/`).
    func openRound(_ name: String, survey file: String) throws {
        let loaded = SurveyLoader.load(contentsOf: Self.repository.appendingPathComponent("surveys/" + file).path)
        guard let document = loaded.document else { throw TestFailure("\(file) does not load: \(loaded.errors)") }
        let today = CalendarDate.today()
        try store.openRound(RoundRequest(
            name: name, document: document, opens: CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 1),
            closes: CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 30), anonymous: true))
    }

    /// New invitations to `esem-invited`; their tokens are the personal links.
    func invite(_ count: Int) throws -> [InvitationToken] {
        let tokens = (0..<count).map { _ in InvitationToken.random() }
        _ = try store.addInvitations(tokens.map { NewInvitation(token: $0, label: "Org") }, round: "esem-invited", today: .today())
        return tokens
    }

    static let adminSecret = "correct horse battery staple"
    static let apiToken = "api-token-0123456789abcdef"

    /// Runs `body` against a real server on 127.0.0.1 and a free port, then stops it. The admins
    /// are those of `admins`, else (with `admin`) one who signs in with ``adminSecret``; the API
    /// clients those of `apiClients`, else (with `api`) one shared ``apiToken``; `clock` is the server's time;
    /// `secureCookies` as an `https://` base URL makes them.
    func withServer(
        maximumBodyBytes: Int = 128 * 1024, admin: Bool = true, admins: AdminRoster? = nil, api: Bool = true, apiClients: APIClients? = nil,
        idleTimeout: Duration = .seconds(30), requestReadTimeout: Duration = .seconds(60), secureCookies: Bool? = nil,
        clock: @escaping @Sendable () -> Date = { Date() },
        _ body: @escaping @Sendable (WebClient) async throws -> Void
    ) async throws {
        try await withRunningServer(
            maximumBodyBytes: maximumBodyBytes, admin: admin, admins: admins, api: api, apiClients: apiClients,
            idleTimeout: idleTimeout, requestReadTimeout: requestReadTimeout, secureCookies: secureCookies, clock: clock) { client, _ in
            try await body(client)
        }
    }

    /// ``withServer(maximumBodyBytes:admin:admins:api:apiClients:idleTimeout:requestReadTimeout:secureCookies:clock:_:)``,
    /// whose `body` also gets the server (to reload its secrets).
    func withRunningServer(
        maximumBodyBytes: Int = 128 * 1024, admin: Bool = true, admins: AdminRoster? = nil, api: Bool = true, apiClients: APIClients? = nil,
        idleTimeout: Duration = .seconds(30), requestReadTimeout: Duration = .seconds(60), secureCookies: Bool? = nil,
        clock: @escaping @Sendable () -> Date = { Date() },
        _ body: @escaping @Sendable (WebClient, FormServer) async throws -> Void
    ) async throws {
        var logger = Logger(label: "test") { [logs] in JSONLogHandler(label: $0, sink: logs) }
        logger.logLevel = .info
        let configuration = FormServerConfiguration(
            host: "127.0.0.1", port: 0, admins: admins ?? (admin ? AdminRoster(shared: Secret(Self.adminSecret)) : nil), 
            apiClients: apiClients ?? (api ? APIClients(shared: Secret(Self.apiToken)) : nil),
            maximumBodyBytes: maximumBodyBytes, secureCookies: secureCookies, samlaVersion: "0.1.0-test", database: databasePath,
            idleTimeout: idleTimeout, requestReadTimeout: requestReadTimeout)
        let server = try FormServer(store: store, configuration: configuration, logger: logger, clock: clock)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = server.application { port in continuation.yield(port) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw TestFailure("the server did not start") }
            do {
                try await body(WebClient(port: port), server)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
        server.shutdown()
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An HTTP client for the tests: a new connection per request, cookies kept.
final class WebClient: @unchecked Sendable {
    let port: Int
    private var cookies: [String: String] = [:]
    private let lock = NSLock()

    init(port: Int) {
        self.port = port
    }

    /// The value of the cookie `name` the client keeps, if any.
    func cookie(_ name: String) -> String? { lock.withLock { cookies[name] } }

    /// Keeps `value` as the cookie `name`, as if the server had set it.
    func setCookie(_ name: String, _ value: String) { lock.withLock { cookies[name] = value } }

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPFields
        var body: String
        var bytes: [UInt8]
        /// The path the reply answered (``WebClient/open(_:headers:)``); empty for a single request.
        var address = ""

        func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
        var location: String? { header("Location") }
    }

    func request(_ method: HTTPRequest.Method, _ path: String, headers: [String: String] = [:], body: String? = nil) async throws -> Reply {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let cookieHeader = lock.withLock { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if !cookieHeader.isEmpty { fields[.cookie] = cookieHeader }
        let request = TestClient.Request(path, method: method, authority: "127.0.0.1:\(port)", headers: fields, body: body.map { ByteBuffer(string: $0) })
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in try await client.execute(request) }
        for setCookie in response.headers[values: .setCookie] {
            let pair = setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            let expired = setCookie.contains("Max-Age=0")
            lock.withLock { cookies[name] = expired ? nil : value }
        }
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(decoding: bytes, as: UTF8.self), bytes: bytes)
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        try await request(.get, path, headers: headers)
    }

    /// What a browser shows for `path`: its GET, following redirects to this server (at most five),
    /// with `address`, the path it ends at.
    func open(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        var address = path
        for _ in 0..<5 {
            var reply = try await get(address, headers: headers)
            guard [301, 302, 303, 307, 308].contains(reply.status), let location = reply.location, location.hasPrefix("/") else {
                reply.address = address
                return reply
            }
            address = location
        }
        throw TestFailure("\(path) redirects more than five times")
    }

    func postForm(_ path: String, _ fields: [(String, String)], headers: [String: String] = [:]) async throws -> Reply {
        var all = headers
        all["Content-Type"] = "application/x-www-form-urlencoded"
        return try await request(.post, path, headers: all, body: Self.encode(fields))
    }

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(percent($0.0))=\(percent($0.1))" }.joined(separator: "&")
    }

    static func percent(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.*")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
    }
}

/// Reading what a page shows.
enum Page {
    /// The value of the hidden field `name`.
    static func hidden(_ name: String, in html: String) -> String? {
        firstMatch(#"name="\#(NSRegularExpression.escapedPattern(for: name))" value="([^"]*)""#, in: html)
    }

    static func title(_ html: String) -> String? { firstMatch("<h1>([^<]*)</h1>", in: html).map(unescape) }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
    static func language(_ html: String) -> String? { firstMatch(#"<html lang="([^"]*)""#, in: html) }
    static func progress(_ html: String) -> String? { firstMatch(#"<label for="progress">([^<]*)</label>"#, in: html) }

    /// The value attribute of the input `f-NAME`.
    static func inputValue(_ name: String, in html: String) -> String? {
        firstMatch(#"id="f-\#(name)" name="\#(name)" value="([^"]*)""#, in: html)
    }

    static func isChecked(_ name: String, value: String, in html: String) -> Bool {
        firstMatch(#"name="\#(name)" value="\#(value)"( checked)"#, in: html) != nil
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        let expression = try! NSRegularExpression(pattern: pattern)
        guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}

/// The server's time in a test: now, until the test moves it on.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()

    var now: Date { lock.withLock { current } }

    func advance(minutes: Double) { lock.withLock { current.addTimeInterval(minutes * 60) } }

    /// The clock as the server takes it.
    var reading: @Sendable () -> Date { { [self] in now } }
}
