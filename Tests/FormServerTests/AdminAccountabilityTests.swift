import Foundation
import Testing
@testable import FormServer

/// Which staff member did what on the admin pages (GDPR accountability), and sessions that end
/// when a page is left open on a shared computer. There was one shared secret, the log could
/// name a session but no person, and a session lasted eight hours however long it lay unused.
@Suite struct AdminAccountabilityTests {
    static let anna = "anna-secret-0123456789"
    static let olle = "olle-secret-9876543210"

    /// Writes `text` as the admins file `admins.txt` of `environment` and loads it.
    static func admins(_ text: String, in environment: TestEnvironment) throws -> AdminRoster {
        let path = environment.folder.appendingPathComponent("admins.txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try #require(try AdminRoster.load(file: path, environment: "SAMLA_ADMIN_SECRET", environment: [:]).get())
    }

    static let bothAdmins = "# MSI staff who may open the admin pages\nanna.berg: \(anna)\n\n  olle:\t\(olle)  \n"

    @Test func eachAdminIsNamedInTheLogAndOnThePages() async throws {
        let environment = try TestEnvironment()
        let admins = try Self.admins(Self.bothAdmins, in: environment)
        #expect(admins.admins.map(\.name) == ["anna.berg", "olle"])
        try await environment.withServer(admins: admins) { client in
            _ = try await Respondent.start(client, round: "esem-open")
            let id = try #require(try environment.store.recentResponses(round: "esem-open", limit: 1).first?.id)
            let anna = WebClient(port: client.port), olle = WebClient(port: client.port)
            try await signIn(anna, secret: Self.anna)
            try await signIn(olle, secret: Self.olle)
            #expect(try await anna.get("/admin").body.contains("<span>Signed in as anna.berg</span>"))
            let page = try await olle.get("/admin/rounds/esem-open")
            #expect(page.body.contains("<span>Signed in as olle</span>") && !page.body.contains("anna.berg"), "\(page.body)")

            #expect(try await anna.get("/admin/responses/\(id)").status == 200)
            #expect(try await olle.get("/admin/rounds/esem-open/exports/responses-with-personal-data.csv").status == 200)
            let overview = try await olle.get("/admin")
            #expect(try await olle.postForm("/admin/logout", [("csrf", try #require(Page.hidden("csrf", in: overview.body)))]).location == "/admin/login")

            let lines = environment.logs.lines
            func line(_ message: String, _ admin: String) -> String? {
                lines.first { $0.contains("\"message\":\"\(message)\"") && $0.contains("\"admin\":\"\(admin)\"") }
            }
            let annasSignIn = try #require(line("admin signed in", "anna.berg"))
            let annasSession = try #require(Page.firstMatch(#""session":"([A-Za-z0-9_-]{12})""#, in: annasSignIn))
            let viewed = try #require(line("admin response viewed", "anna.berg"))
            #expect(viewed.contains("\"session\":\"\(annasSession)\"") && viewed.contains("\"response\":\"\(id)\"") && viewed.contains("\"round\":\"esem-open\""))
            let download = try #require(line("admin download", "olle"))
            #expect(download.contains("\"personal_data\":\"true\""))
            let olleSignedIn = try #require(line("admin signed in", "olle"))
            let olleSession = try #require(Page.firstMatch(#""session":"([A-Za-z0-9_-]{12})""#, in: olleSignedIn))
            #expect(download.contains("\"session\":\"\(olleSession)\"") && olleSession != annasSession)
            #expect(line("admin signed out", "olle")?.contains("\"session\":\"\(olleSession)\"") == true)
            #expect(line("admin signed out", "anna.berg") == nil)
            #expect(!lines.joined().contains(Self.anna) && !lines.joined().contains(Self.olle), "no secret is logged")
        }
    }

    /// An admin taken out of the file is signed out when the server starts again; the others are not.
    @Test func anAdminRemovedFromTheFileIsSignedOutAfterARestart() async throws {
        let environment = try TestEnvironment()
        let cookies = Visited(), otherCookies = Visited()
        try await environment.withServer(admins: try Self.admins(Self.bothAdmins, in: environment)) { client in
            let anna = WebClient(port: client.port), olle = WebClient(port: client.port)
            try await signIn(anna, secret: Self.anna)
            try await signIn(olle, secret: Self.olle)
            cookies.set(try #require(anna.cookie(AdminSessions.sessionCookie)))
            otherCookies.set(try #require(olle.cookie(AdminSessions.sessionCookie)))
        }
        try await environment.withServer(admins: try Self.admins("olle: \(Self.olle)\n", in: environment)) { client in
            let anna = WebClient(port: client.port), olle = WebClient(port: client.port)
            anna.setCookie(AdminSessions.sessionCookie, try #require(cookies.value))
            olle.setCookie(AdminSessions.sessionCookie, try #require(otherCookies.value))
            #expect(try await anna.get("/admin").location == "/admin/login?next=/admin")
            #expect(try await anna.get("/admin/rounds/esem-open/exports/responses-with-personal-data.csv").location == "/admin/login?next=/admin/rounds/esem-open")
            let form = try await anna.get("/admin/login")
            #expect(!form.body.contains("Your session ended"), "removed, not ended for lack of use")
            #expect(try await olle.get("/admin").body.contains("Signed in as olle"), "the admin still in the file stays signed in")
            let csrf = try #require(Page.hidden("csrf", in: form.body))
            #expect(try await anna.postForm("/admin/login", [("csrf", csrf), ("secret", Self.anna)]).status == 401)
        }
    }

    /// A session not used for 30 minutes ends, and the sign-in form says so and leads back to the
    /// page asked for; use keeps it going, but no longer than eight hours after sign-in.
    @Test func aSessionEndsAfterThirtyMinutesWithoutUseAndAfterEightHours() async throws {
        let environment = try TestEnvironment()
        let clock = MovableClock()
        try await environment.withServer(clock: clock.reading) { client in
            try await signIn(client)
            clock.advance(minutes: 29)
            #expect(try await client.get("/admin/rounds/esem-open").status == 200)
            let stale = try #require(client.cookie(AdminSessions.sessionCookie))
            clock.advance(minutes: 29)
            #expect(try await client.get("/admin").status == 200, "58 minutes after sign-in, 29 after the last use")
            clock.advance(minutes: 2)
            let copy = WebClient(port: client.port)
            copy.setCookie(AdminSessions.sessionCookie, stale)
            #expect(try await copy.get("/admin").location?.hasPrefix("/admin/login") == true, "a cookie last used 31 minutes ago")

            clock.advance(minutes: 30)
            let asked = "/admin/rounds/esem-open/exports/responses.csv?lang=en"
            let ended = try await client.get(asked)
            #expect(ended.status == 303)
            #expect(ended.location == "/admin/login?next=/admin/rounds/esem-open", "a download leads back to its round's page")
            let form = try await client.get(try #require(ended.location))
            #expect(form.body.contains("Your session ended after 30\u{00A0}minutes without use. Sign in again to continue."), "\(form.body)")
            #expect(Page.hidden("next", in: form.body) == "/admin/rounds/esem-open")
            #expect(client.cookie(AdminSessions.sessionCookie) == nil, "the ended session's cookie is cleared")
            #expect(!(try await client.get("/admin/login").body.contains("Your session ended")))
            try await signIn(client, form: try #require(ended.location), landing: "/admin/rounds/esem-open")
            #expect(try await client.get(asked).status == 200)

            // Used every 25 minutes, it still ends eight hours after sign-in.
            for _ in 0..<19 {
                clock.advance(minutes: 25)
                #expect(try await client.get("/admin").status == 200)
            }
            clock.advance(minutes: 25)
            let capped = try await client.get("/admin")
            #expect(capped.location == "/admin/login?next=/admin")
            #expect(try await client.get("/admin/login").body.contains("Your session ended: a session lasts at most eight hours."))
        }
    }

    /// A page opened without a session (a bookmark, a colleague's link) is where signing in leads,
    /// as after a session that ended; a download leads to its round's page, since a download
    /// after signing in left the browser on the sign-in form.
    @Test func signingInFromALinkGoesToThePageItNamed() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let asked = "/admin/rounds/esem-open?tab=1"
            let refused = try await client.get(asked)
            #expect(refused.location == "/admin/login?next=/admin/rounds/esem-open%3Ftab%3D1")
            let form = try await client.get(try #require(refused.location))
            #expect(Page.hidden("next", in: form.body) == asked)
            #expect(!form.body.contains("Your session ended"), "no session ended")
            try await signIn(client, form: try #require(refused.location), landing: asked)

            let colleague = WebClient(port: client.port)
            let download = try await colleague.get("/admin/rounds/esem-open/exports/responses-with-personal-data.csv")
            #expect(download.location == "/admin/login?next=/admin/rounds/esem-open")
            #expect(!download.body.contains("prio_fin"))
        }
    }

    /// The page to go back to after signing in is a path of the admin pages, never another site.
    @Test func signingInGoesBackOnlyToAnAdminPage() async throws {
        #expect(AdminSessions.returnPath("/admin/rounds/esem-open?x=1") == "/admin/rounds/esem-open?x=1")
        for unsafe in ["//evil.example/admin", "https://evil.example/admin", "/admin//evil.example", "/admin/\\evil", "/adminx", "/admin/login", "/admin/ x", "/s/esem-open"] {
            #expect(AdminSessions.returnPath(unsafe) == nil, "\(unsafe)")
        }
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let form = try await client.get("/admin/login?next=%2F%2Fevil.example%2Fadmin")
            #expect(Page.hidden("next", in: form.body) == nil)
            let csrf = try #require(Page.hidden("csrf", in: form.body))
            let reply = try await client.postForm("/admin/login", [("csrf", csrf), ("secret", TestEnvironment.adminSecret), ("next", "https://evil.example/")])
            #expect(reply.location == "/admin")
        }
    }

    /// Every mistake of an admins file is reported at once, at its file and line, without a secret.
    @Test func mistakesInTheAdminsFileAreReportedAtTheirLine() throws {
        let environment = try TestEnvironment()
        let path = environment.folder.appendingPathComponent("admins.txt").path
        try """
        # staff
        anna: \(Self.anna)

        olle: short-secret
        Anna: another-secret-0123456789
        bo: \(Self.anna)
        Jane Doe: jane-secret-0123456789
        a-line-without-a-name-0123456789
        """.write(toFile: path, atomically: true, encoding: .utf8)
        guard case .failure(let problems) = AdminRoster.load(file: path, environment: "SAMLA_ADMIN_SECRET", environment: [:]) else {
            Issue.record("a file with mistakes was taken")
            return
        }
        let text = problems.diagnostics.map(\.description)
        #expect(text.map { String($0.prefix { $0 != "]" }) } == [
            "\(path):4:1: error[E477", "\(path):5:1: error[E489", "\(path):6:1: error[E489", "\(path):7:1: error[E488", "\(path):8:1: error[E488",
        ], "\(text)")
        #expect(text[0].contains("admin 'olle'"))
        #expect(text[1].contains("admin 'Anna' is named on line 2 already"))
        #expect(text[2].contains("admin 'bo' has the same secret as admin 'anna' on line 2"))
        #expect(text.allSatisfy { !$0.contains(Self.anna) && !$0.contains("short-secret") && !$0.contains("Jane") && !$0.contains("jane-secret") && !$0.contains("a-line") })

        try "# no one yet\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .failure(let empty) = AdminRoster.load(file: path, environment: "X", environment: [:]) else {
            Issue.record("a file of no admin was taken")
            return
        }
        #expect(empty.diagnostics.map(\.code.id) == ["E477"])
    }

    /// `samla serve` does not start with such a file: it reports the file's mistakes, with their
    /// lines, before it opens the database (which here does not exist, so a server that took the
    /// file would stop at E460 instead).
    @Test func samlaServeDoesNotStartWithTwoAdminsOfOneName() throws {
        let environment = try TestEnvironment()
        let path = environment.folder.appendingPathComponent("admins.txt").path
        try "anna: \(Self.anna)\n# left in by mistake\nANNA: \(Self.olle)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let missing = environment.folder.appendingPathComponent("no-such.sqlite").path
        let serve = try AdminPackageCleaningTests.run(["serve", "--db", missing, "--port", "0", "--admin-secret-file", path])
        #expect(serve.status == 1)
        #expect(serve.errors.contains("\(path):3:1: error[E489]: admin 'ANNA' is named on line 1 already"), "\(serve.errors)")
        #expect(!serve.errors.contains("[E460]") && !serve.errors.contains(Self.olle))
    }

    /// A file of just the secret, or SAMLA_ADMIN_SECRET, still signs in, as the admin "admin".
    @Test func aSharedSecretStillSignsInAsAdmin() async throws {
        let environment = try TestEnvironment()
        let shared = "q8Vx+3/Zk0TuA1bLw9eRn2cYh5JpF7sG=\n"
        let fromFile = try Self.admins(shared, in: environment)
        #expect(fromFile.admins.map(\.name) == ["admin"])
        let fromEnvironment = try #require(try AdminRoster.load(file: nil, environment: "SAMLA_ADMIN_SECRET", environment: ["SAMLA_ADMIN_SECRET": " \(Self.anna)\n"]).get())
        #expect(fromEnvironment.admins.map(\.name) == ["admin"] && fromEnvironment.admin(withSecret: Self.anna) != nil)
        #expect(try AdminRoster.load(file: nil, environment: "SAMLA_ADMIN_SECRET", environment: [:]).get() == nil, "no default")
        guard case .failure(let short) = AdminRoster.load(file: nil, environment: "SAMLA_ADMIN_SECRET", environment: ["SAMLA_ADMIN_SECRET": "short"]) else {
            Issue.record("a short secret was taken")
            return
        }
        #expect(short.diagnostics.map(\.code.id) == ["E477"] && !short.diagnostics[0].message.contains("5"), "neither the secret nor its length")

        try await environment.withServer(admins: fromFile) { client in
            try await signIn(client, secret: "q8Vx+3/Zk0TuA1bLw9eRn2cYh5JpF7sG=")
            #expect(try await client.get("/admin").body.contains("<span>Signed in as admin</span>"))
            #expect(environment.logs.lines.contains { $0.contains("admin signed in") && $0.contains("\"admin\":\"admin\"") })
        }
    }
}
