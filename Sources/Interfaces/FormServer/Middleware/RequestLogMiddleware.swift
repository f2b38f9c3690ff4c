import Hummingbird
import Logging

/// One structured log line per request: method, path without tokens, status and milliseconds.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start)
            return response
        } catch {
            log(request, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "path": "\(Self.redacted(request.uri.path))",
            "status": "\(status)",
            "ms": "\((milliseconds * 100).rounded() / 100)",
        ])
    }

    /// The path with link tokens replaced, so that the log holds no key to a response.
    static func redacted(_ path: String) -> String {
        guard path.utf8.starts(with: "/t/".utf8) else { return path }
        let rest = path.utf8.dropFirst(3).firstIndex(of: UInt8(ascii: "/")).map { path[$0...] } ?? ""
        return "/t/[token]" + rest
    }
}
