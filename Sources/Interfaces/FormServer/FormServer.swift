import Exports
import Foundation
import Hummingbird
import Intake
import Logging
import NIOCore
import ServiceLifecycle
import Store
import UnixSignals

/// How `samla serve` runs.
public struct FormServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (tests); the port in use is passed to `onServerRunning`.
    public var port: Int
    /// The public address, for the links the admin pages show; nil shows paths only.
    public var links: Links?
    /// Who may sign in to the admin pages at start (``FormServer/reloadSecrets()`` reads their file
    /// again); without them the admin pages say they are off.
    public var admins: AdminRoster?
    /// An admin session not used for this long ends (it ends eight hours after sign-in at the latest).
    public var adminIdleLimit: TimeInterval
    /// The partner systems that may submit through the JSON API at start (``FormServer/reloadSecrets()``
    /// reads their file again); without them the API answers 503.
    public var apiClients: APIClients?
    /// Larger request bodies are refused with 413.
    public var maximumBodyBytes: Int
    /// Cookies only over HTTPS (set when the public address is https).
    public var secureCookies: Bool
    /// The most writes one commit takes (1: a commit per write).
    public var maximumBatch: Int
    /// How many responses being filled in are kept in memory between their pages (0: none).
    public var keptResponses: Int
    /// Samla's version, written into the provenance of exports downloaded from the admin pages.
    public var samlaVersion: String
    /// Frameworks whose cleaning rules and results go into the Euclid package of the rounds they
    /// declare (`samla serve --framework`), in the order given: the first that declares a round applies.
    public var frameworks: [ExportFramework]
    /// The database as the log names it (its path), when it cannot take a request.
    public var database: String
    /// A connection that sends nothing for this long (no request head, or nothing between
    /// requests) is closed.
    public var idleTimeout: Duration
    /// A request whose body has not arrived in full this long after its head is cut off (E486).
    public var requestReadTimeout: Duration
    /// How long SIGTERM or SIGINT waits for the requests in progress before it closes their
    /// connections: a body still trickling in held a stop for the read timeout, past systemd's
    /// `TimeoutStopSec`, while the server took no new connection.
    public var shutdownGrace: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, links: Links? = nil, admins: AdminRoster? = nil, apiClients: APIClients? = nil,
        maximumBodyBytes: Int = 128 * 1024, secureCookies: Bool? = nil, maximumBatch: Int = 512, keptResponses: Int = 4096,
        samlaVersion: String, frameworks: [ExportFramework] = [], database: String = "the database",
        idleTimeout: Duration = .seconds(30), requestReadTimeout: Duration = .seconds(60), adminIdleLimit: TimeInterval = 30 * 60,
        shutdownGrace: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.links = links
        self.admins = admins
        self.adminIdleLimit = adminIdleLimit
        self.apiClients = apiClients
        self.maximumBodyBytes = maximumBodyBytes
        self.secureCookies = secureCookies ?? (links?.base.lowercased().hasPrefix("https://") ?? false)
        self.maximumBatch = maximumBatch
        self.keptResponses = keptResponses
        self.samlaVersion = samlaVersion
        self.frameworks = frameworks
        self.database = database
        self.idleTimeout = idleTimeout
        self.requestReadTimeout = requestReadTimeout
        self.shutdownGrace = shutdownGrace
    }
}

/// The web collection server: respondent pages, admin pages and the JSON API over one store.
///
/// Routes parse the request, call the ``SubmissionService`` (which validates with the one
/// `ResponseValidator` and writes through the group commit) and render. Every response carries
/// the security headers; every request is logged as one structured line.
public final class FormServer: Sendable {
    public let configuration: FormServerConfiguration
    public let submissions: SubmissionService
    let store: any CollectionStore
    let signer: RequestSigner
    let respondentTokens: RespondentTokens
    let signInThrottle = SignInThrottle()
    let secrets: SecretsInForce
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Opens the server over `store`; `clock` decides which rounds are collecting and when admin
    /// sessions end (tests move it).
    public init(
        store: any CollectionStore, configuration: FormServerConfiguration, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.signer = RequestSigner(secret: try store.secret(named: "request-signing", byteCount: 32))
        secrets = SecretsInForce(
            adminSessions: configuration.admins.map { [signer] in
                AdminSessions(serverSigner: signer, roster: $0, idleLimit: configuration.adminIdleLimit, secureCookies: configuration.secureCookies)
            },
            apiClients: configuration.apiClients)
        self.respondentTokens = RespondentTokens(signer: signer)
        self.submissions = SubmissionService(
            store: store, maximumBatch: configuration.maximumBatch, keptResponses: configuration.keptResponses, clock: clock)
    }

    /// The Hummingbird application; `onServerRunning` gets the port it listens on.
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(options: .autoGenerateHeadEndpoints)
        Self.addMiddleware(to: router, logger: logger, database: configuration.database)
        addAssetRoutes(router)
        addRespondentRoutes(router)
        addAdminRoutes(router)
        addAPIRoutes(router)
        Self.refuseOtherMethods(router)
        let readLimit = TimeAmount(configuration.requestReadTimeout)
        let logger = self.logger
        return Application(
            router: router,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestReadDeadline(limit: readLimit, logger: logger), UnroutedResponseHeaders(logger: logger)],
                idleTimeout: TimeAmount(configuration.idleTimeout))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// What every response of the server passes through: the request log, the security headers
    /// and the error pages (the form-shaped benchmark yardstick uses the same).
    static func addMiddleware(to router: Router<BasicRequestContext>, logger: Logger, database: String = "the database") {
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorPageMiddleware(logger: logger, database: database))
    }

    /// Answers a method a route does not take with 405 and `Allow` (the router alone says 404, as
    /// if the path did not exist). HEAD is allowed wherever GET is.
    static func refuseOtherMethods(_ router: Router<BasicRequestContext>) {
        let methodsByPath = Dictionary(grouping: router.routes, by: \.path.description)
        for routes in methodsByPath.values {
            let taken = Set(routes.map(\.method))
            let allowed = (taken.contains(.get) ? taken.union([.head]) : taken).map(\.rawValue).sorted().joined(separator: ", ")
            for method: HTTPRequest.Method in [.get, .post, .put, .delete, .patch, .options, .trace] where !taken.contains(method) {
                router.on(routes[0].path, method: method) { _, _ -> Response in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: allowed])
                }
            }
        }
    }

    /// The admin sessions of the admins in force; nil when the admin pages are off.
    var adminSessions: AdminSessions? { secrets.adminSessions }

    /// Serves until SIGTERM or SIGINT, then answers the requests in progress for up to
    /// ``FormServerConfiguration/shutdownGrace``, closes the connections left and commits what is
    /// queued; on SIGHUP reads the admins and API tokens files again (``reloadSecrets()``).
    public func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        if let admins = configuration.admins {
            logger.notice("admin pages on", metadata: [
                "admins": "\(admins.names)", "source": "\(admins.source)",
                "idle_minutes": "\(Int(configuration.adminIdleLimit / 60))",
            ])
            warnIfReadableByAll(admins)
        } else {
            logger.warning("admin pages are off: set SAMLA_ADMIN_SECRET or give --admin-secret-file", metadata: ["code": "E481"])
        }
        if let clients = configuration.apiClients {
            logger.notice("JSON API on", metadata: ["clients": "\(clients.names)", "source": "\(clients.source)"])
            warnIfReadableByAll(clients)
        } else {
            logger.warning("the JSON API is off: set SAMLA_API_TOKEN or give --api-token-file", metadata: ["code": "E481"])
        }
        for framework in configuration.frameworks {
            logger.notice("cleaning rules loaded: the Euclid package of the framework's rounds is cleaned by them", metadata: [
                "framework": "\(framework.id)", "source": "\(framework.source)",
            ])
        }
        defer { shutdown() }
        // Trapped before the server listens, so that a SIGHUP never finds it unprepared (and stops it).
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in hangups { self.reloadSecrets() }
            }
            var services = ServiceGroupConfiguration(
                services: [application(onServerRunning: onServerRunning)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            services.maximumGracefulShutdownDuration = configuration.shutdownGrace
            try await ServiceGroup(configuration: services).run()
            group.cancelAll()
        }
    }

    /// Why `run` could not serve, for E478: for a failed system call (a port in use, an address
    /// not of this machine) the call and the system's reason, `bind failed: address already in
    /// use`, instead of NIO's description with the call's signature and the errno; any other error
    /// as it describes itself.
    public static func describeStartFailure(_ error: any Error) -> String {
        guard let error = error as? IOError, let reason = strerror(error.errnoCode) else { return "\(error)" }
        let call = String(error.description.prefix { $0 != "(" && $0 != ":" })
        return "\(call.isEmpty ? "listening" : call) failed: \(String(cString: reason).lowercased())"
    }

    /// Stops the writer after committing what is queued.
    public func shutdown() {
        submissions.shutdown()
        let statistics = submissions.writer.currentStatistics
        logger.notice("writer stopped", metadata: [
            "writes": "\(statistics.writes)", "commits": "\(statistics.commits)", "largest_batch": "\(statistics.largestBatch)",
            "commit_ms_mean": "\(statistics.commits == 0 ? 0 : (statistics.commitSeconds / Double(statistics.commits) * 1e4).rounded() / 10)",
        ])
    }

    private func addAssetRoutes(_ router: Router<BasicRequestContext>) {
        for asset in [Stylesheet.asset, FormScript.asset] {
            router.get(RouterPath(stringLiteral: asset.path)) { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = asset.contentType
                headers[.cacheControl] = StaticAsset.cacheControl
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.content)))
            }
        }
    }
}
