import Crypto
import Foundation
import GRDB
import SurveyDefinition
import Testing
@testable import FormServer

/// One token per partner system: the log and the stored response name the system that submitted,
/// each system's idempotency keys are its own, and one system can be cut off alone. There was one
/// shared token, so neither the log nor the response could tell partners apart.
@Suite struct APIClientTests {
    static let kolada = "kolada-token-0123456789"
    static let enkat = "enkat-token-9876543210"
    static let bothClients = "# partner systems that submit responses\nkolada: \(kolada)\n\n  enkat.se:\t\(enkat)  \n"
    static let path = "/api/rounds/esem-open/responses"

    /// Writes `text` as the API tokens file `api-tokens.txt` of `environment` and loads it.
    static func clients(_ text: String, in environment: TestEnvironment) throws -> APIClients {
        let path = environment.folder.appendingPathComponent("api-tokens.txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try #require(try APIClients.load(file: path, environment: "SAMLA_API_TOKEN", environment: [:]).get())
    }

    static func headers(token: String, key: String) -> [String: String] {
        ["Authorization": "Bearer " + token, "Content-Type": "application/json", "Idempotency-Key": key]
    }

    static func id(_ body: String) throws -> Int64 {
        try #require(Page.firstMatch(#""id":(\d+)"#, in: body).flatMap { Int64($0) })
    }

    @Test func eachClientIsNamedInTheLogAndInItsResponse() async throws {
        let environment = try TestEnvironment()
        let clients = try Self.clients(Self.bothClients, in: environment)
        #expect(clients.clients.map(\.name) == ["kolada", "enkat.se"])
        try await environment.withServer(apiClients: clients) { client in
            let first = try await client.request(.post, Self.path, headers: Self.headers(token: Self.kolada, key: "k-1"), body: APITests.completeResponse)
            let second = try await client.request(.post, Self.path, headers: Self.headers(token: Self.enkat, key: "e-1"), body: APITests.completeResponse)
            #expect(first.status == 201 && second.status == 201, "\(first.body) \(second.body)")
            let (koladas, enkats) = (try Self.id(first.body), try Self.id(second.body))
            #expect(try environment.store.response(koladas)?.record.apiClient == "kolada")
            #expect(try environment.store.response(enkats)?.record.apiClient == "enkat.se")

            let lines = environment.logs.lines.filter { $0.contains("\"message\":\"API submission\"") }
            #expect(lines.count == 2, "\(lines)")
            #expect(lines.contains { $0.contains("\"client\":\"kolada\"") && $0.contains("\"response\":\"\(koladas)\"") && $0.contains("\"outcome\":\"created\"") })
            #expect(lines.contains { $0.contains("\"client\":\"enkat.se\"") && $0.contains("\"response\":\"\(enkats)\"") })
            #expect(!environment.logs.lines.joined().contains(Self.kolada) && !environment.logs.lines.joined().contains(Self.enkat), "no token is logged")

            try await signIn(client)
            let page = try await client.get("/admin/responses/\(enkats)")
            #expect(page.body.contains("<dd>submitted through the API by enkat.se</dd>"), "\(page.body)")
        }
    }

    /// The round page's latest responses name the partner system beside `api`; a response of the
    /// shared token (the client `api`) reads `api` alone.
    @Test func theRoundPageListsEachAPIResponseWithItsClient() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(apiClients: try Self.clients(Self.bothClients, in: environment)) { client in
            for (token, key) in [(Self.kolada, "k-1"), (Self.enkat, "e-1")] {
                let created = try await client.request(.post, Self.path, headers: Self.headers(token: token, key: key), body: APITests.completeResponse)
                #expect(created.status == 201, "\(created.body)")
            }
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-open")
            #expect(page.body.contains("<td>api (kolada)</td>") && page.body.contains("<td>api (enkat.se)</td>"), "\(page.body)")
        }
        let shared = try TestEnvironment()
        try await shared.withServer(apiClients: try Self.clients("\(Self.kolada)\n", in: shared)) { client in
            let created = try await client.request(.post, Self.path, headers: Self.headers(token: Self.kolada, key: "k"), body: APITests.completeResponse)
            #expect(created.status == 201, "\(created.body)")
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-open")
            #expect(page.body.contains("<td>api</td>") && !page.body.contains("api (api)"), "\(page.body)")
        }
    }

    /// Two partner systems that happen to use the same Idempotency-Key submit two responses; a
    /// retry of each gets its own response back.
    @Test func idempotencyKeysAreEachClientsOwn() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(apiClients: try Self.clients(Self.bothClients, in: environment)) { client in
            let other = APITests.completeResponse.replacingOccurrences(of: "\"prio_fin\": 3", with: "\"prio_fin\": 4")
            let koladas = try await client.request(.post, Self.path, headers: Self.headers(token: Self.kolada, key: "order-1"), body: APITests.completeResponse)
            let enkats = try await client.request(.post, Self.path, headers: Self.headers(token: Self.enkat, key: "order-1"), body: other)
            #expect(koladas.status == 201 && enkats.status == 201, "\(enkats.body)")
            #expect(enkats.header("Idempotent-Replayed") == nil)
            let (first, second) = (try Self.id(koladas.body), try Self.id(enkats.body))
            #expect(first != second)
            #expect(try environment.store.response(second)?.answers["prio_fin"] == .integer(4))

            let retried = try await client.request(.post, Self.path, headers: Self.headers(token: Self.enkat, key: "order-1"), body: other)
            #expect(retried.status == 201 && retried.body == enkats.body && retried.header("Idempotent-Replayed") == "true")
            let conflict = try await client.request(.post, Self.path, headers: Self.headers(token: Self.kolada, key: "order-1"), body: other)
            #expect(conflict.status == 409, "kolada's key still holds kolada's first body")
            #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.complete == 2)
        }
    }

    /// A partner taken out of the file is refused once the server starts again; the others are not.
    @Test func aClientRemovedFromTheFileIsRefusedAfterARestart() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(apiClients: try Self.clients(Self.bothClients, in: environment)) { client in
            let taken = try await client.request(.post, Self.path, headers: Self.headers(token: Self.enkat, key: "before"), body: APITests.completeResponse)
            #expect(taken.status == 201)
        }
        try await environment.withServer(apiClients: try Self.clients("kolada: \(Self.kolada)\n", in: environment)) { client in
            let refused = try await client.request(.post, Self.path, headers: Self.headers(token: Self.enkat, key: "after"), body: APITests.completeResponse)
            #expect(refused.status == 401 && refused.body.contains("\"code\":\"E470\""))
            #expect(refused.body.contains("\"message\":\"the bearer token is no API client's token on this server (mistyped, or taken out of its API tokens file); send the token you were given"),
                    "a token sent is not asked for again: \(refused.body)")
            var unsigned = Self.headers(token: Self.kolada, key: "none")
            unsigned["Authorization"] = nil
            let without = try await client.request(.post, Self.path, headers: unsigned, body: APITests.completeResponse)
            #expect(without.status == 401 && without.body.contains("\"message\":\"send the API token as `Authorization: Bearer TOKEN`\""), "\(without.body)")
            let replayRefused = try await client.request(.post, Self.path, headers: Self.headers(token: Self.enkat, key: "before"), body: APITests.completeResponse)
            #expect(replayRefused.status == 401, "not even a replay of its earlier submission")
            let kept = try await client.request(.post, Self.path, headers: Self.headers(token: Self.kolada, key: "after"), body: APITests.completeResponse)
            #expect(kept.status == 201)
        }
    }

    /// A file of just the token, or SAMLA_API_TOKEN, still submits, as the client "api".
    @Test func aSharedTokenStillSubmitsAsApi() async throws {
        let environment = try TestEnvironment()
        let fromFile = try Self.clients("\(Self.kolada)\n", in: environment)
        #expect(fromFile.clients.map(\.name) == ["api"])
        let fromEnvironment = try #require(try APIClients.load(file: nil, environment: "SAMLA_API_TOKEN", environment: ["SAMLA_API_TOKEN": " \(Self.enkat)\n"]).get())
        #expect(fromEnvironment.clients.map(\.name) == ["api"] && fromEnvironment.client(withToken: Self.enkat) != nil)
        #expect(try APIClients.load(file: nil, environment: "SAMLA_API_TOKEN", environment: [:]).get() == nil, "no default")
        try await environment.withServer(apiClients: fromFile) { client in
            let created = try await client.request(.post, Self.path, headers: Self.headers(token: Self.kolada, key: "k"), body: APITests.completeResponse)
            #expect(created.status == 201)
            #expect(try environment.store.response(try Self.id(created.body))?.record.apiClient == "api")
            #expect(environment.logs.lines.contains { $0.contains("\"message\":\"API submission\"") && $0.contains("\"client\":\"api\"") })
        }
    }

    /// A key that the earliest Samla stored through the shared token, with the fingerprint of the
    /// request's bytes (`Tests/StoreTests/Fixtures/samla-9274605-schema-v2.sql` has two), and that
    /// `v5: API clients` gave the client `api`: the partner system's retry after the upgrade, sent as
    /// before, gets the first answer again. It got 409 (E472, "use a new key"), and a partner that
    /// did so stored the response twice. Another body under the key is still a conflict.
    @Test func aRetryOfAKeyStoredBeforeTheUpgradeGetsItsFirstAnswer() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(apiClients: try Self.clients("\(Self.kolada)\n", in: environment)) { client in
            var headers = Self.headers(token: Self.kolada, key: "order-1")
            headers["Content-Language"] = "sv"
            let created = try await client.request(.post, Self.path, headers: headers, body: APITests.completeResponse)
            #expect(created.status == 201, "\(created.body)")
            let asStoredBefore = SHA256.hash(data: Data("sv".utf8) + [0] + Data(APITests.completeResponse.utf8)).lowercaseHex
            try await DatabaseQueue(path: environment.databasePath).write { db in
                try db.execute(sql: "UPDATE idempotency_keys SET request_hash = ? WHERE key = 'order-1'", arguments: [asStoredBefore])
            }

            let retried = try await client.request(.post, Self.path, headers: headers, body: APITests.completeResponse)
            #expect(retried.status == 201 && retried.body == created.body, "\(retried.body)")
            #expect(retried.header("Idempotent-Replayed") == "true")
            let other = try await client.request(.post, Self.path, headers: headers, body: APITests.completeResponse.replacingOccurrences(of: "\"prio_fin\": 3", with: "\"prio_fin\": 4"))
            #expect(other.status == 409 && other.body.contains("E472"), "\(other.body)")
            #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.complete == 1)
        }
    }

    /// The API tokens file is read as the admins file is, and its mistakes are told about API clients.
    @Test func mistakesInTheTokensFileAreReportedAtTheirLine() throws {
        let environment = try TestEnvironment()
        let path = environment.folder.appendingPathComponent("api-tokens.txt").path
        try """
        # partners
        kolada: \(Self.kolada)
        enkat: short-token
        KOLADA: another-token-0123456789
        scb: \(Self.kolada)
        Statistics Sweden: scb-token-0123456789
        """.write(toFile: path, atomically: true, encoding: .utf8)
        guard case .failure(let problems) = APIClients.load(file: path, environment: "SAMLA_API_TOKEN", environment: [:]) else {
            Issue.record("a file with mistakes was taken")
            return
        }
        #expect(problems.diagnostics.map(\.description) == [
            "\(path):3:1: error[E477]: the token of API client 'enkat' is shorter than 16 characters; use a long random one, e.g. from `openssl rand -base64 32`",
            "\(path):4:1: error[E489]: API client 'KOLADA' is named on line 2 already (names are compared without case); give each API client one line, under a name of its own",
            "\(path):5:1: error[E489]: API client 'scb' has the same token as API client 'kolada' on line 2; give each API client a token of its own, so that the log can tell them apart",
            "\(path):6:1: error[E488]: the name before the colon is not a name: use 1 to 64 letters, digits, '.', '_', '-' or '+', such as the partner system's short name",
        ])
        try "# no partner yet\n".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .failure(let empty) = APIClients.load(file: path, environment: "SAMLA_API_TOKEN", environment: [:]) else {
            Issue.record("a file of no client was taken")
            return
        }
        #expect(empty.diagnostics.map(\.description) == [
            "\(path): error[E477]: the file holds no API client token; write one line `name: token` for each API client, or just the token, e.g. from `openssl rand -base64 32`",
        ])
    }

    /// A short shared token, from a file of one token or from `SAMLA_API_TOKEN`, is called a token,
    /// and the file's is reported at its line, as a named client's is.
    @Test func aShortSharedTokenIsReportedAsAToken() throws {
        let environment = try TestEnvironment()
        let path = environment.folder.appendingPathComponent("api-token.txt").path
        try "# the partner's token\nshort-token\n".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .failure(let fromFile) = APIClients.load(file: path, environment: "SAMLA_API_TOKEN", environment: [:]),
              case .failure(let fromEnvironment) = APIClients.load(file: nil, environment: "SAMLA_API_TOKEN", environment: ["SAMLA_API_TOKEN": "short"])
        else {
            Issue.record("a short token was taken")
            return
        }
        #expect((fromFile.diagnostics + fromEnvironment.diagnostics).map(\.description) == [
            "\(path):2:1: error[E477]: the token from the file \(path) is shorter than 16 characters; use a long random one, e.g. from `openssl rand -base64 32`",
            "field SAMLA_API_TOKEN: error[E477]: the token from the environment variable SAMLA_API_TOKEN is shorter than 16 characters; use a long random one, e.g. from `openssl rand -base64 32`",
        ])
    }

    /// `samla serve` does not start with such a file, before it opens the database (here missing).
    @Test func samlaServeDoesNotStartWithAMalformedTokensFile() throws {
        let environment = try TestEnvironment()
        let path = environment.folder.appendingPathComponent("api-tokens.txt").path
        try "kolada: \(Self.kolada)\nenkat \(Self.enkat)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let missing = environment.folder.appendingPathComponent("no-such.sqlite").path
        let serve = try AdminPackageCleaningTests.run(["serve", "--db", missing, "--port", "0", "--api-token-file", path])
        #expect(serve.status == 1)
        #expect(serve.errors.contains("\(path):2:1: error[E488]: this line names no API client: in a file of several lines each line is `name: token`"), "\(serve.errors)")
        #expect(!serve.errors.contains("[E460]") && !serve.errors.contains(Self.enkat))
    }
}
