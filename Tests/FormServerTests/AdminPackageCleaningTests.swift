import Expressions
import Foundation
import Store
import Testing

/// The built `samla serve --framework` cleans the admin page's Euclid package of a round the
/// framework declares exactly as `samla export --profile euclid --framework` does; without a
/// framework the package is not cleaned and the page says so.
@Suite struct AdminPackageCleaningTests {
    static let framework = TestEnvironment.repository.appendingPathComponent("frameworks/msi-toc.yaml").path
    static let round = "esem-se-2025"

    static let responses = 80

    /// Generated responses with the demo's cleaning cases (duplicates, test responses, responses
    /// that put impact below financial return), imported as `samla import` does.
    static func fill(_ environment: TestEnvironment) throws {
        let csv = environment.folder.appendingPathComponent("generated.csv").path
        let generated = try run(["generate", TestEnvironment.repository.appendingPathComponent("surveys/esem-se.yaml").path,
                                 "--rows", String(responses), "--seed", "11", "--demo", "--out", csv])
        #expect(generated.status == 0, "\(generated.errors)")
        let imported = try run(["import", "--db", environment.databasePath, "--round", round, csv])
        #expect(imported.status == 0, "\(imported.errors)")
    }

    /// The lines of a CSV file without its byte order mark, empty lines left out.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = CrashTests.executable
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.timeLimit(.minutes(5))) func theWebPackageIsTheCleanedPackageOfSamlaExport() async throws {
        let environment = try TestEnvironment()
        let today = CalendarDate.today()
        _ = try environment.store.openRound(RoundRequest(
            name: Self.round, document: environment.document, opens: CalendarDate(year: 2025, month: 1, day: 1)!,
            closes: CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 30), anonymous: true))
        try Self.fill(environment)
        let tokenFile = environment.folder.appendingPathComponent("api-token").path
        try (TestEnvironment.apiToken + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let secretFile = environment.folder.appendingPathComponent("admin-secret").path
        try (TestEnvironment.adminSecret + "\n").write(toFile: secretFile, atomically: true, encoding: .utf8)
        let zipPath = "/admin/rounds/\(Self.round)/exports/euclid.zip?lang=en"
        let folder = "\(Self.round)-euclid/"

        let cleaned = try CrashTests.ServerProcess(database: environment.databasePath, tokenFile: tokenFile,
                                                   arguments: ["--admin-secret-file", secretFile, "--framework", Self.framework])
        let zip: Unzipped
        do {
            defer { cleaned.kill(SIGTERM) }
            let client = WebClient(port: cleaned.port)
            try await signIn(client)
            let page = try await client.get("/admin/rounds/\(Self.round)")
            #expect(page.body.contains("Euclid data package, ZIP, cleaned by framework msi-toc</a>"))
            #expect(!page.body.contains("Not cleaned"))
            let uncovered = try await client.get("/admin/rounds/esem-open")
            #expect(uncovered.body.contains("Not cleaned: start <code>samla serve</code> with <code><span class=\"option\">--framework</span></code> to apply cleaning rules."),
                    "a round the framework does not declare is not cleaned")
            let reply = try await AdminDownloadTests.download(client, zipPath, type: "application/zip", fileName: "\(Self.round)-euclid.zip")
            zip = try Unzipped(reply.bytes)
        }

        let out = environment.folder.appendingPathComponent("cli-euclid").path
        let export = try Self.run(["export", "--db", environment.databasePath, "--round", Self.round, "--out", out,
                                   "--profile", "euclid", "--framework", Self.framework, "--lang", "en"])
        #expect(export.status == 0, "\(export.errors)")
        let cliFiles = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        #expect(Set(zip.names) == Set(cliFiles.map { folder + $0 }), "the same files as samla export --framework")
        #expect(zip.names.contains(folder + "cleaning-log.csv") && zip.names.contains(folder + "results.csv"))
        for name in ["responses.csv", "cleaning-log.csv", "results.csv"] {
            let cli = String(decoding: try Data(contentsOf: URL(fileURLWithPath: (out as NSString).appendingPathComponent(name))), as: UTF8.self)
            #expect(zip[folder + name] == cli, "\(name) differs from samla export --framework")
        }
        let log = Self.lines(zip[folder + "cleaning-log.csv"])
        #expect(log.first == "round,rule,description,respondent_id")
        let rules = log.dropFirst().map { String($0.split(separator: ",")[1]) }
        #expect(Set(rules).isSuperset(of: ["test", "duplicate", "eligibility"]), "\(log)")
        let rows = Self.lines(zip[folder + "responses.csv"]).dropFirst()
        let removed = Set(log.dropFirst().map { String($0.split(separator: ",").last!) })
        #expect(rows.allSatisfy { !removed.contains(String($0.prefix { $0 != "," })) }, "no removed response is exported")
        let provenance = zip[folder + "provenance.json"] ?? ""
        #expect(provenance.contains("\"source\": \"\((Self.framework as NSString).lastPathComponent)\""), "the partner sees the framework's file name")
        #expect(!provenance.contains(Self.framework), "and not the folders it was read from")

        // Without --framework the package holds every complete response and no cleaning log.
        let plain = try CrashTests.ServerProcess(database: environment.databasePath, tokenFile: tokenFile, arguments: ["--admin-secret-file", secretFile])
        defer { plain.kill(SIGTERM) }
        let client = WebClient(port: plain.port)
        try await signIn(client)
        let page = try await client.get("/admin/rounds/\(Self.round)")
        #expect(page.body.contains("Not cleaned: start <code>samla serve</code> with <code><span class=\"option\">--framework</span></code> to apply cleaning rules."))
        #expect(!page.body.contains("cleaned by framework"))
        let reply = try await AdminDownloadTests.download(client, zipPath, type: "application/zip", fileName: "\(Self.round)-euclid.zip")
        let uncleaned = try Unzipped(reply.bytes)
        #expect(!uncleaned.names.contains(folder + "cleaning-log.csv") && !uncleaned.names.contains(folder + "results.csv"))
        let every = Self.lines(uncleaned[folder + "responses.csv"]).dropFirst()
        #expect(every.count >= Self.responses)
        #expect(rows.count + rules.count == every.count, "every response is either in the cleaned package or in its cleaning log")
    }

    @Test func aFrameworkThatDoesNotLoadStopsTheServerFromStarting() throws {
        let environment = try TestEnvironment()
        let broken = environment.folder.appendingPathComponent("broken.yaml").path
        try "id: broken\nlanguages: [sv]\nrounds: 3\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let refused = try Self.run(["serve", "--db", environment.databasePath, "--port", "0", "--framework", broken])
        #expect(refused.status == 1)
        #expect(refused.errors.contains(broken + ":"), "the framework's diagnostics name the file: \(refused.errors)")
        #expect(refused.errors.contains("error[E"))
    }
}
