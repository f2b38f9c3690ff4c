import Foundation
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
            #expect(try await client.get("/s/esem-open").status == 200)
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
}
