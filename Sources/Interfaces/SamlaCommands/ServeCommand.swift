import ArgumentParser
import Diagnostics
import Exports
import FormServer
import Foundation
import Intake
import Logging
import Store

/// `samla serve`: respondent pages, admin pages and the JSON API on one port.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Collect responses on the web: respondent pages, admin pages and the JSON API.",
        discussion: """
        Respondents open BASE/t/TOKEN (a personal link from `samla invite`) or BASE/s/ROUND (the start \
        page of an anonymous round, whose button begins a response). The admin pages (/admin) need a secret from the environment \
        variable SAMLA_ADMIN_SECRET or --admin-secret-file, a file of one `name: secret` line per admin (or just one \
        shared secret), so that the log names the admin who opened or downloaded responses; an admin session ends after \
        --admin-idle-minutes (30) without use, and eight hours after sign-in at the latest. The API (POST /api/rounds/ROUND/responses) \
        needs a token from SAMLA_API_TOKEN or --api-token-file. Without one, that part is off. \
        Requests are logged to standard error as JSON lines; a refused API token by its token_fingerprint, \
        the first 12 hex digits of its SHA-256 (`printf %s "$TOKEN" | sha256sum | cut -c1-12`), never the token. \
        SIGTERM or SIGINT stops the server after the writes in progress are committed, waiting up to 10 s for requests still arriving. SIGHUP reads \
        --admin-secret-file and --api-token-file again without stopping: an admin or API client taken out \
        of its file, or given a new secret, is signed out or refused at once, a new one let in; a file that \
        does not load changes nothing, and the log says why (E495). With --framework FILE (repeatable), the admin page's Euclid \
        package of a round the framework declares is the one `samla export --profile euclid --framework FILE` \
        writes: its cleaning rules applied, cleaning-log.csv and results.csv included; the first framework \
        given that declares a round applies. Without one, the package is not cleaned and the round page says so. \
        A framework that does not load stops the server from starting (exit status 1).
        """
    )

    @OptionGroup var database: StoreOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The public address, for links on the admin pages; https makes cookies secure.", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("admin-secret-file"), help: ArgumentHelp(
        "A file of admins, one `name: secret` line each, or of one shared secret (else SAMLA_ADMIN_SECRET); read again on SIGHUP.", valueName: "path"))
    var adminSecretFile: String?

    @Option(name: .customLong("admin-idle-minutes"), help: ArgumentHelp("An admin session not used for this many minutes ends (1 to 480).", valueName: "minutes"))
    var adminIdleMinutes: Int = 30

    @Option(name: .customLong("api-token-file"), help: ArgumentHelp(
        "A file of partner systems, one `name: token` line each, or of one shared token (else SAMLA_API_TOKEN); read again on SIGHUP.", valueName: "path"))
    var apiTokenFile: String?

    @Option(name: .customLong("framework"), help: ArgumentHelp(
        "A framework whose cleaning rules and results go into the Euclid package of its rounds on the admin pages (repeat for several).",
        valueName: "file"))
    var frameworks: [String] = []

    @Option(name: .customLong("max-body-bytes"), help: ArgumentHelp("Larger request bodies are refused with 413; at least 1024.", valueName: "bytes"))
    var maxBodyBytes: Int = 128 * 1024

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .customLong("max-batch"), help: .hidden)
    var maxBatch: Int = 512

    @Option(name: .customLong("kept-responses"), help: .hidden)
    var keptResponses: Int = 4096

    @Flag(help: .hidden)
    var baseline: Bool = false

    @Flag(name: .customLong("form-baseline"), help: .hidden)
    var formBaseline: Bool = false

    init() {}

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBodyBytes >= 1024 else { throw ValidationError("--max-body-bytes must be at least 1024") }
        guard maxBatch >= 1 else { throw ValidationError("--max-batch must be at least 1") }
        guard (1...480).contains(adminIdleMinutes) else { throw ValidationError("--admin-idle-minutes must be between 1 and 480 (eight hours, when every session ends)") }
        guard keptResponses >= 0 else { throw ValidationError("--kept-responses must be 0 or more") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
        if let baseURL, Links(base: baseURL) == nil {
            throw ValidationError("--base-url must be an http:// or https:// address without query, e.g. https://enkat.example.se")
        }
    }

    func run() async throws {
        var logger = Logger(label: "samla.serve") { JSONLogHandler(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let announce: @Sendable (Int) async -> Void = { [host] port in
            printLine("samla serve: listening on http://\(host):\(port)/")
        }
        if baseline {
            try await BaselineServer.application(host: host, port: port, logger: logger, onServerRunning: announce).runService()
            return
        }
        if formBaseline {
            try await BaselineServer.formShaped(host: host, port: port, maximumBodyBytes: maxBodyBytes, logger: logger, onServerRunning: announce)
                .runService()
            return
        }
        var server: FormServer?
        try reportingRefusals(database: database.path) {
            let admins: AdminRoster?
            switch AdminRoster.load(file: adminSecretFile, environment: "SAMLA_ADMIN_SECRET") {
            case .success(let loaded): admins = loaded
            case .failure(let refusal): throw Refused(refusal.diagnostics)
            }
            let apiClients: APIClients?
            switch APIClients.load(file: apiTokenFile, environment: "SAMLA_API_TOKEN") {
            case .success(let loaded): apiClients = loaded
            case .failure(let refusal): throw Refused(refusal.diagnostics)
            }
            // A server on a new, empty database has no round to serve: a mistyped --db.
            let store = try database.open(.writing)
            let configuration = FormServerConfiguration(
                host: host, port: port, links: baseURL.flatMap(Links.init(base:)), admins: admins, apiClients: apiClients,
                maximumBodyBytes: maxBodyBytes, maximumBatch: maxBatch, keptResponses: keptResponses, samlaVersion: SamlaVersion.current,
                frameworks: try Self.load(frameworks: frameworks, store: store), database: database.path,
                adminIdleLimit: TimeInterval(adminIdleMinutes * 60))
            server = try FormServer(store: store, configuration: configuration, logger: logger)
        }
        guard let server else { return }
        // The download folders of exports still running when the server stopped.
        defer { TemporaryPaths.shared.removeAll() }
        do {
            try await server.run(onServerRunning: announce)
        } catch {
            printDiagnostics([Diagnostic(.cannotListen, at: .field("port"),
                "cannot serve on \(host):\(port): \(FormServer.describeStartFailure(error)); choose another --port or --host")])
            throw ExitCode(ExitStatus.refused)
        }
    }

    /// Every framework, loaded as `samla export --framework` loads it; the diagnostics of all that
    /// do not load, together.
    private static func load(frameworks paths: [String], store: SQLiteStore) throws -> [ExportFramework] {
        var loaded: [ExportFramework] = []
        var refusals: [Diagnostic] = []
        for path in paths {
            do {
                loaded.append(ExportFramework(framework: try ComputeCommand.loadFramework(path, store: store), source: path))
            } catch let refused as Refused {
                refusals += refused.diagnostics
            }
        }
        if !refusals.isEmpty { throw Refused(refusals) }
        return loaded
    }
}
