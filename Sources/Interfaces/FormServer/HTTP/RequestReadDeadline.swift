import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request has not arrived in full within `limit` of its head: a client
/// that sends a body a byte at a time (or never ends it) would otherwise hold its connection, and
/// a file descriptor, for as long as it likes. The wait for a request's head, and between requests
/// of a kept-alive connection, is the server's idle timeout.
final class RequestReadDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let limit: TimeAmount
    private let logger: Logger
    private var deadline: Scheduled<Void>?

    init(limit: TimeAmount, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            deadline?.cancel()
            let path = head.path ?? ""
            let limit = self.limit
            let logger = self.logger
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            deadline = context.eventLoop.scheduleTask(in: limit) {
                logger.notice("request not received in time; connection closed", metadata: [
                    "code": "E486", "method": "\(head.method.rawValue)", "path": "\(RequestLogMiddleware<BasicRequestContext>.redacted(String(path.prefix { $0 != "?" })))",
                    "seconds": "\(limit.nanoseconds / 1_000_000_000)",
                ])
                loopBound.value.close(promise: nil)
            }
        case .end:
            deadline?.cancel()
            deadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
