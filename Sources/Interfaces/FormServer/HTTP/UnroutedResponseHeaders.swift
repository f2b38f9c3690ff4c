import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Gives the security headers to the one response that passes no middleware: the 400 that
/// Hummingbird writes itself when a request cannot be parsed (a malformed request line, a method
/// the parser does not know, a Content-Length that is not a number), which went out with none of
/// them; and logs it, as the request log cannot.
///
/// Only an error response is looked at: every other response came through the router, whose
/// middleware gave it the headers.
final class UnroutedResponseHeaders: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private static let headers: HTTPFields = {
        var fields = SecurityHeadersMiddleware<BasicRequestContext>.fields(policy: SecurityHeadersMiddleware<BasicRequestContext>.contentSecurityPolicy)
        fields[.cacheControl] = "no-store"
        return fields
    }()

    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), head.status.code >= 400, head.headerFields[.xContentTypeOptions] == nil else {
            return context.write(data, promise: promise)
        }
        head.headerFields.append(contentsOf: Self.headers)
        logger.notice("request could not be read; answered without routing", metadata: ["status": "\(head.status.code)"])
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
