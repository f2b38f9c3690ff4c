import Foundation
@testable import FormServer
import HTTPTypes
import Store
import Testing

/// CSRF, body limits, escaping, security headers, error pages, admin sign-in, request logs.
@Suite struct HardeningTests {
    @Test func aFormPostWithoutItsCSRFTokenIsRefusedAndSavesNothing() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open")
            for fields in [[("samla.page", "welcome"), ("consent", "yes")], [("samla.csrf", "forged"), ("samla.page", "welcome"), ("consent", "yes")]] {
                let refused = try await client.postForm(r.path, fields, headers: ["Accept-Language": "en"])
                #expect(refused.status == 403)
                #expect(Page.title(refused.body) == "The form could not be accepted")
            }
            // In Swedish it is the page that was refused, the word the form uses for what it posts
            // ("skicka sidan igen"), not a "formulär" the respondent meets nowhere else.
            let swedish = try await client.postForm(r.path, [("samla.page", "welcome")], headers: ["Accept-Language": "sv"])
            #expect(swedish.status == 403 && Page.title(swedish.body) == "Sidan kunde inte tas emot")
            #expect(swedish.body.contains("<p>Sidan saknade sin säkerhetskod eller hade varit öppen för länge. Öppna din länk igen och fyll i sidan på nytt.</p>"))
            // The token of another response's form does not fit this one either.
            let other = try await Respondent.start(client, round: "esem-open")
            let otherToken = try #require(Page.hidden("samla.csrf", in: try await other.show().body))
            #expect(try await client.postForm(r.path, [("samla.csrf", otherToken), ("samla.page", "welcome"), ("consent", "yes")]).status == 403)
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers["consent"] == nil)
            #expect(environment.logs.lines.contains { $0.contains("\"code\":\"E475\"") })
        }
    }

    @Test func anOversizedBodyIs413() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(maximumBodyBytes: 4096) { client in
            let r = try await Respondent.start(client, round: "esem-open")
            let large = try await r.post([("consent", "yes"), ("padding", String(repeating: "x", count: 10_000))])
            #expect(large.status == 413)
            #expect(Page.title(large.body) == "Svaret är för stort")
            // The page leads back to the page posted, which shows it as it was saved.
            #expect(large.body.contains("<a href=\"\(r.path)/1\">Fortsätt med enkäten</a>"), "\(large.body)")
            #expect(large.header("X-Content-Type-Options") == "nosniff" && large.header("Content-Security-Policy") != nil)
            // Its language switch opens the form in English, as the page was saved.
            #expect(large.body.contains(#"<a href="?lang=en" lang="en" hreflang="en">English</a>"#), "\(large.body)")
            #expect(Page.language(try await client.open(r.path + "/1?lang=en").body) == "en")
            // The start form and the admin sign-in form have their limits too.
            let padding = [("padding", String(repeating: "x", count: 20_000))]
            #expect(try await client.postForm("/s/esem-open", padding).status == 413)
            #expect(try await client.postForm("/admin/login", padding).status == 413)
            let unknown = try await client.get("/t/unknown-link")
            #expect(unknown.status == 404 && !unknown.body.contains("Fortsätt med enkäten"), "no way back to a form that is not there")
            let api = try await client.request(.post, "/api/rounds/esem-open/responses", headers: [
                "Authorization": "Bearer " + TestEnvironment.apiToken, "Content-Type": "application/json", "Idempotency-Key": "big",
            ], body: "{\"comments\": \"" + String(repeating: "y", count: 10_000) + "\"}")
            #expect(api.status == 413)
            #expect(api.body.contains("\"code\":\"E474\""))
            // The partner is told the limit and that nothing was stored, as the form's respondent is.
            #expect(api.body.contains("the body is larger than the 4096 bytes this server accepts (its --max-body-bytes); nothing was stored"), "\(api.body)")
            // A body within the limit still goes through.
            #expect(try await r.post([("consent", "yes")]).status == 303)
        }
    }

    @Test func answersAreEscapedEverywhereTheyAreShown() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let attack = #""><script>alert(1)</script><img src=x onerror=alert(2)>"#
            let r = try await Respondent.start(client, round: "esem-open")
            try await r.answer("Välkommen", [("consent", "yes")])
            let refused = try await r.post([("resp_role", "other"), ("resp_role_other", attack), ("prio_fin", attack)])
            #expect(refused.status == 422)
            #expect(!refused.body.contains("<script>"))
            #expect(!refused.body.contains("<img"))
            #expect(refused.body.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"))

            let created = try await client.request(.post, "/api/rounds/esem-open/responses", headers: [
                "Authorization": "Bearer " + TestEnvironment.apiToken, "Content-Type": "application/json", "Idempotency-Key": "escape-1",
            ], body: #"{"consent": "no", "comments": null}"#)
            #expect(created.status == 201)
            let id = try #require(Page.firstMatch(#""id":(\d+)"#, in: created.body))
            // An answer with markup, stored by the web form, shown on the admin pages.
            try await r.answer("Om dig och organisationens prioriteringar",
                               [("resp_role", "other"), ("resp_role_other", attack), ("registered", "no"), ("prio_fin", "1"), ("prio_imp", "2")])
            try await signIn(client)
            let responseID = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.record.id)
            let page = try await client.get("/admin/responses/\(responseID)")
            #expect(page.status == 200)
            #expect(page.body.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"))
            #expect(!page.body.contains("<script>"))
            #expect(!page.body.contains("<img"))
            #expect(try await client.get("/admin/responses/\(id)").status == 200)
            let round = try await client.get("/admin/rounds/esem-open")
            #expect(round.body.contains("/admin/responses/\(responseID)"))
        }
    }

    @Test func everyResponseCarriesTheSecurityHeadersAndNoInternals() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for path in ["/s/esem-open", "/s/esem-closed", "/nowhere", Stylesheet.path, FormScript.path, "/admin/login", "/admin"] {
                let reply = try await client.get(path)
                #expect(reply.header("Content-Security-Policy") == "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", "\(path)")
                #expect(reply.header("X-Content-Type-Options") == "nosniff")
                #expect(reply.header("Referrer-Policy") == "no-referrer")
                #expect(reply.header("X-Frame-Options") == "DENY")
            }
            let missing = try await client.get("/nowhere", headers: ["Accept-Language": "en"])
            #expect(missing.status == 404)
            #expect(Page.title(missing.body) == "Page not found")
            let adminMissing = try await client.get("/admin/nowhere", headers: ["Accept-Language": "sv"])
            #expect(adminMissing.status == 404)
            #expect(Page.language(adminMissing.body) == "sv" && Page.title(adminMissing.body) == "Sidan finns inte", "the admin pages' errors are in the admin's language")
            #expect(Page.title(try await client.get("/admin/nowhere", headers: ["Accept-Language": "en"]).body) == "Page not found")
            #expect(Page.language(try await client.get("/nowhere", headers: ["Accept-Language": "sv"]).body) == "sv")
            // Every respondent page has the language switch, error pages too: a link relative to the
            // address asked for, which may be anything, so never another site's.
            #expect(missing.body.contains(#"<a href="?lang=sv" lang="sv" hreflang="sv">Svenska</a>"#), "\(missing.body)")
            #expect(Page.title(try await client.get("/nowhere?lang=en", headers: ["Accept-Language": "sv"]).body) == "Page not found")
            let malformed = try await client.request(.post, "/t/" + InvitationToken.random().text,
                                                     headers: ["Content-Type": "application/x-www-form-urlencoded"], body: "a=%ZZ")
            #expect(malformed.status == 400)
            for reply in [missing, malformed] {
                #expect(!reply.body.contains("SQL") && !reply.body.contains("Error(") && !reply.body.contains(".swift"))
                #expect(!reply.body.contains("<script"))
            }
            // No page has inline script or inline style: the form's one script is a file.
            let page = try await Respondent.start(client, round: "esem-open").show()
            let withoutTheFile = page.body.replacingOccurrences(of: #"<script src="\#(FormScript.path)" defer></script>"#, with: "")
            #expect(!withoutTheFile.contains("<script") && !page.body.contains("style=")
                    && page.body.range(of: #" on[a-z]+=""#, options: .regularExpression) == nil)
        }
    }

    /// The router takes `//s/ROUND` and `//t/TOKEN` as `/s/ROUND` and `/t/TOKEN`; their pages wrote
    /// the path asked for into their language links and form (`//s/esem-open?lang=en`), a link to the
    /// host `s`. They link to the link as written.
    @Test func aPathWithADoubledSlashGetsNoLinkToAnotherHost() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for (path, status, own) in [
                ("//s/esem-open", 200, "/s/esem-open"), ("///s//esem-open", 200, "/s/esem-open"), ("//s/esem-nope", 404, "/s/esem-nope"),
                ("//s/esem-closed", 403, "/s/esem-closed"), ("//s/esem-invited", 403, "/s/esem-invited"), ("//t/unknown-link", 404, "/t/unknown-link"),
            ] {
                let connection = try RawConnection(port: client.port)
                try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: sv\r\n\r\n")
                let reply = try #require(await connection.response(within: 15), "\(path)")
                #expect(reply.hasPrefix("HTTP/1.1 \(status)"), "\(path): \(reply.prefix(40))")
                #expect(reply.range(of: #"(href|action)="//"#, options: .regularExpression) == nil, "\(path): \(reply)")
                #expect(reply.contains(#"<a href="\#(own)?lang=en""#), "\(path): \(reply)")
                if status == 200 { #expect(reply.contains(#"<form method="post" action="\#(own)">"#), "\(path)") }
            }
        }
    }

    /// A request the HTTP parser cannot read is answered 400 by Hummingbird itself, past the
    /// middleware: it carries the security headers too (it went out with none) and is logged.
    @Test func aRequestThatCannotBeParsedIsAnsweredWithTheSecurityHeaders() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for request in [
                "FOO /s/esem-open HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /s/esem open HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "POST /s/esem-open HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: many\r\n\r\n",
            ] {
                let connection = try RawConnection(port: client.port)
                try connection.send(request)
                let reply = try #require(await connection.response(within: 15), "\(request)")
                let head = reply.components(separatedBy: "\r\n\r\n")[0].lowercased()
                #expect(head.hasPrefix("http/1.1 400"), "\(reply)")
                #expect(head.contains("\r\ncontent-security-policy: default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"), "\(reply)")
                #expect(head.contains("\r\nx-content-type-options: nosniff"), "\(reply)")
                #expect(head.contains("\r\nreferrer-policy: no-referrer"), "\(reply)")
                #expect(head.contains("\r\ncache-control: no-store"), "\(reply)")
            }
            // The server goes on serving.
            #expect(try await client.get("/s/esem-open").status == 200)
        }
        #expect(environment.logs.lines.filter { $0.contains("request could not be read") && $0.contains("\"status\":\"400\"") }.count == 3)
    }

    /// A body whose framing cannot be read (a transfer coding other than chunked, a chunk size that
    /// is no number) is the client's fault: 400 with the page or JSON error of a bad request and a
    /// notice in the log, and nothing more is read from the connection. It was a 500 "something went
    /// wrong, try again" logged as an error: an alert for anyone to raise, and an API client told to
    /// retry a request that can never succeed.
    @Test func aBodyWhoseFramingCannotBeReadIs400AndNoServerError() async throws {
        let environment = try TestEnvironment()
        let link = "/t/" + InvitationToken.random().text
        try await environment.withServer { client in
            let api = "Authorization: Bearer \(TestEnvironment.apiToken)\r\nContent-Type: application/json\r\nIdempotency-Key: framing\r\n"
            for (path, headers, body) in [
                ("/s/esem-open", "Transfer-Encoding: xchunked\r\n", "0\r\n\r\n"),
                (link, "Transfer-Encoding: chunked\r\n", "ZZ\r\nsamla.page=welcome\r\n0\r\n\r\n"),
                ("/admin/login", "Transfer-Encoding: gzip\r\n", "abc"),
                ("/api/rounds/esem-open/responses", api + "Transfer-Encoding: chunked\r\n", "5\r\n{}{}{}XX\r\n0\r\n\r\n"),
            ] {
                let connection = try RawConnection(port: client.port)
                // A second request behind the body: it must not be read as one.
                try connection.send("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)\r\n\(body)GET /admin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                let reply = try #require(await connection.response(within: 15), "\(path)")
                let head = reply.components(separatedBy: "\r\n\r\n")[0].lowercased()
                #expect(head.hasPrefix("http/1.1 400"), "\(path): \(reply)")
                #expect(head.contains("\r\nx-content-type-options: nosniff") && head.contains("\r\ncontent-security-policy: "), "\(path)")
                if path.hasPrefix("/api/") {
                    #expect(reply.contains(#""code":"E473""#) && !reply.contains("try again"), "\(reply)")
                }
                #expect(await connection.isClosed(within: 10), "\(path)")
            }
            #expect(try await client.get("/s/esem-open").status == 200)
        }
        #expect(!environment.logs.lines.contains { $0.contains("request failed") || $0.contains("\"status\":\"500\"") }, "\(environment.logs.lines)")
        #expect(environment.logs.lines.filter { $0.contains("request body could not be read; nothing was taken") }.count == 4)
        #expect(!environment.logs.lines.contains { $0.contains("\"path\":\"/admin\"") && $0.contains("\"method\":\"GET\"") }, "the request behind the body was not read")
    }

    @Test func headIsAnsweredAsGetWithoutBeginningAResponse() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let link = try await Respondent.start(client, round: "esem-open").path
            for (path, status) in [
                (link, 303), (link + "/1", 200), (link + "/2", 303), ("/s/esem-open", 200), ("/s/esem-closed", 403), ("/s/esem-invited", 403), ("/s/esem-nope", 404),
                ("/t/" + InvitationToken.random().text, 404), (Stylesheet.path, 200), ("/admin/login", 200), ("/admin", 303), ("/nowhere", 404),
            ] {
                let reply = try await client.request(.head, path)
                #expect(reply.status == status, "HEAD \(path)")
                #expect(reply.bytes.isEmpty, "HEAD \(path)")
                #expect(reply.header("X-Content-Type-Options") == "nosniff", "HEAD \(path)")
            }
            // A link checker's HEAD of the start link begins no response: only the start form's post above did.
            #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.started == 1)
        }
    }

    @Test func aMethodARouteDoesNotTakeIs405WithAllow() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let link = "/t/" + InvitationToken.random().text
            for (method, path, allow) in [
                (HTTPRequest.Method.delete, link, "GET, HEAD, POST"), (.put, "/s/esem-open", "GET, HEAD, POST"), (.delete, "/s/esem-open", "GET, HEAD, POST"),
                (.post, "/admin", "GET, HEAD"), (.get, "/api/rounds/esem-open/responses", "POST"), (.patch, "/admin/login", "GET, HEAD, POST"),
                (.trace, link, "GET, HEAD, POST"), (.trace, "/admin", "GET, HEAD"),
            ] {
                let reply = try await client.request(method, path, headers: ["Accept-Language": "en"])
                #expect(reply.status == 405, "\(method) \(path)")
                #expect(reply.header("Allow") == allow, "\(method) \(path)")
                #expect(reply.header("X-Content-Type-Options") == "nosniff")
            }
            let api = try await client.request(.get, "/api/rounds/esem-open/responses")
            #expect(api.header("Content-Type") == "application/json; charset=utf-8")
            #expect(try await client.request(.delete, "/nowhere").status == 404)
            #expect(try environment.store.roundSummaries().allSatisfy { $0.started == 0 }, "nothing was begun")
        }
    }

    @Test func adminPagesNeedTheSecret() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let anonymous = try await client.get("/admin")
            #expect(anonymous.status == 303)
            #expect(anonymous.location == "/admin/login?next=/admin")
            #expect(try await client.get("/admin/rounds/esem-open").location == "/admin/login?next=/admin/rounds/esem-open")

            let login = try await client.get("/admin/login")
            let csrf = try #require(Page.hidden("csrf", in: login.body))
            let wrong = try await client.postForm("/admin/login", [("csrf", csrf), ("secret", "wrong horse battery staple")])
            #expect(wrong.status == 401)
            #expect(wrong.body.contains("The admin secret is wrong"))
            #expect(wrong.header("Set-Cookie")?.contains("samla_admin=") != true)
            #expect(try await client.get("/admin").status == 303)
            #expect(environment.logs.lines.contains { $0.contains("admin login failed") && $0.contains("E479") })

            // Without the login form's token, even the right secret is refused.
            let forged = try await WebClient(port: client.port).postForm("/admin/login", [("csrf", csrf), ("secret", TestEnvironment.adminSecret)])
            #expect(forged.status == 403)

            try await signIn(client)
            let overview = try await client.get("/admin")
            #expect(overview.status == 200)
            #expect(overview.body.contains(#"<a href="/admin/rounds/esem-open" class="identifier">esem-open</a>"#))
            _ = try await Respondent.start(client, round: "esem-open")
            let round = try await client.get("/admin/rounds/esem-open")
            #expect(round.body.contains("<dt>Started</dt><dd>1</dd>"))
            #expect(round.body.contains(#"<svg class="chart bars-1""#), "one day of responses: a chart as wide as its one bar pair")
            #expect(round.status == 200)

            let logoutToken = try #require(Page.hidden("csrf", in: overview.body))
            #expect(try await client.postForm("/admin/logout", [("csrf", "forged")]).status == 403)
            #expect(try await client.postForm("/admin/logout", [("csrf", logoutToken)]).location == "/admin/login")
            #expect(try await client.get("/admin").location == "/admin/login?next=/admin")
        }
    }

    /// Guesses sent at once each waited their 0.3 s side by side, so the wait capped nothing; the
    /// failures are now counted across the server and, past the limit, no secret is checked.
    @Test func failedSignInsSentAtOnceAreCappedAndThenNoSecretIsChecked() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            _ = try await client.get("/admin/login")
            let login = try await client.get("/admin/login")
            let csrf = try #require(Page.hidden("csrf", in: login.body))
            let nonce = try #require(client.cookie("samla_login"))
            /// A post of the same sign-in form by a client of its own (a failure sets a new login cookie).
            func attempt(_ secret: String) async throws -> WebClient.Reply {
                let guesser = WebClient(port: client.port)
                guesser.setCookie("samla_login", nonce)
                return try await guesser.postForm("/admin/login", [("csrf", csrf), ("secret", secret)])
            }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for guess in 0..<20 { group.addTask { try await attempt("wrong guess number \(guess)").status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 401, count: 20))

            let paused = try await attempt(TestEnvironment.adminSecret)
            #expect(paused.status == 429, "the right secret is not even checked while sign-in is paused")
            #expect(paused.header("Set-Cookie")?.contains("samla_admin=") != true)
            let wait = try #require(paused.header("Retry-After").flatMap(Int.init))
            #expect((1...60).contains(wait))
            #expect(paused.body.contains("Too many failed sign-ins: signing in is paused for \(wait)\u{00A0}more seconds"))
            #expect(try await client.get("/admin").location == "/admin/login?next=/admin")
            #expect(environment.logs.lines.contains { $0.contains("admin sign-in paused") && $0.contains("E487") })
        }
    }

    /// Twenty wrong guesses a minute from anyone paused every sign-in, so that a stranger could keep
    /// the admins out for as long as they liked. A browser where an admin signed in keeps a device
    /// cookie, and its failures are counted apart: it signs in through a stranger's pause, and is
    /// capped the same itself.
    @Test func aBrowserWhereAnAdminSignedInIsNotLockedOutByAStrangersGuesses() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            try await signIn(client)
            let device = try #require(client.cookie(AdminSessions.deviceCookie))
            let overview = try await client.get("/admin")
            _ = try await client.postForm("/admin/logout", [("csrf", try #require(Page.hidden("csrf", in: overview.body)))])
            #expect(client.cookie(AdminSessions.deviceCookie) == device, "signing out ends the session, not what the browser is")

            let login = try await WebClient(port: client.port).get("/admin/login")
            let csrf = try #require(Page.hidden("csrf", in: login.body))
            let nonce = try #require(Page.firstMatch("samla_login=([^;]*)", in: login.header("Set-Cookie") ?? ""))
            /// Sign-in attempts sent at once, each by a client of its own with the browser's device cookie, if any.
            func attempts(_ secrets: [String], device: String?) async throws -> [Int] {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for secret in secrets {
                        group.addTask {
                            let browser = WebClient(port: client.port)
                            browser.setCookie("samla_login", nonce)
                            if let device { browser.setCookie(AdminSessions.deviceCookie, device) }
                            return try await browser.postForm("/admin/login", [("csrf", csrf), ("secret", secret)]).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            let wrong = (0..<20).map { "wrong guess number \($0)" }
            #expect(try await attempts(wrong, device: nil) == Array(repeating: 401, count: 20))
            #expect(try await attempts([TestEnvironment.adminSecret], device: nil) == [429], "a browser where no admin signed in waits")
            // A device cookie the server did not sign is no known browser.
            #expect(try await attempts([TestEnvironment.adminSecret], device: "AAAAAAAAAAAAAAAAAAAAAA.YWRtaW4.forged") == [429])
            #expect(try await attempts([TestEnvironment.adminSecret], device: device) == [303], "the admin's own browser signs in")
            // Its own failures are capped as strangers' are.
            #expect(try await attempts(wrong, device: device) == Array(repeating: 401, count: 20))
            #expect(try await attempts([TestEnvironment.adminSecret], device: device) == [429])
            #expect(environment.logs.lines.contains { $0.contains("admin sign-in paused") && $0.contains("where an admin signed in") })
        }
    }

    @Test func withoutSecretsTheAdminPagesAndTheAPIAreOff() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(admin: false, api: false) { client in
            let admin = try await client.get("/admin")
            #expect(admin.status == 503)
            #expect(admin.body.contains("SAMLA_ADMIN_SECRET"))
            let api = try await client.request(.post, "/api/rounds/esem-open/responses", headers: ["Content-Type": "application/json"], body: "{}")
            #expect(api.status == 503)
            #expect(api.body.contains("E481"))
        }
    }

    /// A port in use is E478 with the system's reason in plain words (docs/diagnostics.md), not
    /// NIO's description of the failed call with its errno.
    @Test(.timeLimit(.minutes(2))) func aPortInUseIsRefusedWithTheReason() throws {
        let environment = try TestEnvironment()
        let tokenFile = environment.folder.appendingPathComponent("api-token").path
        try (TestEnvironment.apiToken + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let first = try CrashTests.ServerProcess(database: environment.databasePath, tokenFile: tokenFile)
        defer { first.kill(SIGTERM) }
        let second = try AdminPackageCleaningTests.run(["serve", "--db", environment.databasePath, "--port", String(first.port)])
        #expect(second.status == 1)
        #expect(second.errors.contains(
            "field port: error[E478]: cannot serve on 127.0.0.1:\(first.port): bind failed: address already in use; choose another --port or --host"),
            "\(second.errors)")
    }

    /// Started from the wrong folder, or with a mistyped --db, the server refuses to start (E460)
    /// and makes no database: it made an empty one and served "unknown round" to every link.
    @Test(.timeLimit(.minutes(2))) func aMissingDatabaseIsRefusedAndNotCreated() throws {
        let environment = try TestEnvironment()
        let missing = environment.folder.appendingPathComponent("typo/samla.sqlite").path
        let process = Process()
        process.executableURL = CrashTests.executable
        process.arguments = ["serve", "--db", missing, "--port", "0"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let started = process.isRunning
        if started {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(!started, "samla serve started on a database that does not exist")
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(text.contains("\(missing): error[E460]: there is no database here; give --db the path of the Samla database, which `samla round open` creates"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: environment.folder.appendingPathComponent("typo").path))
    }

    @Test func requestsAreLoggedAsJSONLinesWithoutTokens() async throws {
        let environment = try TestEnvironment()
        let visited = Visited()
        try await environment.withServer { client in
            let location = try await Respondent.start(client, round: "esem-open").path
            visited.set(location)
            _ = try await client.get(location)
        }
        let requests = environment.logs.lines.filter { $0.contains("\"message\":\"request\"") }
        #expect(requests.count == 3)
        for (line, method) in zip(requests, ["GET", "POST", "GET"]) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(object["method"] == method)
            #expect(object["status"] != nil && object["ms"].flatMap(Double.init) != nil)
        }
        #expect(requests[0].contains("\"path\":\"/s/esem-open\"") && requests[0].contains("\"status\":\"200\""))
        #expect(requests[1].contains("\"path\":\"/s/esem-open\"") && requests[1].contains("\"status\":\"303\""))
        #expect(requests[2].contains("\"path\":\"/t/[token]\""))
        let token = try #require(visited.value).dropFirst(3)
        #expect(!environment.logs.lines.joined().contains(token))
    }

    /// A link with a doubled slash (`//t/TOKEN`, `/t//TOKEN`) opens the form as `/t/TOKEN` does;
    /// its token was logged in clear, a key to the respondent's answers in the log. Any segment
    /// that is a token, percent-encoded or not, is logged as `[token]`, also on a 404.
    @Test func aLinkWrittenOtherwiseIsLoggedWithoutItsToken() async throws {
        let environment = try TestEnvironment()
        let visited = Visited()
        try await environment.withServer { client in
            let token = String(try await Respondent.start(client, round: "esem-open").path.dropFirst(3))
            visited.set(token)
            let encoded = token.dropLast() + "%" + String(token.utf8.last!, radix: 16, uppercase: true)
            try await RawConnection.expectGets([
                ("//t/\(token)", 303), ("/t//\(token)", 303), ("/t/\(token)//", 303), ("//t/\(encoded)", 404),
                ("/%74/\(token)", 404), ("/s/../t/\(token)", 404), ("/admin/\(token)", 404),
            ], port: client.port)
        }
        let token = try #require(visited.value)
        let lines = environment.logs.lines.filter { $0.contains("\"message\":\"request\"") }
        #expect(lines.count == 9)
        #expect(!environment.logs.lines.joined().contains(token.dropLast()), "\(environment.logs.lines)")
        #expect(lines.contains { $0.contains(#""path":"//t/[token]""#) } && lines.contains { $0.contains(#""path":"/t/[token]/[token]""#) })
    }
}

/// A value set inside a server closure and read after it.
final class Visited: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    func set(_ value: String) { lock.withLock { stored = value } }
    var value: String? { lock.withLock { stored } }
}

/// Signs `client` in to the admin pages with `secret`, at the sign-in form `form` (which may ask
/// for a page to go back to), and expects to be sent on to `landing`.
func signIn(
    _ client: WebClient, secret: String = TestEnvironment.adminSecret, form: String = "/admin/login", landing: String = "/admin"
) async throws {
    let login = try await client.get(form)
    let csrf = try #require(Page.hidden("csrf", in: login.body))
    let next = Page.hidden("next", in: login.body).map { [("next", $0)] } ?? []
    let signedIn = try await client.postForm("/admin/login", [("csrf", csrf), ("secret", secret)] + next)
    #expect(signedIn.status == 303)
    #expect(signedIn.location == landing)
    let cookie = try #require(signedIn.header("Set-Cookie"))
    #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/admin"))
}
