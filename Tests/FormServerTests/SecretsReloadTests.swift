import Foundation
import Testing
@testable import FormServer

/// The admins file and the API tokens file are read again on SIGHUP, so that an admin who left or
/// a partner system is cut off without a restart; a refused API token is logged by its
/// fingerprint. Both files were read at start only, and a wrong token was logged without anything
/// that told which system sent it.
@Suite struct SecretsReloadTests {
    static let (anna, olle) = (AdminAccountabilityTests.anna, AdminAccountabilityTests.olle)
    static let (kolada, enkat) = (APIClientTests.kolada, APIClientTests.enkat)
    static let bo = "bo-secret-0123456789abcdef"
    static let scb = "scb-token-0123456789abcdef"
    static let path = APIClientTests.path

    static func write(_ text: String, _ file: String, in environment: TestEnvironment) throws {
        try text.write(toFile: environment.folder.appendingPathComponent(file).path, atomically: true, encoding: .utf8)
    }

    static func submit(_ client: WebClient, token: String, key: String) async throws -> WebClient.Reply {
        try await client.request(.post, path, headers: APIClientTests.headers(token: token, key: key), body: APITests.completeResponse)
    }

    /// The log lines whose message is `message`.
    static func lines(_ message: String, in environment: TestEnvironment) -> [String] {
        environment.logs.lines.filter { $0.contains("\"message\":\"\(message)\"") }
    }

    @Test func aReloadTellsWhoWasAddedRemovedAndChanged() throws {
        let environment = try TestEnvironment()
        let before = try AdminAccountabilityTests.admins(AdminAccountabilityTests.bothAdmins, in: environment)
        #expect(before.file == environment.folder.appendingPathComponent("admins.txt").path)
        try Self.write("olle: \(Self.olle)-new\nbo: \(Self.bo)\n", "admins.txt", in: environment)
        let after = try #require(try before.reread()?.get())
        #expect(after.admins.map(\.name) == ["olle", "bo"])
        #expect(before.changes(to: after) == .init(added: ["bo"], removed: ["anna.berg"], changed: ["olle"]))
        #expect(after.changes(to: after).isEmpty)

        let shared = try #require(try AdminRoster.load(file: nil, environment: "SAMLA_ADMIN_SECRET", environment: ["SAMLA_ADMIN_SECRET": Self.bo]).get())
        #expect(shared.reread() == nil, "an environment variable is not read again")
    }

    @Test func aFileWithMistakesKeepsTheSetReadBefore() async throws {
        let environment = try TestEnvironment()
        let admins = try AdminAccountabilityTests.admins(AdminAccountabilityTests.bothAdmins, in: environment)
        let clients = try APIClientTests.clients(APIClientTests.bothClients, in: environment)
        try await environment.withRunningServer(admins: admins, apiClients: clients) { _, server in
            try Self.write("anna.berg: \(Self.anna)\nolle \(Self.olle)\n", "admins.txt", in: environment)
            try Self.write("kolada: \(Self.kolada)\nKolada: \(Self.scb)\n", "api-tokens.txt", in: environment)
            server.reloadSecrets()
            #expect(server.secrets.adminSessions?.roster.names == "anna.berg, olle")
            #expect(server.secrets.apiClients?.names == "kolada, enkat.se")

            let folder = environment.folder.path
            let refused = Self.lines("admin secrets file refused", in: environment) + Self.lines("API tokens file refused", in: environment)
            try #require(refused.count == 2, "\(environment.logs.lines)")
            #expect(refused.allSatisfy { $0.contains("\"level\":\"error\"") })
            #expect(refused[0].contains("\"code\":\"E488\"") && refused[0].contains("\"diagnostic\":\"\(folder)/admins.txt:2:1: error[E488]: this line names no admin"))
            #expect(refused[1].contains("\"code\":\"E489\"") && refused[1].contains("\(folder)/api-tokens.txt:2:1: error[E489]: API client 'Kolada' is named on line 1 already"))
            let kept = Self.lines("admin secrets file not reloaded: the admins read before stay in force", in: environment)
                + Self.lines("API tokens file not reloaded: the API clients read before stay in force", in: environment)
            try #require(kept.count == 2, "\(environment.logs.lines)")
            #expect(kept.allSatisfy { $0.contains("\"code\":\"E495\"") && $0.contains("\"level\":\"error\"") })
            #expect(kept[1].contains("\"in_force\":\"kolada, enkat.se\"") && kept[1].contains(
                "\(folder)/api-tokens.txt: error[E495]: the API tokens file did not load, so the API clients read before stay in force: kolada, enkat.se; correct it and send SIGHUP again"))
            #expect(Self.lines("admins reloaded", in: environment).isEmpty)

            try FileManager.default.removeItem(atPath: "\(folder)/api-tokens.txt")
            server.reloadSecrets()
            #expect(server.secrets.apiClients?.names == "kolada, enkat.se")
            #expect(environment.logs.lines.contains { $0.contains("\"code\":\"E476\"") && $0.contains("api-tokens.txt: error[E476]") })
            let log = environment.logs.lines.joined()
            #expect(![Self.anna, Self.olle, Self.kolada, Self.scb].contains { log.contains($0) }, "no secret is logged")
        }
    }

    /// Over HTTP: an admin taken out of the file, or given a new secret, is at the sign-in form on
    /// the next request; one still in it stays signed in; a new one signs in at once.
    @Test func aReloadSignsOutAnAdminTakenOutOrGivenANewSecret() async throws {
        let environment = try TestEnvironment()
        let admins = try AdminAccountabilityTests.admins("anna.berg: \(Self.anna)\nolle: \(Self.olle)\nbo: \(Self.bo)\n", in: environment)
        try await environment.withRunningServer(admins: admins) { client, server in
            let (anna, olle, bo) = (WebClient(port: client.port), WebClient(port: client.port), WebClient(port: client.port))
            try await signIn(anna, secret: Self.anna)
            try await signIn(olle, secret: Self.olle)
            try await signIn(bo, secret: Self.bo)

            try Self.write("olle: \(Self.olle)\nbo: \(Self.bo)-new\nper: \(Self.scb)\n", "admins.txt", in: environment)
            server.reloadSecrets()
            #expect(try await anna.get("/admin").location == "/admin/login?next=/admin")
            #expect(try await anna.get("/admin/rounds/esem-open/exports/responses-with-personal-data.csv").location == "/admin/login?next=/admin/rounds/esem-open")
            #expect(try await bo.get("/admin").location == "/admin/login?next=/admin", "a new secret signs the old one's sessions out")
            #expect(try await olle.get("/admin").body.contains("Signed in as olle"))

            let form = try await anna.get("/admin/login")
            // The sign-in form says why, as it does for a session that ended by time.
            #expect(form.body.contains("Your session no longer holds: the admins file has changed, and your name or your secret is no longer in it."), "\(form.body)")
            #expect(try await bo.get("/admin/login").body.contains("Your session no longer holds"))
            #expect(!(try await WebClient(port: client.port).get("/admin/login").body.contains("no longer holds")), "not without a session")
            let csrf = try #require(Page.hidden("csrf", in: form.body))
            #expect(try await anna.postForm("/admin/login", [("csrf", csrf), ("secret", Self.anna)]).status == 401)
            let per = WebClient(port: client.port)
            try await signIn(per, secret: Self.scb)
            try await signIn(bo, secret: Self.bo + "-new")
            #expect(try await per.get("/admin").body.contains("Signed in as per"))

            let reloaded = try #require(Self.lines("admins reloaded", in: environment).first)
            #expect(reloaded.contains("\"level\":\"notice\"") && reloaded.contains("\"added\":\"per\"") && reloaded.contains("\"removed\":\"anna.berg\"")
                && reloaded.contains("\"changed\":\"bo\"") && reloaded.contains("\"in_force\":\"olle, bo, per\""), "\(reloaded)")
            #expect(!environment.logs.lines.joined().contains(Self.bo), "no secret is logged")
        }
    }

    /// Over HTTP: a client taken out of the file is refused (401) from its next request, one given
    /// a new token is refused under the old one, the others go on, and a new one submits at once;
    /// the responses the removed client stored stay as they are.
    @Test func aReloadCutsOffAnAPIClientAndLetsANewOneIn() async throws {
        let environment = try TestEnvironment()
        try await environment.withRunningServer(apiClients: try APIClientTests.clients(APIClientTests.bothClients, in: environment)) { client, server in
            let earlier = try await Self.submit(client, token: Self.enkat, key: "before")
            #expect(earlier.status == 201)
            #expect(try await Self.submit(client, token: Self.kolada, key: "before").status == 201)

            try Self.write("kolada: \(Self.kolada)-new\nscb: \(Self.scb)\n", "api-tokens.txt", in: environment)
            server.reloadSecrets()
            let refused = try await Self.submit(client, token: Self.enkat, key: "after")
            #expect(refused.status == 401 && refused.body.contains("\"code\":\"E470\""))
            #expect(try await Self.submit(client, token: Self.enkat, key: "before").status == 401, "not even a replay")
            #expect(try await Self.submit(client, token: Self.kolada, key: "after").status == 401, "the old token of a client with a new one")
            #expect(try await Self.submit(client, token: Self.kolada + "-new", key: "after").status == 201)
            #expect(try await Self.submit(client, token: Self.scb, key: "after").status == 201)
            #expect(try environment.store.response(try APIClientTests.id(earlier.body))?.record.apiClient == "enkat.se")

            let reloaded = try #require(Self.lines("API clients reloaded", in: environment).first)
            #expect(reloaded.contains("\"added\":\"scb\"") && reloaded.contains("\"removed\":\"enkat.se\"") && reloaded.contains("\"changed\":\"kolada\""))

            try Self.write("enkat.se: \(Self.enkat)\n", "api-tokens.txt", in: environment)
            server.reloadSecrets()
            let replayed = try await Self.submit(client, token: Self.enkat, key: "before")
            #expect(replayed.status == 201 && replayed.body == earlier.body && replayed.header("Idempotent-Replayed") == "true",
                    "its idempotency record stayed as it was")
        }
    }

    /// A reload that meets a file with mistakes changes nothing: everyone signed in stays signed
    /// in and every client still submits.
    @Test func aBadFileOnReloadKeepsEverythingWorking() async throws {
        let environment = try TestEnvironment()
        let admins = try AdminAccountabilityTests.admins(AdminAccountabilityTests.bothAdmins, in: environment)
        let clients = try APIClientTests.clients(APIClientTests.bothClients, in: environment)
        try await environment.withRunningServer(admins: admins, apiClients: clients) { client, server in
            let anna = WebClient(port: client.port)
            try await signIn(anna, secret: Self.anna)
            try Self.write("olle: \(Self.olle)\nbo: short\n", "admins.txt", in: environment)
            try Self.write("# nobody yet\n", "api-tokens.txt", in: environment)
            server.reloadSecrets()
            #expect(try await anna.get("/admin").body.contains("Signed in as anna.berg"))
            #expect(try await Self.submit(client, token: Self.enkat, key: "e").status == 201)
            #expect(try await Self.submit(client, token: Self.kolada, key: "k").status == 201)
            #expect(environment.logs.lines.contains { $0.contains("admins.txt:2:1: error[E477]") })
            #expect(environment.logs.lines.contains { $0.contains("api-tokens.txt: error[E477]: the file holds no API client token") })
        }
    }

    /// Admins or clients of an environment variable cannot change: they are kept, and the log says why.
    @Test func secretsFromTheEnvironmentAreKept() async throws {
        let environment = try TestEnvironment()
        let admins = try #require(try AdminRoster.load(file: nil, environment: "SAMLA_ADMIN_SECRET", environment: ["SAMLA_ADMIN_SECRET": Self.anna]).get())
        try await environment.withRunningServer(admins: admins) { client, server in
            try await signIn(client, secret: Self.anna)
            server.reloadSecrets()
            #expect(try await client.get("/admin").body.contains("Signed in as admin"))
            let kept = Self.lines(
                "admins not reloaded: they come from the environment variable SAMLA_ADMIN_SECRET, which a running server cannot read again; restart it to change them",
                in: environment)
            #expect(kept.count == 1 && kept[0].contains("\"level\":\"notice\""), "\(environment.logs.lines)")
        }
    }

    /// A refused token is logged by the first 12 hex digits of its SHA-256, which an operator gets
    /// from the token with `printf %s "$TOKEN" | sha256sum | cut -c1-12`; never the token.
    @Test func aRefusedTokenIsLoggedByItsFingerprint() async throws {
        let environment = try TestEnvironment()
        try await environment.withRunningServer(apiClients: try APIClientTests.clients(APIClientTests.bothClients, in: environment)) { client, server in
            let wrong = "wrong-token-0123456789abc"
            #expect(try await Self.submit(client, token: wrong, key: "w").status == 401)
            try Self.write("kolada: \(Self.kolada)\n", "api-tokens.txt", in: environment)
            server.reloadSecrets()
            #expect(try await Self.submit(client, token: Self.enkat, key: "e").status == 401)
            #expect(try await client.request(.post, Self.path, headers: ["Content-Type": "application/json", "Idempotency-Key": "n"], body: "{}").status == 401)

            let refused = Self.lines("API request refused", in: environment)
            try #require(refused.count == 3, "\(refused)")
            #expect(refused[0].contains("\"token_fingerprint\":\"3a860fded698\"") && refused[0].contains("\"code\":\"E470\""), "\(refused[0])")
            #expect(refused[1].contains("\"token_fingerprint\":\"93c1f760a927\""), "the revoked token of enkat.se: \(refused[1])")
            #expect(refused[2].contains("\"reason\":\"no Authorization: Bearer header\"") && !refused[2].contains("token_fingerprint"))
            let log = environment.logs.lines.joined()
            #expect(!log.contains(wrong) && !log.contains(Self.enkat) && !log.contains(Self.kolada), "no token is logged")
        }
    }

    /// A secrets file that every user of the machine can read (the mode `printf … > FILE` leaves
    /// under the usual umask) is warned about at start and at each reload, with the commands that
    /// fix it; readable by its owner and group only, it is not. It was taken silently.
    @Test func aSecretsFileEveryUserCanReadIsWarnedAbout() async throws {
        let environment = try TestEnvironment()
        let admins = try AdminAccountabilityTests.admins(AdminAccountabilityTests.bothAdmins, in: environment)
        let clients = try APIClientTests.clients(APIClientTests.bothClients, in: environment)
        let (adminsFile, tokensFile) = (try #require(admins.file), try #require(clients.file))
        chmod(adminsFile, 0o644)
        chmod(tokensFile, 0o640)
        let warning = try #require(admins.exposure())
        #expect(warning.code.id == "W801")
        #expect("\(warning)".hasPrefix("\(adminsFile): warning[W801]: the admin secrets file can be read by every user of this machine (mode 644), "
            + "so anyone who logs in to it can sign in to the admin pages as any admin in it and download the responses, personal data included; "
            + "let only the server's user read it: chown "))
        #expect("\(warning)".hasSuffix(" \(adminsFile) && chmod 600 \(adminsFile)"))
        #expect(clients.exposure() == nil, "readable by its group only")

        try await environment.withRunningServer(admins: admins, apiClients: clients) { _, server in
            server.reloadSecrets()
            let reloaded = Self.lines("admin secrets file readable by every user", in: environment)
            try #require(reloaded.count == 1, "\(environment.logs.lines)")
            #expect(reloaded[0].contains("\"code\":\"W801\"") && reloaded[0].contains("\"level\":\"warning\""))
            #expect(Self.lines("API tokens file readable by every user", in: environment).isEmpty)

            chmod(tokensFile, 0o604)
            chmod(adminsFile, 0o600)
            server.reloadSecrets()
            #expect(Self.lines("admin secrets file readable by every user", in: environment).count == 1, "not again once chmod 600")
            let tokens = Self.lines("API tokens file readable by every user", in: environment)
            #expect(tokens.count == 1 && tokens[0].contains("the API tokens file can be read by every user of this machine (mode 604), "
                + "so anyone who logs in to it can submit responses through the JSON API as any partner system in it"))
            let log = environment.logs.lines.joined()
            #expect(![Self.anna, Self.olle, Self.kolada, Self.enkat].contains { log.contains($0) }, "no secret is logged")
        }

        // The built `samla serve` warns at start too.
        let log = environment.folder.appendingPathComponent("serve.log").path
        let process = try CrashTests.ServerProcess(database: environment.databasePath, tokenFile: tokensFile, logLevel: "notice", log: log)
        process.kill(SIGTERM)
        let started = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("W801") }
        #expect(started.count == 1 && started[0].contains("\"message\":\"API tokens file readable by every user\"")
            && started[0].contains("\(tokensFile): warning[W801]: the API tokens file can be read by every user of this machine (mode 604)"), "\(started)")
    }

    /// The built `samla serve` reads the tokens file again on a real SIGHUP and goes on serving;
    /// SIGTERM still stops it. Without the reload, SIGHUP ended the process.
    @Test(.timeLimit(.minutes(2))) func sighupReloadsTheTokensFileOfARunningSamlaServe() async throws {
        let environment = try TestEnvironment()
        let tokenFile = environment.folder.appendingPathComponent("api-tokens.txt").path
        try APIClientTests.bothClients.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let log = environment.folder.appendingPathComponent("serve.log").path
        let server = try CrashTests.ServerProcess(database: environment.databasePath, tokenFile: tokenFile, logLevel: "notice", log: log)
        let client = WebClient(port: server.port)
        #expect(try await Self.submit(client, token: Self.enkat, key: "before").status == 201)

        try "kolada: \(Self.kolada)\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        kill(server.process.processIdentifier, SIGHUP)
        func reloadLine() -> String? {
            (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").first { $0.contains("\"message\":\"API clients reloaded\"") }.map(String.init)
        }
        while reloadLine() == nil && server.process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.process.isRunning, "SIGHUP did not stop the server")
        #expect(reloadLine()?.contains("\"removed\":\"enkat.se\"") == true)
        #expect(try await Self.submit(client, token: Self.enkat, key: "after").status == 401)
        #expect(try await Self.submit(client, token: Self.kolada, key: "after").status == 201)

        server.kill(SIGTERM)
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0)
        let written = try String(contentsOfFile: log, encoding: .utf8)
        #expect(written.contains("\"message\":\"writer stopped\""), "SIGTERM still stops it after committing")
        #expect(!written.contains(Self.enkat) && !written.contains(Self.kolada))
    }
}
