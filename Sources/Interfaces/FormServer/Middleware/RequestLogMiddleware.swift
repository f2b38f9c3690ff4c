import Foundation
import Hummingbird
import Logging
import Store

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

    /// The path with link tokens replaced, so that the log holds no key to a response: the segment
    /// after `/t/` (a page's address keeps its number, `/t/[token]/3`), and any segment that holds
    /// a token, percent-encoded or not, wherever it stands (`//t/TOKEN/3` and `/t//TOKEN` open the
    /// form as `/t/TOKEN` does, and `TOKEN;3` or `TOKEN%2F3` written for a page carry the key as well).
    static func redacted(_ path: String) -> String {
        var path = path
        if path.utf8.starts(with: "/t/".utf8) {
            guard let slash = path.utf8.dropFirst(3).firstIndex(of: UInt8(ascii: "/")) else { return "/t/[token]" }
            path = "/t/[token]" + path[slash...]
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.contains(where: isToken) else { return path }
        return segments.map { isToken($0) ? "[token]" : $0 }.joined(separator: "/")
    }

    /// Whether a path segment holds a link token as the router reads it (percent-decoded).
    private static func isToken(_ segment: Substring) -> Bool {
        guard segment.utf8.count >= InvitationToken.textLength else { return false }
        return InvitationToken.isWritten(in: segment.contains("%") ? segment.removingPercentEncoding ?? "" : String(segment))
    }
}
