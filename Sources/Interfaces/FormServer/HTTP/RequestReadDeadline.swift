import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request has not arrived in full within `limit` of its head: a client
/// that sends a body a byte at a time (or never ends it) would otherwise hold its connection, and
/// a file descriptor, for as long as it likes. The wait for a request's head, and between requests
/// of a kept-alive connection, is the server's idle timeout.
///
/// A connection has one timer, armed by the first request head and armed again only when it fires
/// (for the request being read then, at its own deadline): a request costs a clock read, not a
/// timer scheduled and cancelled on the event loop (with a closure made for each), about 1.4 % of a
/// form post's CPU in a profile of the posts.
final class RequestReadDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let limit: TimeAmount
    private let logger: Logger
    /// The request being read and when its head arrived; nil between requests.
    private var reading: (head: HTTPRequest, arrived: NIODeadline)?
    private var timer: Scheduled<Void>?

    init(limit: TimeAmount, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            let now = NIODeadline.now()
            reading = (head, now)
            if timer == nil { arm(context, at: now + limit) }
        case .end:
            reading = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    private func arm(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) {
            bound.value.handler.timerFired(bound.value.context)
        }
    }

    /// Closes the connection if the request being read is past its deadline; else waits for that
    /// deadline, or, between requests, for the next head.
    private func timerFired(_ context: ChannelHandlerContext) {
        timer = nil
        guard let reading else { return }
        let due = reading.arrived + limit
        guard NIODeadline.now() >= due else { return arm(context, at: due) }
        let path = reading.head.path ?? ""
        logger.notice("request not received in time; connection closed", metadata: [
            "code": "E486", "method": "\(reading.head.method.rawValue)",
            "path": "\(RequestLogMiddleware<BasicRequestContext>.redacted(String(path.prefix { $0 != "?" })))",
            "seconds": "\(limit.nanoseconds / 1_000_000_000)",
        ])
        self.reading = nil
        context.close(promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    private func stop() {
        timer?.cancel()
        timer = nil
        reading = nil
    }
}
