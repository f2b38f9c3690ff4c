import Hummingbird
import Logging
import NIOCore

/// Yardsticks the benchmark measures `samla serve` against, in the same run.
public enum BaselineServer {
    /// A bare Hummingbird server that answers every `POST /t/TOKEN` with 200 and does no work.
    public static func application(host: String, port: Int, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let router = Router()
        router.post("/t/:token") { _, _ in HTTPResponse.Status.ok }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }

    /// The web form's HTTP path without Samla's work: the form server's three middlewares (request
    /// log, security headers, error pages), the body read under the same limit and parsed, and the
    /// 303 back to the link that a saved page gets. No CSRF check, no answer checked, nothing
    /// stored. What a post costs here is the part of its cost Samla's own work cannot remove.
    public static func formShaped(
        host: String, port: Int, maximumBodyBytes: Int, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        FormServer.addMiddleware(to: router, logger: logger)
        router.post("/t/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            let body = try await request.collectBody(limit: maximumBodyBytes)
            guard FormBody(body.readableBytesView) != nil else { throw WebFailure.badRequest }
            return Reply.redirect("/t/" + token)
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }
}
