import Foundation
import GRDB
import Testing
@testable import Store

/// A database that stops taking writes while the server runs (read-only, full): the respondent and
/// the API get 503 with `Retry-After` and a page or error saying nothing was stored, never an
/// acknowledgement; the log names the database and the code; writes go through again once it
/// takes them.
@Suite struct DatabaseFailureTests {
    /// The web form's answers the store holds for the one response: its consent and current page.
    func stored(_ environment: TestEnvironment) throws -> [String] {
        try environment.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT r.current_page, a.consent FROM responses r JOIN answers_esem_se a ON a.response_id = r.id")
                .map { "\($0[0] as String? ?? "-") \($0[1] as String? ?? "-")" }
        }
    }

    func setQueryOnly(_ environment: TestEnvironment, _ on: Bool) throws {
        try environment.store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = \(on ? 1 : 0)") }
    }

    @Test func aDatabaseThatBecomesReadOnlyGetsTheRespondentA503PageAndNoAcknowledgement() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let respondent = Respondent(
                client: client, path: try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "en"]).path, headers: ["Accept-Language": "en"])
            #expect(try stored(environment) == ["- -"])
            try setQueryOnly(environment, true)

            let shown = try await respondent.show().body
            let refused = try await respondent.post([("consent", "yes")])
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "60")
            // The page itself again, with what was posted still in it, to be sent again as it is.
            #expect(Page.title(refused.body) == Page.title(shown))
            #expect(Page.hidden("samla.page", in: refused.body) == Page.hidden("samla.page", in: shown))
            #expect(Page.isChecked("consent", value: "yes", in: refused.body))
            #expect(refused.body.contains("<title>Error: "))
            #expect(refused.body.contains("The answers on this page were not saved"))
            #expect(refused.body.contains("What you filled in is still here: send the page again in a few minutes. Answers saved earlier are kept."))
            #expect(try stored(environment) == ["- -"])
            #expect(environment.logs.lines.contains { $0.contains(#""message":"request not stored""#) && $0.contains(#""code":"E434""#) })

            var headers = APITests.headers
            headers["Idempotency-Key"] = "read-only-1"
            let api = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse)
            #expect(api.status == 503)
            #expect(api.header("Retry-After") == "60")
            #expect(api.body.contains(#""code":"E434""#))
            #expect(api.body.contains("nothing was stored"))
            #expect(!api.body.contains("SQLite"))
            #expect(environment.logs.lines.contains {
                $0.contains(#""code":"E434""#) && $0.contains(environment.databasePath) && $0.contains("cannot be opened for writing")
            })

            try setQueryOnly(environment, false)
            let saved = try await respondent.post([("consent", "yes")])
            #expect(saved.status == 303)
            #expect(try stored(environment) == ["respondent yes"])
        }
    }

    /// The page shown again is in the respondent's language, and posting it as it came back saves it.
    @Test func aPageTheDatabaseCouldNotTakeComesBackInSwedishAndIsSavedWhenSentAgain() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let respondent = Respondent(client: client, path: try await Respondent.start(client, round: "esem-open").path, headers: ["Accept-Language": "sv"])
            try setQueryOnly(environment, true)
            let refused = try await respondent.post([("consent", "yes")])
            #expect(refused.status == 503)
            #expect(Page.language(refused.body) == "sv")
            #expect(refused.body.contains("Svaren på sidan sparades inte"))
            #expect(refused.body.contains("Det du fyllde i finns kvar här"))

            try setQueryOnly(environment, false)
            // The form as it came back: its own hidden fields and the answer checked in it.
            let csrf = try #require(Page.hidden("samla.csrf", in: refused.body))
            let page = try #require(Page.hidden("samla.page", in: refused.body))
            let sent = try await client.postForm(
                respondent.path, [("samla.csrf", csrf), ("samla.page", page), ("samla.lang", "sv"), ("consent", "yes"), ("samla.action", "next")])
            #expect(sent.status == 303)
            #expect(try stored(environment) == ["respondent yes"])
        }
    }

    @Test func aFullDiskAcknowledgesOnlyWhatWasCommitted() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            try await environment.store.pool.writeWithoutTransaction { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
            }
            var acknowledged = 0
            var full: WebClient.Reply?
            for attempt in 0..<400 where full == nil {
                var headers = APITests.headers
                headers["Idempotency-Key"] = "full-\(attempt)"
                let reply = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: APITests.completeResponse)
                if reply.status == 201 { acknowledged += 1 } else { full = reply }
            }
            let refused = try #require(full, "the database never filled up")
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "60")
            #expect(refused.body.contains(#""code":"E433""#))
            let count = try await environment.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM responses") }
            #expect(count == acknowledged, "every acknowledged submission is stored, and nothing else")
            let check = try await environment.store.pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
            #expect(check == "ok")
        }
    }
}
