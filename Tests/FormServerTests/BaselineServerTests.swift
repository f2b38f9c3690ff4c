import Foundation
import FormServer
import Hummingbird
import HTTPTypes
import Logging
import Testing

/// The benchmark's yardsticks answer as the benchmark assumes.
@Suite struct BaselineServerTests {
    @Test func theFormShapedBaselineAnswersAPostAsASavedPageWithoutSamlasWork() async throws {
        let logs = LogSink.collecting()
        var logger = Logger(label: "test") { JSONLogHandler(label: $0, sink: logs) }
        logger.logLevel = .info
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = BaselineServer.formShaped(host: "127.0.0.1", port: 0, maximumBodyBytes: 1024, logger: logger) { port in
            continuation.yield(port)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw TestFailure("the baseline did not start") }
            let client = WebClient(port: port)
            let form = ["Content-Type": "application/x-www-form-urlencoded"]
            let saved = try await client.request(.post, "/t/abc123", headers: form, body: "samla.page=respondent&prio_fin=3")
            #expect(saved.status == 303)
            #expect(saved.location == "/t/abc123")
            #expect(saved.header("X-Frame-Options") == "DENY" && saved.header("Cache-Control") == "no-store", "the form's security headers")
            let broken = try await client.request(.post, "/t/abc123", headers: form, body: "a=%ZZ")
            #expect(broken.status == 400, "the body is parsed as the form's is")
            let large = try await client.request(.post, "/t/abc123", headers: form, body: String(repeating: "a", count: 2048))
            #expect(large.status == 413, "under the same body limit")
            group.cancelAll()
        }
        #expect(logs.lines.contains { $0.contains(#""path":"/t/[token]""#) && $0.contains(#""status":"303""#) }, "one request line each, as the form logs")
    }
}
