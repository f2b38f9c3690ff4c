import Foundation
import GRDB
@testable import Store
import Testing

/// A partner system's retry of a submission whose response its respondent withdrew (`samla erase
/// --withdraw`, here through a second store on the file while the server runs, as the command
/// would): refused with 410 (E707) under the old key, whatever the body, and nothing is stored again.
@Suite struct WithdrawnAPISubmissionTests {
    @Test func aRetryUnderTheKeyOfAWithdrawnResponseStoresNothing() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            var headers = APITests.headers
            headers["Idempotency-Key"] = "withdrawn-1"
            let created = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse)
            #expect(created.status == 201)
            let id = try #require(try responseIDs(environment).first)

            try SQLiteStore(path: environment.databasePath).erase(.withdrawal(.response(id)))
            #expect(try responseIDs(environment).isEmpty)

            let retry = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse)
            #expect(retry.status == 410)
            #expect(retry.body.contains(#""code":"E707""#))
            #expect(retry.header("Idempotent-Replayed") == nil)
            let other = try await client.request(
                .post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse.replacingOccurrences(of: "Föreningen Exempel", with: "Föreningen Annan"))
            #expect(other.status == 410, "another body under the key is refused as withdrawn too, not as a conflict")
            #expect(try responseIDs(environment).isEmpty, "the withdrawn answers are not stored again")

            headers["Idempotency-Key"] = "withdrawn-2"
            let fresh = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse)
            #expect(fresh.status == 201, "a new key is a new submission")
        }
        #expect(environment.logs.lines.contains { $0.contains(#""outcome":"withdrawn""#) })
    }

    private func responseIDs(_ environment: TestEnvironment) throws -> [Int64] {
        try environment.store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM responses ORDER BY id") }
    }
}
