import Foundation
@testable import FormServer
import Testing

/// Clients that hold a connection without finishing a request (slowloris): the server closes them
/// instead of keeping a connection, and a file descriptor, open for as long as they like.
@Suite struct SlowClientTests {
    @Test func aConnectionThatSendsNoWholeRequestHeadIsClosed() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(idleTimeout: .seconds(1)) { client in
            let silent = try RawConnection(port: client.port)
            let halfHead = try RawConnection(port: client.port)
            try halfHead.send("GET /s/esem-open HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: sv\r\n")
            #expect(await silent.isClosed(within: 15), "a connection that sends nothing")
            #expect(await halfHead.isClosed(within: 15), "a connection whose request head never ends")
        }
    }

    @Test func aBodyThatDoesNotArriveInTimeIsCutOffAndLogged() async throws {
        let environment = try TestEnvironment()
        // The idle timeout is long: what closes the connection is the request's own deadline.
        try await environment.withServer(idleTimeout: .seconds(120), requestReadTimeout: .seconds(1)) { client in
            let connection = try RawConnection(port: client.port)
            try connection.send(
                "POST /s/esem-open HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nsamla.csrf=")
            #expect(await connection.isClosed(within: 15))
            #expect(try await client.get("/s/esem-open").status == 200)
        }
        let cut = try #require(environment.logs.lines.first { $0.contains("\"code\":\"E486\"") })
        #expect(cut.contains("\"path\":\"/s/esem-open\"") && cut.contains("\"method\":\"POST\""))
        #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.started == 0, "nothing was begun")
    }

    /// The deadline is each request's own on a kept-alive connection: requests whose bodies come
    /// in slowly but in time, one after another for longer than the limit, are answered, and a
    /// later one that stops is cut off at its own deadline. Each body is 1.5 s late against a 4 s
    /// limit (the 2.5 s left over, and the wait kept off Swift's concurrency threads, keep a loaded
    /// machine's late wake-ups from cutting one off), and the three take 4.5 s, longer than the
    /// limit, which a deadline kept per connection would cut.
    @Test func aKeptAliveConnectionIsTimedRequestByRequest() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(idleTimeout: .seconds(120), requestReadTimeout: .seconds(4)) { client in
            let connection = try RawConnection(port: client.port)
            let head = "POST /s/esem-open HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\n"
            for request in 1...3 {
                try await connection.send(head + "samla", then: ".csrf", after: 1.5)
                let response = try #require(await connection.response(within: 15), "request \(request) answered")
                #expect(response.hasPrefix("HTTP/1.1 4"), "refused for its missing token, not cut off: \(response.prefix(40))")
            }
            try connection.send(head + "samla")
            #expect(await connection.isClosed(within: 15))
        }
        let cut = environment.logs.lines.filter { $0.contains("\"code\":\"E486\"") }
        #expect(cut.count == 1 && cut[0].contains("\"method\":\"POST\""), "\(cut)")
    }

    /// A client that leaves in the middle of its body (a dropped mobile connection) is no error of
    /// the server: it was logged as `request failed` at level error with status 500.
    @Test func aClientThatLeavesMidBodyIsNoServerError() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let connection = try RawConnection(port: client.port)
            try connection.send(
                "POST /s/esem-open HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nsamla.csrf=")
            connection.hangUp()
            // The server has handled the cut once a later request on another connection is answered
            // and the request line of the cut one is written.
            for _ in 0..<100 where !environment.logs.lines.contains(where: { $0.contains("\"method\":\"POST\"") }) {
                _ = try await client.get(Stylesheet.path)
            }
        }
        let cut = try #require(environment.logs.lines.first { $0.contains("\"message\":\"request\"") && $0.contains("\"method\":\"POST\"") })
        #expect(cut.contains("\"status\":\"400\""))
        #expect(environment.logs.lines.contains { $0.contains("request body cut short") && $0.contains("\"level\":\"notice\"") })
        // (Stopping the test's server logs an error of its own: the cancelled child channels.)
        let errors = environment.logs.lines.filter { $0.contains("\"level\":\"error\"") && $0.contains("request") }
        #expect(errors.isEmpty, "\(errors)")
    }
}
