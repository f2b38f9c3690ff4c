import Foundation
import Testing
@testable import FormServer

/// The exports linked from a round's admin page, downloaded over HTTP from the real server.
@Suite struct AdminDownloadTests {
    static let personalName = "Hemliga föreningen Ödla"
    static let personalEmail = "kontakt.hemlig@example.se"

    /// Two complete responses through the API (one in English, with personal answers) and one
    /// begun and left partial on the web form.
    static func collect(_ client: WebClient) async throws -> [Int64] {
        var ids: [Int64] = []
        for (index, language) in ["sv", "en"].enumerated() {
            var headers = APITests.headers
            headers["Idempotency-Key"] = "download-\(index)"
            headers["Content-Language"] = language
            let body = APITests.completeResponse
                .replacingOccurrences(of: "Föreningen Exempel", with: personalName)
                .replacingOccurrences(of: "info@example.se", with: personalEmail)
                .replacingOccurrences(of: "\"prio_fin\": 3", with: "\"prio_fin\": \(index + 4)")
            let created = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: body)
            #expect(created.status == 201, "\(created.body)")
            ids.append(try #require(Page.firstMatch(#""id":(\d+)"#, in: created.body).flatMap { Int64($0) }))
        }
        _ = try await Respondent.start(client, round: "esem-open")
        return ids
    }

    static func download(_ client: WebClient, _ path: String, type: String, fileName: String) async throws -> WebClient.Reply {
        let reply = try await client.get(path)
        #expect(reply.status == 200, "\(path): \(reply.body.prefix(300))")
        #expect(reply.header("Content-Type") == type, "\(path)")
        #expect(reply.header("Content-Disposition") == #"attachment; filename="\#(fileName)""#, "\(path)")
        #expect(reply.header("Cache-Control") == "no-store", "\(path)")
        #expect(reply.header("Content-Length") == String(reply.bytes.count), "\(path)")
        return reply
    }

    static let bom = "\u{FEFF}"
    static let csv = "text/csv; charset=utf-8; header=present"

    @Test func aSurveyWithoutPartnerNamesHasNoEuclidLink() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in
            try await signIn(client)
            let forum = try await client.get("/admin/rounds/forum-open")
            #expect(forum.status == 200)
            #expect(!forum.body.contains("euclid.zip"))
            #expect(forum.body.contains("No Euclid data package: no question of this survey has an <code>export_as</code>"))
            #expect(try await client.get("/admin/rounds/forum-open/exports/euclid.zip").status == 409, "as before, when asked for anyway")
            #expect(try await client.get("/admin/rounds/esem-open").body.contains("/admin/rounds/esem-open/exports/euclid.zip?lang=en"))
        }
    }

    @Test func everyExportOfTheRoundPageDownloadsWithItsContent() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let ids = try await Self.collect(client)
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-open")
            for link in ["responses.csv", "responses-labels.csv?lang=sv", "responses-labels.csv?lang=en", "responses-long.csv",
                         "codebook.md?lang=en", "codebook.csv", "euclid.zip?lang=en", "responses-with-personal-data.csv"] {
                #expect(page.body.contains(#"href="/admin/rounds/esem-open/exports/\#(link)""#), "\(link)")
            }
            #expect(page.body.contains("Responses including personal data"))

            let wide = try await Self.download(client, "/admin/rounds/esem-open/exports/responses.csv", type: Self.csv, fileName: "esem-open-responses.csv")
            let wideLines = wide.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(wideLines.count == 3, "a header and the two complete responses, not the partial one")
            let header = wideLines[0].split(separator: ",").map(String.init)
            #expect(header.prefix(3) == [Self.bom + "response_id", "language", "submitted_at"])
            let prioFin = try #require(header.firstIndex(of: "prio_fin"))
            #expect(!header.contains("org_name") && !header.contains("contact_email"))
            #expect(wideLines[1].split(separator: ",", omittingEmptySubsequences: false)[prioFin] == "4")
            #expect(wideLines[2].hasPrefix("\(ids[1]),en,"))
            #expect(!wide.body.contains(Self.personalName) && !wide.body.contains(Self.personalEmail))

            let labels = try await Self.download(client, "/admin/rounds/esem-open/exports/responses-labels.csv?lang=en", type: Self.csv,
                                                 fileName: "esem-open-responses-labels-en.csv")
            #expect(labels.body.contains("Non-profit association (ideell förening)"))
            #expect(!labels.body.contains(Self.personalEmail))

            let long = try await Self.download(client, "/admin/rounds/esem-open/exports/responses-long.csv", type: Self.csv, fileName: "esem-open-responses-long.csv")
            #expect(long.body.hasPrefix(Self.bom + "response_id,variable,value\r\n"))
            #expect(long.body.contains("\r\n\(ids[1]),prio_fin,5\r\n"))
            #expect(!long.body.contains(Self.personalEmail))

            let markdown = try await Self.download(client, "/admin/rounds/esem-open/exports/codebook.md?lang=en", type: "text/markdown; charset=utf-8",
                                                   fileName: "esem-open-codebook-en.md")
            #expect(markdown.body.hasPrefix("#"))
            #expect(markdown.body.contains("prio_fin"))
            // Without ?lang= the survey's first language is used, and the file's name says which.
            let swedish = try await Self.download(client, "/admin/rounds/esem-open/exports/codebook.md", type: "text/markdown; charset=utf-8",
                                                  fileName: "esem-open-codebook-sv.md")
            #expect(swedish.body != markdown.body)
            let codebook = try await Self.download(client, "/admin/rounds/esem-open/exports/codebook.csv", type: Self.csv, fileName: "esem-open-codebook.csv")
            #expect(codebook.body.hasPrefix(Self.bom + "column,variable,question,"))
            #expect(codebook.body.contains("\r\nprio_fin,prio_fin,"))

            let personal = try await Self.download(client, "/admin/rounds/esem-open/exports/responses-with-personal-data.csv", type: Self.csv,
                                                   fileName: "esem-open-responses-with-personal-data.csv")
            #expect(personal.body.contains(Self.personalName) && personal.body.contains(Self.personalEmail))
            let logged = try #require(environment.logs.lines.first { $0.contains("admin download") && $0.contains("responses-with-personal-data.csv") })
            #expect(logged.contains("\"personal_data\":\"true\""))
            // The download names the session that made it, as its sign-in did, and holds no part of the cookie.
            let session = try #require(Page.firstMatch(#""session":"([A-Za-z0-9_-]{12})""#, in: logged))
            #expect(environment.logs.lines.contains { $0.contains("admin signed in") && $0.contains("\"session\":\"\(session)\"") })
            let cookie = try #require(client.cookie("samla_admin"))
            #expect(!environment.logs.lines.joined().contains(String(cookie.split(separator: ".")[2])), "the session's nonce")

            let zip = try await Self.download(client, "/admin/rounds/esem-open/exports/euclid.zip?lang=en", type: "application/zip", fileName: "esem-open-euclid.zip")
            let files = try Unzipped(zip.bytes)
            #expect(files.names == ["responses.csv", "codebook.csv", "codebook.md", "responses.sps", "disclosure.csv", "datapackage.json", "provenance.json"].map { "esem-open-euclid/" + $0 })
            let data = try #require(files["esem-open-euclid/responses.csv"])
            #expect(data.hasPrefix(Self.bom + "respondent_id,language,source,ESEM_CONSENT,"))
            #expect(data.components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst().allSatisfy { $0.hasPrefix("R-") })
            let packageText = try #require(files["esem-open-euclid/datapackage.json"])
            let package = try #require(try JSONSerialization.jsonObject(with: Data(packageText.utf8)) as? [String: Any])
            #expect(package["profile"] as? String == "tabular-data-package")
            #expect((package["resources"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["responses.csv", "codebook.csv", "disclosure.csv"])
            for (name, text) in files.contents {
                #expect(!text.contains(Self.personalName) && !text.contains(Self.personalEmail), "\(name) holds personal data")
                #expect(!text.contains("org_name") || name.hasSuffix("provenance.json"), "\(name) names a personal variable")
            }
        }
    }

    /// Each CSV file of the round page comes for Excel in a Swedish locale too (`?excel=sv`):
    /// semicolons and decimal commas, as `samla export --delimiter ";" --decimal-comma` writes,
    /// under a name that says so. The Markdown codebook and the partner package have no such form.
    @Test func theCSVFilesComeForExcelInASwedishLocale() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            _ = try await Self.collect(client)
            try await signIn(client)
            let page = try await client.get("/admin/rounds/esem-open")
            for link in ["responses.csv?excel=sv", "responses-labels.csv?lang=sv&amp;excel=sv", "responses-labels.csv?lang=en&amp;excel=sv",
                         "responses-long.csv?excel=sv", "codebook.csv?excel=sv", "responses-with-personal-data.csv?excel=sv"] {
                #expect(page.body.contains(#"href="/admin/rounds/esem-open/exports/\#(link)""#), "\(link)")
            }
            #expect(!page.body.contains("codebook.md?excel=sv") && !page.body.contains("euclid.zip?lang=en&amp;excel=sv"))
            #expect(page.body.contains("for Excel (sv)"))

            let wide = try await Self.download(client, "/admin/rounds/esem-open/exports/responses.csv?excel=sv", type: Self.csv,
                                               fileName: "esem-open-responses-excel-sv.csv")
            let lines = wide.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3)
            let header = lines[0].split(separator: ";").map(String.init)
            #expect(header.prefix(3) == [Self.bom + "response_id", "language", "submitted_at"])
            let fte = try #require(header.firstIndex(of: "fte"))
            #expect(lines[1].split(separator: ";", omittingEmptySubsequences: false)[fte] == "2,5")
            #expect(!wide.body.contains(Self.personalEmail))
            let comma = try await client.get("/admin/rounds/esem-open/exports/responses.csv")
            #expect(comma.body.components(separatedBy: "\r\n")[1].contains(",2.5,"))

            let labels = try await Self.download(client, "/admin/rounds/esem-open/exports/responses-labels.csv?lang=en&excel=sv", type: Self.csv,
                                                 fileName: "esem-open-responses-labels-en-excel-sv.csv")
            #expect(labels.body.contains(";Non-profit association (ideell förening);"))
            let codebook = try await Self.download(client, "/admin/rounds/esem-open/exports/codebook.csv?excel=sv", type: Self.csv,
                                                   fileName: "esem-open-codebook-excel-sv.csv")
            #expect(codebook.body.hasPrefix(Self.bom + "column;variable;question;"))
            let logged = try #require(environment.logs.lines.first { $0.contains("admin download") && $0.contains("codebook.csv") })
            #expect(logged.contains("\"excel_sv\":\"true\""))

            #expect(try await client.get("/admin/rounds/esem-open/exports/codebook.md?excel=sv").status == 404)
            #expect(try await client.get("/admin/rounds/esem-open/exports/euclid.zip?lang=en&excel=sv").status == 404)
            #expect(try await client.get("/admin/rounds/esem-open/exports/responses.csv?excel=de").status == 404)
        }
    }

    @Test func downloadsNeedASessionAKnownRoundAndAKnownFile() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            _ = try await Self.collect(client)
            for file in AdminDownload.allCases {
                let refused = try await client.get("/admin/rounds/esem-open/exports/\(file.rawValue)")
                #expect(refused.status == 303 && refused.location == "/admin/login?next=/admin/rounds/esem-open", "\(file)")
                #expect(!refused.body.contains("prio_fin"))
            }
            let forged = try await client.get("/admin/rounds/esem-open/exports/responses.csv", headers: ["Cookie": "samla_admin=9999999999.abc.def"])
            #expect(forged.location == "/admin/login?next=/admin/rounds/esem-open")

            try await signIn(client)
            #expect(try await client.get("/admin/rounds/no-such-round/exports/responses.csv").status == 404)
            #expect(try await client.get("/admin/rounds/esem-open/exports/passwords.csv").status == 404)
            #expect(try await client.get("/admin/rounds/esem-open/exports/..%2F..%2Fetc%2Fpasswd").status == 404)
            let wrongLanguage = try await client.get("/admin/rounds/esem-open/exports/codebook.md?lang=de")
            #expect(wrongLanguage.status == 400)
            #expect(wrongLanguage.body.contains("E6"), "the export's own diagnostic explains the refusal")
            #expect(!wrongLanguage.body.contains("prio_fin"))
            // Its language switch leads to the round page: back to the export would make the export again.
            #expect(wrongLanguage.body.contains("href=\"/admin/language?lang=sv&amp;back=/admin/rounds/esem-open\""), "\(wrongLanguage.body)")
            #expect(!wrongLanguage.body.contains("back=/admin/rounds/esem-open/exports"))

            let empty = try await client.get("/admin/rounds/esem-later/exports/responses.csv")
            #expect(empty.status == 200)
            #expect(empty.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1, "a round without responses gives the header only")
        }
        try await environment.withServer(admin: false) { client in
            let off = try await client.get("/admin/rounds/esem-open/exports/responses.csv")
            #expect(off.status == 503)
        }
    }

    @Test func storedZipFramingIsWhatZipReadersExpect() throws {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        let entries = [("a/one.txt", "hello\n"), ("a/två.csv", "x,y\r\n1,2\r\n"), ("a/empty", "")]
        let zip = try #require(StoredZip(
            entries: entries.map { StoredZip.Entry(name: $0.0, size: $0.1.utf8.count, crc: CRC32.checksum(Array($0.1.utf8))) },
            modified: (2026, 11, 29, 8, 30, 14)))
        var bytes: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            bytes += zip.localHeader(index)
            bytes += Array(entry.1.utf8)
        }
        bytes += zip.trailer()
        #expect(bytes.count == zip.totalSize)
        let unzipped = try Unzipped(bytes)
        #expect(unzipped.names == entries.map(\.0))
        for entry in entries { #expect(unzipped[entry.0] == entry.1) }
        #expect(StoredZip(entries: [.init(name: "big", size: StoredZip.limit, crc: 0)], modified: (2026, 1, 1, 0, 0, 0)) == nil)
    }

    @Test func fileNamesAreSafeInAHeader() {
        #expect(AdminDownload.responsesLabels.fileName(round: "esem-se-2025", language: "en") == "esem-se-2025-responses-labels-en.csv")
        #expect(AdminDownload.euclidPackage.fileName(round: "esem-se-2025", language: "en") == "esem-se-2025-euclid.zip")
        #expect(SafeFileName.make(#"../"a b";\x.csv"#) == "--a-b---x.csv")
        #expect(SafeFileName.make("..") == "export")
    }
}

/// A ZIP archive read with `unzip` (Debian), to check the server's archives with a reader that
/// is not ours: `unzip -t` tests every entry's CRC, `unzip -Z1` lists them, `unzip -p` extracts.
struct Unzipped {
    let names: [String]
    let contents: [(String, String)]

    init(_ bytes: [UInt8]) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samla-test-\(UUID().uuidString).zip").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tested = try Self.unzip(["-t", path])
        guard tested.contains("No errors detected") else { throw TestFailure("unzip -t: \(tested)") }
        names = try Self.unzip(["-Z1", path]).split(separator: "\n").map(String.init)
        contents = try names.map { ($0, try Self.unzip(["-p", path, $0])) }
    }

    subscript(name: String) -> String? { contents.first { $0.0 == name }?.1 }

    private static func unzip(_ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else {
            throw TestFailure("unzip is missing: apt-get install -y unzip")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("unzip \(arguments) failed: \(String(decoding: data, as: UTF8.self))") }
        return String(decoding: data, as: UTF8.self)
    }
}
