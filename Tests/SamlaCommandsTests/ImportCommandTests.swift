import Expressions
import Foundation
import Store
import Testing

/// `samla import`, run as the built binary.
@Suite struct ImportCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let esem = root.appendingPathComponent("surveys/esem-se.yaml").path
    static let badCells = root.appendingPathComponent("Tests/IntakeTests/Fixtures/bad-cells.csv").path

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-import-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func openRound(_ db: String) throws {
        let opened = try SamlaBinary.run([
            "round", "open", Self.esem, "--name", "esem-se-2025", "--opens", "2025-01-01", "--closes", "2099-12-31", "--anonymous", "--db", db,
        ])
        #expect(opened.status == 0, "\(opened.errors)")
    }

    /// A database in the folder with round `test-2025` of the import tests' survey; its path.
    func openImportTestRound() throws -> String {
        let db = path("samla.sqlite")
        let survey = Self.root.appendingPathComponent("Tests/IntakeTests/Fixtures/import-test.yaml").path
        let opened = try SamlaBinary.run(["round", "open", survey, "--name", "test-2025", "--opens", "2025-01-01", "--closes", "2099-12-31", "--db", db])
        #expect(opened.status == 0, "\(opened.errors)")
        return db
    }

    /// A survey whose questions take the names of export metadata (`language`, `submitted_at`,
    /// `source`, `api_client`): the export writes the metadata as `response_language`,
    /// `response_submitted_at`, `response_source` and `response_api_client`, and importing that
    /// export into a new round of the survey reads the same answers and metadata, except how the
    /// responses were collected: every response of the new round was imported, the one a partner
    /// system sent through the API too.
    @Test func anExportOfQuestionsNamedLikeMetadataImportsAgain() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        try """
            id: meta
            version: "1"
            title: {sv: "Meta", en: "Meta"}
            languages: [sv, en]
            choices:
              langs:
                - {value: sv, label: {sv: "Svenska", en: "Swedish"}}
                - {value: fi, label: {sv: "Finska", en: "Finnish"}}
            pages:
              - id: p
                title: {sv: "P", en: "P"}
                questions:
                  - name: language
                    type: select_one
                    choices: langs
                    label: {sv: "Hemspråk", en: "Home language"}
                  - name: submitted_at
                    type: date
                    label: {sv: "Inlämnat", en: "Handed in"}
                  - name: source
                    type: text
                    label: {sv: "Källa", en: "Source"}
                  - name: api_client
                    type: text
                    label: {sv: "System", en: "System"}

            """.write(toFile: path("meta.yaml"), atomically: true, encoding: .utf8)
        try "language,submitted_at,source,api_client\nfi,2025-03-01,press,\nsv,2025-04-02,,Excel\n".write(toFile: path("in.csv"), atomically: true, encoding: .utf8)
        for round in ["meta-a", "meta-b"] {
            let opened = try SamlaBinary.run(["round", "open", path("meta.yaml"), "--name", round, "--opens", "2025-01-01", "--closes", "2099-12-31", "--db", db])
            #expect(opened.status == 0, "\(opened.errors)")
        }
        let first = try SamlaBinary.run(["import", "--db", db, "--round", "meta-a", path("in.csv")])
        #expect(first.status == 0, "\(first.errors)")
        let store = try SQLiteStore(path: db)
        let round = try #require(try store.round(named: "meta-a"))
        let sent = try store.commit([.submitComplete(CompleteSubmission(
            round: "meta-a", definitionHash: round.definitionHash, language: "en", source: .api, apiClient: "crm.one",
            answers: ["language": .choice("sv"), "source": .text("web")], idempotency: nil, today: CalendarDate(year: 2025, month: 6, day: 1)!))])
        _ = try sent.results[0].get()
        let exported = try SamlaBinary.run(["export", "--db", db, "--round", "meta-a", "--out", path("a")])
        #expect(exported.status == 0, "\(exported.errors)")
        let again = try SamlaBinary.run(["import", "--db", db, "--round", "meta-b", path("a/responses.csv")])
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.errors.isEmpty)
        let second = try SamlaBinary.run(["export", "--db", db, "--round", "meta-b", "--out", path("b")])
        #expect(second.status == 0, "\(second.errors)")

        /// The rows of an export without the response numbers, which the import gives anew.
        func rows(_ folder: String) throws -> [String] {
            try String(contentsOfFile: path("\(folder)/responses.csv"), encoding: .utf8).split(separator: "\r\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().joined(separator: ",")
            }
        }
        let a = try rows("a")
        #expect(a.first == "response_language,response_submitted_at,response_source,response_api_client,language,submitted_at,source,api_client")
        /// The cells of each row from the answers on (after the four metadata columns).
        func answers(_ rows: [String]) -> [String] {
            rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).suffix(4).joined(separator: ",") }
        }
        #expect(answers(a) == ["fi,2025-03-01,press,", "sv,2025-04-02,,Excel", "sv,,web,"])
        /// How each response was collected and by which partner system.
        func modes(_ rows: [String]) -> [String] {
            rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2...3].joined(separator: ",") }
        }
        #expect(modes(a) == ["import,", "import,", "api,crm.one"])
        let b = try rows("b")
        #expect(b.first == a.first)
        #expect(answers(b) == answers(a))
        #expect(modes(b) == ["import,", "import,", "import,"], "imported, whatever the file said")
    }

    /// A decimal below 0.0001 is exported in plain notation (`0.00001`, not `1e-05`, which the
    /// import refuses), and a text that starts like a formula with an apostrophe that the import
    /// removes, so that the export imports into another round with the same answers.
    @Test func smallDecimalsAndFormulaLikeTextsImportAgainAsTheyWere() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        let survey = Self.root.appendingPathComponent("Tests/IntakeTests/Fixtures/import-test.yaml").path
        for round in ["small-a", "small-b"] {
            let opened = try SamlaBinary.run(["round", "open", survey, "--name", round, "--opens", "2025-01-01", "--closes", "2099-12-31", "--db", db])
            #expect(opened.status == 0, "\(opened.errors)")
        }
        try "org,share,legal_form,has_staff,voice_staff,voice_users\nA,0.00001,ek,no,1,2\n-B,-0.000012345,ek,no,1,2\n''=C,0.5,ek,no,1,2\n"
            .write(toFile: path("in.csv"), atomically: true, encoding: .utf8)
        #expect(try SamlaBinary.run(["import", "--db", db, "--round", "small-a", path("in.csv")]).status == 0)
        #expect(try SamlaBinary.run(["export", "--db", db, "--round", "small-a", "--out", path("a")]).status == 0)
        let again = try SamlaBinary.run(["import", "--db", db, "--round", "small-b", path("a/responses.csv")])
        #expect(again.status == 0, "\(again.errors)")
        #expect(try SamlaBinary.run(["export", "--db", db, "--round", "small-b", "--out", path("b")]).status == 0)
        /// The share column of an export.
        func shares(_ folder: String) throws -> [String] {
            try String(contentsOfFile: path("\(folder)/responses.csv"), encoding: .utf8).split(separator: "\r\n").dropFirst().map {
                String($0.split(separator: ",", omittingEmptySubsequences: false)[7])
            }
        }
        #expect(try shares("a") == ["0.00001", "-0.000012345", "0.5"])
        #expect(try shares("b") == shares("a"))
        // A text that starts like a formula is written with an apostrophe (`'-B`; `''=C` for the text
        // `'=C`, which reads like one already), and read back without it.
        let store = try SQLiteStore(path: db)
        #expect(try (1...6).map { try store.response(Int64($0))?.answers["org"] } == [.text("A"), .text("-B"), .text("'=C")] + [.text("A"), .text("-B"), .text("'=C")])
        let exported = try String(contentsOfFile: path("a/responses.csv"), encoding: .utf8)
        #expect(exported.contains(",'-B,") && exported.contains(",''=C,"))
    }

    /// An export for Excel in a Swedish locale (`--delimiter ";" --decimal-comma`) imports into
    /// another round with the same answers: the import finds the semicolons in the header and reads
    /// `0,5` as 0.5, so the second round exports what the first did.
    @Test func aSemicolonExportWithDecimalCommasImportsAgain() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        let survey = Self.root.appendingPathComponent("Tests/IntakeTests/Fixtures/import-test.yaml").path
        for round in ["excel-a", "excel-b"] {
            let opened = try SamlaBinary.run(["round", "open", survey, "--name", round, "--opens", "2025-01-01", "--closes", "2099-12-31", "--db", db])
            #expect(opened.status == 0, "\(opened.errors)")
        }
        try "org,share,legal_form,has_staff,voice_staff,voice_users\nA;B,0.00001,ek,no,1,2\n-B,-12.5,ek,no,1,2\nC,40,ek,no,1,2\n"
            .replacingOccurrences(of: "A;B", with: "\"A;B\"").write(toFile: path("in.csv"), atomically: true, encoding: .utf8)
        #expect(try SamlaBinary.run(["import", "--db", db, "--round", "excel-a", path("in.csv")]).status == 0)
        let excel = try SamlaBinary.run(["export", "--db", db, "--round", "excel-a", "--out", path("a"), "--delimiter", ";", "--decimal-comma"])
        #expect(excel.status == 0, "\(excel.errors)")
        let written = try String(contentsOfFile: path("a/responses.csv"), encoding: .utf8)
        #expect(written.drop { $0 == "\u{FEFF}" }.hasPrefix("response_id;language;submitted_at;source;api_client;org;founded;share;"))
        #expect(written.contains(";import;;\"A;B\";;0,00001;") && written.contains(";import;;'-B;;-12,5;") && written.contains(";import;;C;;40;"), "\(written)")
        let again = try SamlaBinary.run(["import", "--db", db, "--round", "excel-b", path("a/responses.csv")])
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.hasPrefix("imported 3 responses into excel-b"), "\(again.output)")
        for round in ["excel-a", "excel-b"] {
            #expect(try SamlaBinary.run(["export", "--db", db, "--round", round, "--out", path(round)]).status == 0)
        }
        /// The rows of a comma-separated export without the response numbers, which the import gives anew.
        func rows(_ folder: String) throws -> [Substring] {
            try String(contentsOfFile: path("\(folder)/responses.csv"), encoding: .utf8).split(separator: "\r\n").map {
                $0.drop { $0 != "," }
            }
        }
        #expect(try rows("excel-a").count == 4)
        #expect(try rows("excel-b") == rows("excel-a"))
        #expect(try rows("excel-a")[1].contains(",A;B,,0.00001,"))
    }

    /// The summary line counts complete and partial responses apart, imported and refused.
    @Test func theSummarySaysHowManyPartialResponsesWereImportedAndRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try openImportTestRound()
        try """
            status,org,legal_form,has_staff,staff,voice_staff,voice_users
            complete,A,ek,no,,1,2
            partial,B,,,,,
            partial,C,ek,yes,,,
            partial,D,ek,no,3,,
            ,E,xx,no,,1,2

            """.write(toFile: path("in.csv"), atomically: true, encoding: .utf8)
        let run = try SamlaBinary.run(["import", "--db", db, "--round", "test-2025", "--skip-invalid", path("in.csv")])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("\nimported 3 responses (1 complete, 2 partial) into test-2025: 5 rows read, 2 refused (1 of them partial) ("), "\(run.output)")
        #expect(run.errors.contains("row 4, column staff: there is an answer, but the question is not asked of this response"), "\(run.errors)")
    }

    /// A `--report` that would replace the file imported (or the database) refuses the import before
    /// a row is read: the summary says to choose another report, not to correct a file that is right.
    @Test func aReportPathThatWouldReplaceTheFileSaysToChooseAnotherReport() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try openImportTestRound()
        try "org,legal_form,has_staff,voice_staff,voice_users\nA,ek,no,1,2\n".write(toFile: path("in.csv"), atomically: true, encoding: .utf8)
        for report in [path("in.csv"), db] {
            let run = try SamlaBinary.run(["import", "--db", db, "--round", "test-2025", "--report", report, path("in.csv")])
            #expect(run.status == 1)
            #expect(run.errors.contains("error[E429]: the report would replace"), "\(run.errors)")
            #expect(run.output.contains("import refused: 0 rows read, 0 with errors, nothing imported ("), "\(run.output)")
            #expect(run.output.hasSuffix(" s); the file was not read: choose another --report file and import again\n"), "\(run.output)")
        }
    }

    /// A `--report` that cannot be made (its folder missing, a file in the way, a folder at its path) says why in plain
    /// words and what to do, as every command that writes a file does, and is checked before a row is
    /// read: the summary says to choose another report, not that every row was refused.
    @Test func anUnwritableReportSaysWhyAndWhatToDo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try openImportTestRound()
        try "org,legal_form,has_staff,voice_staff,voice_users\nA,ek,no,1,2\nB,xx,no,1,2\nC,ek,no,1,2\n".write(toFile: path("in.csv"), atomically: true, encoding: .utf8)
        try "notes\n".write(toFile: path("notes.txt"), atomically: true, encoding: .utf8)
        let cases = [
            (path("notes.txt") + "/refused.csv", UnwritableWords.fileInTheWay(path("notes.txt"), option: "--report")),
            (path("nowhere") + "/refused.csv", "the folder \(path("nowhere")) does not exist; make it first, or give --report a file in a folder that exists"),
            (path("reports"), UnwritableWords.folderInTheWay(path("reports"), option: "--report")),
        ]
        try FileManager.default.createDirectory(atPath: path("reports"), withIntermediateDirectories: true)
        for (report, reason) in cases {
            let run = try SamlaBinary.run(["import", "--db", db, "--round", "test-2025", "--skip-invalid", "--report", report, path("in.csv")])
            #expect(run.status == 1)
            #expect(run.errors == "\(report): error[E429]: the report cannot be written: \(reason)\n", "\(run.errors)")
            #expect(run.output.contains("import refused: 0 rows read, 0 with errors, nothing imported ("), "\(run.output)")
            #expect(run.output.hasSuffix(" s); the file was not read: choose another --report file and import again\n"), "\(run.output)")
        }
        let rounds = try SamlaBinary.run(["import", "list", "--round", "test-2025", "--db", db, "--format", "json"])
        #expect(rounds.status == 0 && !rounds.output.contains("in.csv"), "\(rounds.output)")
    }

    /// The ESEM round of the demo database, exported as a wide CSV file (codes, personal data, each
    /// multiple choice spread into option columns, `q__other` beside an other text), imports into a
    /// new round of the survey, and the new round exports to the same rows. With --include-partial,
    /// the partial web responses come back as partial responses: the same rows and statuses, and the
    /// framework's cleaning rules (completeness ≥ 80 % among them) keep and remove as many in the copy
    /// as in the original, with the same results.
    @Test func anExportOfTheDemoESEMRoundImportsIntoANewRoundAndExportsTheSame() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = try SamlaBinary.run(["demo", "--folder", path("demo")], in: Self.root)
        #expect(demo.status == 0, "\(demo.errors)")
        let db = path("demo/samla.sqlite")
        for round in ["esem-se-copy", "esem-se-copy-all", "esem-se-copy-nopii"] {
            let opened = try SamlaBinary.run(["round", "open", Self.esem, "--name", round, "--opens", "2025-01-01", "--closes", "2099-12-31", "--anonymous", "--db", db])
            #expect(opened.status == 0, "\(opened.errors)")
        }
        func export(_ round: String, to folder: String, _ options: [String] = []) throws {
            let run = try SamlaBinary.run(["export", "--db", db, "--round", round, "--out", path(folder), "--include-pii"] + options)
            #expect(run.status == 0, "\(run.errors)")
        }
        /// The rows of an export (header first) without the response numbers, which the import gives anew.
        func rows(_ folder: String) throws -> [[String]] {
            let text = try String(contentsOfFile: path("\(folder)/responses.csv"), encoding: .utf8)
            var rows: [[String]] = []
            // Splits at commas and CRLF outside quotes; a quoted cell keeps its quotes.
            var row: [String] = [], cell = "", quoted = false
            for character in text {
                if character == "\"" { quoted.toggle() }
                if !quoted && character == "," {
                    row.append(cell); cell = ""
                } else if !quoted && character == "\r\n" {
                    row.append(cell); cell = ""
                    rows.append(Array(row.dropFirst())); row = []
                } else {
                    cell.append(character)
                }
            }
            return rows
        }

        try export("esem-se-2025", to: "a")
        let a = try rows("a")
        #expect(a.count > 200)
        #expect(a[0].contains("barriers_finance_start") && a[0].contains("barriers__other") && a[0].contains("barriers_other") && !a[0].contains("barriers"))
        let imported = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-copy", path("a/responses.csv")])
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.hasPrefix("imported \(a.count - 1) responses into esem-se-copy"), "\(imported.output)")
        #expect(!imported.errors.contains("error"), "\(imported.errors)")
        try export("esem-se-copy", to: "b")
        let b = try rows("b")
        #expect(b[0] == a[0])
        #expect(b.count == a.count)
        for (index, row) in b.enumerated() where row != a[index] {
            Issue.record("row \(index) differs: \(zip(a[0], zip(a[index], row)).filter { $0.1.0 != $0.1.1 })")
            break
        }

        try export("esem-se-2025", to: "a-all", ["--include-partial"])
        let all = try rows("a-all")
        let status = try #require(all[0].firstIndex(of: "status"))
        let partial = all.filter { $0[status] == "partial" }.count
        #expect(partial > 0, "the demo round has unfinished responses")
        let withPartial = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-copy-all", path("a-all/responses.csv")])
        #expect(withPartial.status == 0, "\(withPartial.errors)")
        #expect(!withPartial.errors.contains("error"), "\(withPartial.errors)")
        #expect(withPartial.output.hasPrefix(
            "imported \(all.count - 1) responses (\(a.count - 1) complete, \(partial) partial) into esem-se-copy-all: \(all.count - 1) rows read ("),
            "\(withPartial.output)")
        try export("esem-se-copy-all", to: "b-all", ["--include-partial"])
        let bAll = try rows("b-all")
        #expect(bAll.count == all.count)
        // The demo's complete responses were imported and its partial ones begun on the web; every
        // response of the copy was imported, whatever the file said.
        let source = try #require(all[0].firstIndex(of: "source"))
        #expect(Set(all.dropFirst().map { $0[source] }) == ["import", "web"])
        #expect(Set(bAll.dropFirst().map { $0[source] }) == ["import"])
        func withoutSource(_ row: [String]) -> [String] { row.enumerated().filter { $0.offset != source }.map(\.element) }
        for (index, row) in bAll.enumerated() where withoutSource(row) != withoutSource(all[index]) {
            Issue.record("row \(index) differs: \(zip(all[0], zip(all[index], row)).filter { $0.1.0 != $0.1.1 })")
            break
        }
        // Without --include-partial the copy exports its complete responses only, as the original.
        try export("esem-se-copy-all", to: "b-complete")
        #expect(try rows("b-complete") == a)
        try expectTheSameCleaningAndResults(original: "esem-se-2025", copy: "esem-se-copy-all", db: db)

        // Without --include-pii the personal columns are missing: said once (W423), and the rows
        // that must answer org_name and contact_email are refused for them alone.
        let withoutPII = try SamlaBinary.run(["export", "--db", db, "--round", "esem-se-2025", "--out", path("a-nopii")])
        #expect(withoutPII.status == 0, "\(withoutPII.errors)")
        let refused = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-copy-nopii", path("a-nopii/responses.csv")])
        #expect(refused.status == 1)
        #expect(refused.errors.contains(":1:1: warning[W423]: the file has no column for the personal questions org_name, org_number, contact_name, contact_email, comments, as an export without --include-pii leaves them out"), "\(refused.errors)")
        #expect(refused.output.contains("errors by code: E412 ") && refused.output.contains(" org_name ") && refused.output.contains(" contact_email "), "\(refused.output)")
    }

    /// Computes msi-toc over round `original` and its imported `copy` (put in the framework in the
    /// place of esem-se-2027) and expects both to be cleaned alike (read, partial, removed by each
    /// rule, kept) and to give the same figures.
    func expectTheSameCleaningAndResults(original: String, copy: String, db: String) throws {
        let frameworks = folder.appendingPathComponent("frameworks"), surveys = folder.appendingPathComponent("surveys")
        try FileManager.default.createDirectory(at: frameworks, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("surveys"), to: surveys)
        let framework = frameworks.appendingPathComponent("msi-toc.yaml")
        try String(contentsOf: Self.root.appendingPathComponent("frameworks/msi-toc.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "esem-se-2027", with: copy).write(to: framework, atomically: true, encoding: .utf8)
        let computed = try SamlaBinary.run(["compute", "--db", db, "--framework", framework.path, "--round", original, "--round", copy, "--format", "json"])
        #expect(computed.status == 0, "\(computed.errors)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(computed.output.utf8)) as? [String: Any])
        let cleaning = try #require(results["cleaning"] as? [[String: Any]])
        /// A round's cleaning: responses read, partial among them, removed per rule, kept.
        func counts(_ round: String) throws -> [String] {
            let log = try #require(cleaning.first { $0["round"] as? String == round })
            let rules = (log["rules"] as? [[String: Any]] ?? []).map { "\($0["rule"] ?? "") \($0["count"] ?? "")" }
            return ["read \(log["read"] ?? "")", "partial \(log["partial"] ?? "")"] + rules + ["kept \(log["kept"] ?? "")"]
        }
        let originalCounts = try counts(original)
        #expect(originalCounts.contains { $0.hasPrefix("completeness ") && $0 != "completeness 0" }, "\(originalCounts)")
        #expect(!originalCounts.contains("partial 0"), "\(originalCounts)")
        #expect(try counts(copy) == originalCounts)
        /// A round's result rows without the round and what compares it with others (change, target, status).
        func figures(_ round: String) -> [[String]] {
            (results["rows"] as? [[String: String]] ?? []).filter { $0["round"] == round }.map { row in
                ["indicator", "breakdown", "group", "n", "estimate", "se", "ci_low", "ci_high", "suppressed"].map { row[$0] ?? "" }
            }
        }
        #expect(!figures(original).isEmpty)
        #expect(figures(copy) == figures(original))
    }

    @Test func generatedResponsesImportAndABadFileIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        try openRound(db)
        let generated = try SamlaBinary.run(["generate", Self.esem, "--rows", "300", "--seed", "9", "--out", path("esem.csv")])
        #expect(generated.status == 0, "\(generated.errors)")

        let imported = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", path("esem.csv")])
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.hasPrefix("imported 300 responses into esem-se-2025: 300 rows read"))
        #expect(imported.errors.isEmpty)

        // A file of another survey: every column but the shared ones is unknown; nothing is written.
        let refused = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", "--limit", "3", Self.badCells])
        #expect(refused.status == 1)
        #expect(refused.errors.split(separator: "\n").count == 3)
        #expect(refused.errors.contains("\(Self.badCells):1:1: error[E420]: column org is not a variable of survey esem-se; the round reads answers with the definition it was opened with (version 2025.1): a question added to the definition file since is taken once the round is opened again with the file (samla round open FILE --name ROUND)"))
        #expect(refused.output.contains("errors by code: "))
        #expect(refused.output.contains("import refused: 19 rows read"))
        // With --skip-invalid and no valid row, nothing is imported, and --skip-invalid is not suggested again.
        let noneValid = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", "--skip-invalid", "--report", path("none-valid.csv"), Self.badCells])
        #expect(noneValid.status == 1)
        #expect(noneValid.output.contains("import refused: 19 rows read, 19 with errors, nothing imported ("), "\(noneValid.output)")
        #expect(noneValid.output.contains("); every row was refused, so --skip-invalid left none to import; correct the rows and import again\n"), "\(noneValid.output)")
        #expect(!noneValid.output.contains("or use --skip-invalid"), "\(noneValid.output)")
        // With --skip-invalid the refused rows are listed next to the file by default.
        let mixed = path("mixed.csv")
        let text = try String(contentsOfFile: path("esem.csv"), encoding: .utf8)
        try (text + "sv,,yes,founder,,yes,11,11" + String(repeating: ",", count: text.split(separator: "\r\n")[0].split(separator: ",").count - 8) + "\r\n")
            .write(toFile: mixed, atomically: true, encoding: .utf8)
        let skipped = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", "--skip-invalid", mixed])
        #expect(skipped.status == 0, "\(skipped.errors)")
        #expect(skipped.output.contains("imported 300 responses into esem-se-2025: 301 rows read, 1 refused"))
        #expect(skipped.output.contains("refused rows are listed in \(path("mixed-refused.csv"))"))
        // Correcting the refused row in the same file and importing it again would store the 300 a second time.
        #expect(skipped.output.hasSuffix("refused rows are listed in \(path("mixed-refused.csv"))\n"
            + "to import the refused rows, correct them in a file of their own: the whole file imported again would add the 300 responses imported now "
            + "a second time (or take this import back first, as above, and import the corrected whole file)\n"), "\(skipped.output)")
        let report = try String(contentsOfFile: path("mixed-refused.csv"), encoding: .utf8)
        #expect(report.contains("301,302,prio_fin,11,E411,"))

        let list = try SamlaBinary.run(["round", "list", "--db", db])
        #expect(list.output.contains("600"))
    }

    /// The same file twice: the second import is refused with E431 and adds nothing; `--again`
    /// imports it; the same bytes under another name are the same file. Each import that stored
    /// responses names its id and the command that takes it back; a refused one names none.
    @Test func aFileImportedBeforeIsRefusedUnlessAgain() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        try openRound(db)
        let generated = try SamlaBinary.run(["generate", Self.esem, "--rows", "20", "--seed", "4", "--out", path("esem.csv")])
        #expect(generated.status == 0, "\(generated.errors)")
        func complete() throws -> Int { try SQLiteStore(path: db).roundSummaries().first?.complete ?? -1 }

        let first = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", path("esem.csv")])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.hasSuffix(" rows/s)\nimport 1 of round esem-se-2025: `samla import undo --round esem-se-2025 --id 1` takes it back\n"), "\(first.output)")
        #expect(try complete() == 20)

        let second = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", path("esem.csv")])
        #expect(second.status == 1)
        #expect(second.errors.contains("\(path("esem.csv")): error[E431]: this file was imported into round esem-se-2025 already: esem.csv on "))
        #expect(second.errors.contains(" UTC, 20 responses; nothing was imported. To import it again all the same, add --again"))
        #expect(second.output.contains("errors by code: E431 1\n"))
        #expect(second.output.contains("import refused: 0 rows read, 0 with errors, nothing imported"))
        #expect(!second.output.contains("correct the file"), "the file is right; it was imported before")
        #expect(!second.output.contains("import undo"), "nothing was imported to take back")
        #expect(try complete() == 20)

        try FileManager.default.copyItem(atPath: path("esem.csv"), toPath: path("renamed.csv"))
        let renamed = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", path("renamed.csv")])
        #expect(renamed.status == 1)
        #expect(renamed.errors.contains("error[E431]: this file was imported into round esem-se-2025 already: esem.csv (the same bytes under another name) on "))
        #expect(try complete() == 20)

        let again = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", "--again", path("renamed.csv")])
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output.hasPrefix("imported 20 responses into esem-se-2025: 20 rows read"))
        #expect(again.output.contains("\nimport 2 of round esem-se-2025: `samla import undo --round esem-se-2025 --id 2` takes it back\n"), "\(again.output)")
        #expect(try complete() == 40)

        let help = try SamlaBinary.run(["import", "--help"])
        #expect(help.output.contains("--again"))
    }

    /// Problems of the whole file or of a whole row are reported and counted by code, but the
    /// totals by column leave them out rather than list them under a made-up column.
    @Test func theSummaryCountsByColumnOnlyProblemsThatHaveAColumn() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        try openRound(db)
        let unknownRound = try SamlaBinary.run(["import", "--db", db, "--round", "nope", "/dev/null"])
        #expect(unknownRound.status == 1)
        #expect(unknownRound.errors.contains("error[E441]: there is no round nope"))
        #expect(unknownRound.output.contains("errors by code: E441 1\n"))
        #expect(!unknownRound.output.contains("errors by column"), "\(unknownRound.output)")
        #expect(unknownRound.output.contains("import refused: 0 rows read"))
        #expect(unknownRound.output.hasSuffix(
            "; the file was not read: give --round a round of the database (samla round list shows them) and import again\n"),
            "the file is not to blame: \(unknownRound.output)")

        let generated = try SamlaBinary.run(["generate", Self.esem, "--rows", "2", "--seed", "9", "--out", path("esem.csv")])
        #expect(generated.status == 0, "\(generated.errors)")
        let text = try String(contentsOfFile: path("esem.csv"), encoding: .utf8)
        let columns = text.split(separator: "\r\n")[0].split(separator: ",").count
        let rows = text + "sv,,yes,founder,,yes,11,11" + String(repeating: ",", count: columns - 8) + "\r\n" + "sv,yes\r\n"
        try rows.write(toFile: path("rows.csv"), atomically: true, encoding: .utf8)
        let refused = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", path("rows.csv")])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("error[E423]: row 4: the row has 2 fields but the header has \(columns)"))
        #expect(refused.output.contains("E423 1"))
        let byColumn = try #require(refused.output.split(separator: "\n").first { $0.hasPrefix("errors by column: ") })
        #expect(byColumn.contains("prio_fin 1"))
        #expect(!byColumn.contains("- "), "\(byColumn)")
    }

    /// `--limit` cuts the list, never the totals: the JSON's `errors` counts every error, as the
    /// text summary does (docs/import.md).
    @Test func theJSONTotalsCountTheErrorsBeyondTheLimit() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        try openRound(db)
        struct Document: Decodable {
            struct Entry: Decodable { var code: String }
            var diagnostics: [Entry]
            var errors: Int
        }
        func json(_ extra: [String]) throws -> Document {
            let run = try SamlaBinary.run(["import", "--db", db, "--round", "esem-se-2025", "--format", "json"] + extra + [Self.badCells])
            #expect(run.status == 1)
            return try JSONDecoder().decode(Document.self, from: Data(run.output.utf8))
        }
        let all = try json([])
        #expect(all.errors == all.diagnostics.count)
        #expect(all.errors > 3)
        let limited = try json(["--limit", "3"])
        #expect(limited.diagnostics.count == 3)
        #expect(limited.errors == all.errors)
    }

    @Test func usageErrorsExitWithTwo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let missingRound = try SamlaBinary.run(["import", path("x.csv")])
        #expect(missingRound.status == 2)
        let badLimit = try SamlaBinary.run(["import", "--round", "r", "--limit=-1", path("x.csv")])
        #expect(badLimit.status == 2)
    }

    /// Rows dated outside the round are imported, with one warning per side whose days are those
    /// of the local time zone (`TZ`): at UTC+14, 2026-09-30T10:00Z is already the round's first day.
    /// A time years ahead refuses the file (exit 1).
    @Test func rowsDatedOutsideTheRoundAreImportedWithAWarning() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = path("samla.sqlite")
        let survey = Self.root.appendingPathComponent("Tests/IntakeTests/Fixtures/import-test.yaml").path
        let zone = ["TZ": "Pacific/Kiritimati"]
        let opened = try SamlaBinary.run(
            ["round", "open", survey, "--name", "dates-2026", "--opens", "2026-10-01", "--closes", "2026-10-31", "--anonymous", "--db", db], environment: zone)
        #expect(opened.status == 0, "\(opened.errors)")
        let header = "language,submitted_at,org,founded,share,active,started,email,legal_form,legal_form_other,has_staff,staff,sdg,voice_staff,voice_users,women\n"
        let rows = ["2026-09-30T10:00:00Z", "2025-10-12", "2026-11-02"].map { "sv,\($0),Kafé,1990,,ja,,,ek,,no,,,3,2,\n" }.joined()
        try (header + rows).write(toFile: path("paper.csv"), atomically: true, encoding: .utf8)
        let imported = try SamlaBinary.run(["import", "--db", db, "--round", "dates-2026", path("paper.csv")], environment: zone)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.contains("imported 3 responses into dates-2026: 3 rows read"), "\(imported.output)")
        let lines = imported.errors.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(imported.errors)")
        #expect(lines.first?.hasPrefix("\(path("paper.csv")): warning[W425]: 1 imported row has a submitted_at before round dates-2026 opens "
            + "(2026-10-01 to 2026-10-31, both days included, in the time zone Pacific/Kiritimati): row 2 (2025-10-12). ") == true, "\(imported.errors)")
        #expect(lines.last?.hasPrefix("\(path("paper.csv")): warning[W426]: 1 imported row has a submitted_at after round dates-2026 closes "
            + "(2026-10-01 to 2026-10-31, both days included, in the time zone Pacific/Kiritimati): row 3 (2026-11-02). ") == true, "\(imported.errors)")

        try (header + "sv,2099-01-01,Kafé,1990,,ja,,,ek,,no,,,3,2,\n").write(toFile: path("future.csv"), atomically: true, encoding: .utf8)
        let future = try SamlaBinary.run(["import", "--db", db, "--round", "dates-2026", path("future.csv")], environment: zone)
        #expect(future.status == 1)
        #expect(future.errors.contains("\(path("future.csv")):2: error[E496]: row 1, column submitted_at: “2099-01-01” is more than a day after the time of the import ("),
                "\(future.errors)")
    }
}
