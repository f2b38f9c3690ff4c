import Foundation
import GRDB
@testable import Store
import Testing

/// The disaster-recovery drill on two real servers: a backup taken while the first serves, answers
/// after it, then the backup restored (`SQLiteStore.restore(from:to:)`, as `samla restore` does) and
/// served anew. What the backup holds comes back as it was; what it lacks is told apart, never
/// given another's number.
@Suite struct RestoredBackupTests {
    @Test func aRestoredBackupGoesOnWithItsLinksAndKeysAndTellsApartWhatItLacks() async throws {
        let lost = try TestEnvironment()
        let invited = try lost.invite(1)[0]
        let backup = lost.folder.appendingPathComponent("backup.sqlite").path
        let before = APITests.headers.merging(["Idempotency-Key": "sent-before-the-backup"]) { $1 }
        let after = APITests.headers.merging(["Idempotency-Key": "sent-after-the-backup"]) { $1 }
        let first = Box(), late = Box()
        try await lost.withServer { client in
            let invitee = Respondent(client: client, path: "/t/" + invited.text)
            try await invitee.answer("Välkommen", [("consent", "yes")])
            let anonymous = try await Respondent.start(client, round: "esem-open")
            try await anonymous.answer("Välkommen", [("consent", "yes")])
            let created = try await client.request(.post, "/api/rounds/esem-open/responses", headers: before, body: APITests.completeResponse)
            #expect(created.status == 201)
            first.set(created.body, anonymous.path)

            _ = try SQLiteStore(readingOnly: lost.databasePath).backup(to: backup)

            let lateClient = WebClient(port: client.port)
            let lateStart = try await Respondent.start(lateClient, round: "esem-open")
            let afterBackup = try await client.request(.post, "/api/rounds/esem-open/responses", headers: after, body: APITests.completeResponse)
            #expect(afterBackup.status == 201)
            late.set(afterBackup.body, lateStart.path)
        }
        let lastInBackup = try await SQLiteStore(readingOnly: backup).pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM responses") ?? 0 }

        let restored = try TestEnvironment(restoringBackup: backup)
        try await restored.withServer { client in
            let link = try await client.get("/t/" + invited.text)
            #expect(link.status == 303 && link.location == "/t/\(invited.text)/2", "the invitee goes on from the page they stood on")
            let anonymousLink = try await client.get(first.path)
            #expect(anonymousLink.status == 303 && anonymousLink.location == first.path + "/2")

            let lostLink = try await client.get(late.path, headers: ["Accept-Language": "en"])
            #expect(lostLink.status == 404)
            #expect(lostLink.body.contains("open the start link again to begin anew"), "an anonymous start after the backup is told to begin anew")
            client.setCookie("samla_begun", String(late.path.dropFirst(3)))
            let startPage = try await client.get("/s/esem-open")
            #expect(startPage.status == 200 && !startPage.body.contains(late.path), "the start page begins anew, without a link to the lost start")

            let replayed = try await client.request(.post, "/api/rounds/esem-open/responses", headers: before, body: APITests.completeResponse)
            #expect(replayed.status == 201 && replayed.header("Idempotent-Replayed") == "true" && replayed.body == first.body)
            let again = try await client.request(.post, "/api/rounds/esem-open/responses", headers: after, body: APITests.completeResponse)
            #expect(again.status == 201 && again.header("Idempotent-Replayed") == nil, "stored anew, not lost")
            #expect(again.body.contains(#""id":\#(SQLiteStore.firstResponseID(afterRestoring: lastInBackup)),"#), "\(again.body)")
            #expect(again.body != late.body, "never the number the lost server gave, which another response may have there")
        }
    }
}

/// What the first server answered, kept for the checks on the restored one.
private final class Box: @unchecked Sendable {
    private(set) var body = "", path = ""
    private let lock = NSLock()

    func set(_ body: String, _ path: String) { lock.withLock { (self.body, self.path) = (body, path) } }
}
