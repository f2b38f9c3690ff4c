import Hummingbird
import Logging
import NIOCore

/// A bare Hummingbird server that answers every `POST /t/TOKEN` with 200 and does no work: the
/// yardstick the benchmark measures `samla serve` against, in the same run.
public enum BaselineServer {
    public static func application(host: String, port: Int, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let router = Router()
        router.post("/t/:token") { _, _ in HTTPResponse.Status.ok }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }
}
