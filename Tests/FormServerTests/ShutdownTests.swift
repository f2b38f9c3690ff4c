import Foundation
@testable import FormServer
import GRDB
import Testing

/// Stopping the server (SIGTERM, as `systemctl stop` and `restart` send it) with a client in the
/// middle of its body.
@Suite struct ShutdownTests {
    /// A body that trickles in, a byte a second, held the stop for the 60 s read deadline, past
    /// systemd's `TimeoutStopSec=30` (which then kills it) and with no new connection taken all the
    /// while. The stop now waits its grace of 10 s, closes the connection, commits and exits 0; a
    /// submission acknowledged before it is stored.
    @Test(.timeLimit(.minutes(3))) func aBodyStillArrivingHoldsAStopForTheGraceOnly() async throws {
        let environment = try TestEnvironment()
        let tokenFile = environment.folder.appendingPathComponent("api-token").path
        try (TestEnvironment.apiToken + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let log = environment.folder.appendingPathComponent("serve.log").path
        let server = try CrashTests.ServerProcess(database: environment.databasePath, tokenFile: tokenFile, logLevel: "info", log: log)
        var headers = APITests.headers
        headers["Idempotency-Key"] = "before-the-stop"
        let submitted = try await WebClient(port: server.port).request(
            .post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse)
        #expect(submitted.status == 201)

        let slow = try RawConnection(port: server.port)
        try slow.send("POST /s/esem-open HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nsamla.csrf=")
        let trickle = Task {
            for _ in 0..<90 {
                guard (try? slow.send("a")) != nil else { return }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        try await Task.sleep(for: .seconds(1))
        let stopped = Date()
        server.kill(SIGTERM)
        let seconds = Date().timeIntervalSince(stopped)
        trickle.cancel()

        #expect(seconds < 25, "the stop took \(seconds) s")
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("request cut off by the server's stop") && $0.contains("\"level\":\"notice\"") }, "\(lines.suffix(4))")
        #expect(!lines.contains { $0.contains("\"level\":\"error\"") }, "\(lines.filter { $0.contains("\"level\":\"error\"") })")
        #expect(lines.last?.contains("writer stopped") == true)
        let stored = try await DatabaseQueue(path: environment.databasePath).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM idempotency_keys k JOIN responses r ON r.id = k.response_id WHERE k.key = 'before-the-stop' AND r.status = 'complete'")
        }
        #expect(stored == 1)
    }
}
