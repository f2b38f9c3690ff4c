import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP connection to the server that sends exactly the bytes given, as a slow or hostile
/// client does (half a request, a body that stops), and tells whether the server closed it.
final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw TestFailure("no socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw TestFailure("cannot connect to port \(port): errno \(errno)")
        }
    }

    deinit { close(socket) }

    /// Ends the connection from this side, as a client that goes away does.
    func hangUp() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw TestFailure("send failed: errno \(errno)")
        }
    }

    /// GETs each path as written, on a connection of its own (no client tidies it up first), and
    /// expects its status.
    static func expectGets(_ expected: [(path: String, status: Int)], port: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for (path, status) in expected {
            let connection = try RawConnection(port: port)
            try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let reply = try #require(await connection.response(within: 15), "\(path)", sourceLocation: sourceLocation)
            #expect(reply.hasPrefix("HTTP/1.1 \(status)"), "\(path): \(reply.prefix(40))", sourceLocation: sourceLocation)
        }
    }

    /// Sends `first`, waits `delay` seconds, then sends `second`, on a thread of its own: a sleep
    /// of the caller's task could wake late while other tests' blocking work holds Swift's few
    /// concurrency threads, and turn a late body into one past the server's deadline.
    func send(_ first: String, then second: String, after delay: TimeInterval) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    try self.send(first)
                    Thread.sleep(forTimeInterval: delay)
                    try self.send(second)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    /// The next response's head and body (by its Content-Length) as text; nil when the server
    /// closes the connection or sends no whole response within `seconds`.
    func response(within seconds: Int) async -> String? {
        await withCheckedContinuation { continuation in
            Thread {
                var timeout = timeval(tv_sec: 1, tv_usec: 0)
                setsockopt(self.socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                let deadline = Date().addingTimeInterval(TimeInterval(seconds))
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while Date() < deadline {
                    let got = recv(self.socket, &buffer, buffer.count, 0)
                    if got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { break }
                    if got > 0 { received += buffer[..<got] }
                    if let whole = Self.wholeResponse(received) { return continuation.resume(returning: whole) }
                }
                continuation.resume(returning: nil)
            }.start()
        }
    }

    /// The response in `bytes` once its head and the body its Content-Length announces are in.
    private static func wholeResponse(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let length = text[..<end.lowerBound].split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return text.utf8.count - text[..<end.upperBound].utf8.count >= length ? text : nil
    }

    /// Whether the server closes the connection within `seconds`, reading (and dropping) what it
    /// sends meanwhile. Blocks a thread of its own, not the caller's (nor a shared queue's, which
    /// other tests' blocking work may hold).
    func isClosed(within seconds: Int) async -> Bool {
        await withCheckedContinuation { continuation in
            Thread {
                var timeout = timeval(tv_sec: 1, tv_usec: 0)
                setsockopt(self.socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                let deadline = Date().addingTimeInterval(TimeInterval(seconds))
                var buffer = [UInt8](repeating: 0, count: 4096)
                while Date() < deadline {
                    let got = recv(self.socket, &buffer, buffer.count, 0)
                    if got == 0 || (got < 0 && errno == ECONNRESET) { return continuation.resume(returning: true) }
                }
                continuation.resume(returning: false)
            }.start()
        }
    }
}
