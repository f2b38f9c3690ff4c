import Foundation
import GRDB
import Store
import Testing

/// The built `samla serve` takes concurrent API submissions, is killed with SIGKILL in the middle,
/// and after a restart every submission it acknowledged is there.
@Suite struct CrashTests {
    /// `samla`, built next to the test bundle.
    static var executable: URL {
        let bundle = Bundle.main.bundleURL
        for folder in [bundle, bundle.deletingLastPathComponent()] {
            let url = folder.appendingPathComponent("samla")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return TestEnvironment.repository.appendingPathComponent(".build/debug/samla")
    }

    /// A running `samla serve` and the port it announced.
    final class ServerProcess: @unchecked Sendable {
        let process = Process()
        let port: Int

        /// Its log (standard error) goes to the file `log`, else nowhere; `environment` is added to the test's own.
        init(database: String, tokenFile: String, arguments: [String] = [], logLevel: String = "warning", log: String? = nil,
             environment: [String: String] = [:]) throws {
            process.executableURL = CrashTests.executable
            if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
            process.arguments = ["serve", "--db", database, "--port", "0", "--api-token-file", tokenFile, "--log-level", logLevel] + arguments
            let output = Pipe()
            process.standardOutput = output
            if let log {
                _ = FileManager.default.createFile(atPath: log, contents: nil)
                process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            } else {
                process.standardError = FileHandle.nullDevice
            }
            try process.run()
            // The first line says where it listens.
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
            let text = String(decoding: line, as: UTF8.self)
            guard let port = Page.firstMatch(#":(\d+)/$"#, in: text).flatMap(Int.init) else { throw TestFailure("samla serve said: \(text)") }
            self.port = port
        }

        func kill(_ signal: Int32) {
            Foundation.kill(process.processIdentifier, signal)
            process.waitUntilExit()
        }
    }

    @Test(.timeLimit(.minutes(5))) func everyAcknowledgedSubmissionSurvivesSIGKILL() async throws {
        let environment = try TestEnvironment()
        let tokenFile = environment.folder.appendingPathComponent("api-token").path
        try (TestEnvironment.apiToken + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let server = try ServerProcess(database: environment.databasePath, tokenFile: tokenFile)
        let client = WebClient(port: server.port)
        let acknowledged = Acknowledged()

        // 16 clients submit in a loop; the server is killed once 300 submissions are acknowledged.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    for n in 0..<10_000 {
                        let key = "crash-\(worker)-\(n)"
                        var headers = APITests.headers
                        headers["Idempotency-Key"] = key
                        guard let reply = try? await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse)
                        else { return }
                        guard reply.status == 201, let id = Page.firstMatch(#""id":(\d+)"#, in: reply.body).flatMap({ Int64($0) }) else { return }
                        acknowledged.add(key: key, id: id)
                    }
                }
            }
            group.addTask {
                while acknowledged.count < 300 { try await Task.sleep(for: .milliseconds(5)) }
                server.kill(SIGKILL)
            }
            try await group.waitForAll()
        }
        #expect(server.process.terminationReason == .uncaughtSignal)
        let entries = acknowledged.entries
        #expect(entries.count >= 300)

        // Restarted, the server knows every acknowledged key: a retry gets the same id back.
        let restarted = try ServerProcess(database: environment.databasePath, tokenFile: tokenFile)
        let again = WebClient(port: restarted.port)
        for (key, id) in entries.prefix(50) {
            var headers = APITests.headers
            headers["Idempotency-Key"] = key
            let replay = try await again.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse)
            #expect(replay.status == 201)
            #expect(replay.header("Idempotent-Replayed") == "true")
            #expect(replay.body.contains("\"id\":\(id),"))
        }
        restarted.kill(SIGTERM)

        let database = try DatabaseQueue(path: environment.databasePath)
        try await database.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            for (key, id) in entries {
                let row = try Row.fetchOne(db, sql: """
                    SELECT r.status, k.response_id FROM idempotency_keys k JOIN responses r ON r.id = k.response_id WHERE k.key = ?
                    """, arguments: [key])
                #expect(row?["status"] == "complete", "\(key) was acknowledged but is missing")
                #expect(row?["response_id"] == id)
            }
        }
    }

    final class Acknowledged: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [(String, Int64)] = []
        func add(key: String, id: Int64) { lock.withLock { stored.append((key, id)) } }
        var count: Int { lock.withLock { stored.count } }
        var entries: [(String, Int64)] { lock.withLock { stored } }
    }
}
