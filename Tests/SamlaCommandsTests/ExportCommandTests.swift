import Foundation
import Testing

/// `samla export`, run as the built binary on a database that `samla bench` fills.
@Suite struct ExportCommandTests {
    /// The repository root, where `samla bench` finds the shipped survey and framework.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    final class Workspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-export-cli-\(UUID().uuidString)")
        var db: String { folder.appendingPathComponent("db.sqlite").path }
        func out(_ name: String) -> String { folder.appendingPathComponent(name).path }

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let bench = try SamlaBinary.run([
                "bench", "--responses", "40", "--db", db,
                "--survey", ExportCommandTests.root.appendingPathComponent("surveys/esem-se.yaml").path,
                "--framework", ExportCommandTests.root.appendingPathComponent("frameworks/msi-toc.yaml").path,
            ])
            precondition(bench.status == 0, bench.errors)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    /// An output path through a file, or in a folder of the system's own (`/proc`, where Foundation
    /// said only "The operation could not be completed. The file doesn't exist."), says why in
    /// plain words and what to do: export's folder and compute's cleaning log alike.
    @Test func anUnwritableOutputSaysWhyAndWhatToDo() throws {
        let workspace = try Workspace()
        let notes = workspace.out("notes.txt")
        try "notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        var cases = [(notes + "/export", notes + "/log.csv", UnwritableWords.fileInTheWay(notes, option: "OPTION"))]
        if UnwritableWords.systemFoldersKnown {
            cases.append(("/proc/samla-export", "/proc/samla-log.csv", UnwritableWords.systemFolder(option: "OPTION")))
        }
        for (folder, log, reason) in cases {
            let export = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", folder])
            #expect(export.status == 1)
            #expect(export.errors == "\(folder): error[E602]: cannot write here: \(reason.replacingOccurrences(of: "OPTION", with: "--out")); nothing was exported\n")
            let compute = try SamlaBinary.run([
                "compute", "--db", workspace.db, "--framework", Self.root.appendingPathComponent("frameworks/msi-toc.yaml").path, "--cleaning-log", log,
            ])
            #expect(compute.status == 1)
            #expect(compute.errors.hasSuffix(
                "\(log): error[E467]: the cleaning log cannot be written: \(reason.replacingOccurrences(of: "OPTION", with: "--cleaning-log"))\n"), "\(compute.errors)")
        }
    }

    @Test func exportsTheFilesAndRefusesToReplaceThem() throws {
        let workspace = try Workspace()
        let run = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("a")])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("exported 20 responses of round esem-se-2025 to \(workspace.out("a")):\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.out("a")).sorted()
        #expect(files == ["codebook.csv", "codebook.md", "datapackage.json", "provenance.json", "responses.csv", "responses.sps"])
        let again = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("a")])
        #expect(again.status == 1)
        #expect(again.errors.contains("error[E601]: the file exists already"))
        let replaced = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("a"), "--overwrite"])
        #expect(replaced.status == 0)
    }

    /// The SPSS syntax file comes with the wide file with codes; the long and labelled forms say why they have none.
    @Test func theSPSSSyntaxComesWithTheWideFileWithCodes() throws {
        let workspace = try Workspace()
        let wide = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("wide")])
        #expect(wide.status == 0, "\(wide.errors)")
        #expect(wide.output.contains("\n  responses.sps\n") && !wide.output.contains("note: no SPSS syntax"))
        let syntax = try String(contentsOfFile: workspace.out("wide") + "/responses.sps", encoding: .utf8)
        #expect(syntax.contains("GET DATA /TYPE=TXT\n  /FILE='responses.csv'\n  /ENCODING='UTF8'"))
        #expect(syntax.contains("SAVE OUTFILE='responses.sav'."))
        for form in [["--format", "long"], ["--labels"]] {
            let run = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out(form[0])] + form)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.hasSuffix("note: no SPSS syntax file (responses.sps): it reads the wide file with codes; export without --format long and --labels for one\n"))
            #expect(!FileManager.default.fileExists(atPath: workspace.out(form[0]) + "/responses.sps"))
        }
    }

    /// Without --lang a partner package, its codebook and its results are in English, which Euclid's
    /// partners share; the organisation's own export stays in the survey's first language, Swedish.
    @Test func aPartnerPackageIsInEnglishByDefault() throws {
        let workspace = try Workspace()
        let run = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("euclid"), "--profile", "euclid",
            "--framework", Self.root.appendingPathComponent("frameworks/msi-toc.yaml").path,
        ])
        #expect(run.status == 0, "\(run.errors)")
        let codebook = try String(contentsOfFile: workspace.out("euclid") + "/codebook.md", encoding: .utf8)
        #expect(codebook.hasPrefix("# Codebook: "), "\(codebook.prefix(200))")
        let results = try String(contentsOfFile: workspace.out("euclid") + "/results.csv", encoding: .utf8)
        #expect(results.contains("\r\nesem_valid_n,esem_monitor,esem-se-2025,,Total,"), "\(results.prefix(600))")
        // Every column has a text of its own, not its variable's name (the calculations country and size_class had none).
        let package = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.out("euclid") + "/datapackage.json"))) as? [String: Any])
        let fields = try #require(((package["resources"] as? [[String: Any]])?.first?["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        for field in fields { #expect((field["title"] as? String)?.contains(" ") == true, "\(field["name"] ?? "") is titled \(field["title"] ?? "")") }
        let own = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("own")])
        #expect(own.status == 0, "\(own.errors)")
        #expect(try String(contentsOfFile: workspace.out("own") + "/codebook.md", encoding: .utf8).hasPrefix("# Kodbok: "))
    }

    @Test func aPartnerExportWithAFrameworkShipsResultsAndTheCleaningLog() throws {
        let workspace = try Workspace()
        let run = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("euclid"), "--profile", "euclid", "--lang", "sv",
            "--framework", Self.root.appendingPathComponent("frameworks/msi-toc.yaml").path,
        ])
        #expect(run.status == 0, "\(run.errors)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: workspace.out("euclid")))
        #expect(files.isSuperset(of: ["results.csv", "cleaning-log.csv", "provenance.json"]))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: workspace.out("euclid") + "/responses.csv")))
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        // msi-toc's ESEM cleaning judges completeness, so the figures' partial responses are rows too, with their status.
        #expect(String(decoding: bytes.dropFirst(3).prefix(60), as: UTF8.self).hasPrefix("respondent_id,language,source,status,ESEM_"))

        // A count is published without an interval, and its row says why with a code the schema allows.
        let results = try String(contentsOfFile: workspace.out("euclid") + "/results.csv", encoding: .utf8)
        #expect(results.contains(",note,interval_note,change_note\r\n"), "\(results.prefix(300))")
        #expect(results.contains("\r\nesem_valid_n,esem_monitor,esem-se-2025,,Totalt,"), "\(results)")
        let count = try #require(results.split(separator: "\r\n").first { $0.hasPrefix("esem_valid_n,esem_monitor,esem-se-2025,,Totalt,") })
        #expect(count.hasSuffix(",descriptive-tally,"), "\(count)")
        let package = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.out("euclid") + "/datapackage.json"))) as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        let schema = try #require(resources.first { $0["name"] as? String == "results" }?["schema"] as? [String: Any])
        let fields = try #require(schema["fields"] as? [[String: Any]])
        #expect(fields.suffix(2).map { $0["name"] as? String } == ["interval_note", "change_note"])
        // Each group by its code beside its label, named as the partner data names them: imm_share's
        // legal forms by the column ESEM_LEGALFORM and their export_as codes; the total without one.
        #expect(fields.map { $0["name"] as? String }[3...6] == ["breakdown", "group", "group_code", "n"])
        #expect((fields[5]["description"] as? String)?.hasPrefix("Gruppens kod som datafilen och kodboken skriver den") == true, "\(fields[5])")
        #expect(results.contains("\r\nimm_share,impact_practice,esem-se-2025,ESEM_LEGALFORM,Aktiebolag,company,"), "\(results)")
        let codebook = try String(contentsOfFile: workspace.out("euclid") + "/codebook.csv", encoding: .utf8)
        #expect(codebook.contains("ESEM_LEGALFORM") && codebook.contains("company, Aktiebolag"), "the codebook names the column and code alike: \(codebook.prefix(400))")
        #expect(results.contains("\r\nimm_share,impact_practice,esem-se-2025,,Totalt,,"), "\(results)")
        for field in fields.suffix(2) {
            let codes = try #require((field["constraints"] as? [String: Any])?["enum"] as? [String])
            #expect(Set(["descriptive-tally", "share-at-one", "proportion-at-boundary", "reported-value"]).isSubset(of: codes), "\(codes)")
        }
    }

    /// For Excel in a Swedish locale every CSV file of the export is semicolon-separated, the
    /// results with decimal commas as the data: `results.csv`, `cleaning-log.csv` and the codebook too.
    @Test func anExcelExportWritesSemicolonsAndDecimalCommasInEveryCSVFile() throws {
        let workspace = try Workspace()
        let run = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("excel"), "--delimiter", ";", "--decimal-comma",
            "--framework", Self.root.appendingPathComponent("frameworks/msi-toc.yaml").path,
        ])
        #expect(run.status == 0, "\(run.errors)")
        func firstLine(_ file: String) throws -> String {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: workspace.out("excel") + "/" + file)))
            return String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")[0]
        }
        #expect(try firstLine("responses.csv").hasPrefix("response_id;language;submitted_at;source;api_client;status;consent;"))
        #expect(try firstLine("codebook.csv").hasPrefix("column;variable;question;"))
        #expect(try firstLine("cleaning-log.csv") == "round;rule;description;response_id")
        #expect(try firstLine("results.csv").hasPrefix("indicator;node;round;breakdown;group;group_code;n;estimate;se;"))
        let results = try String(contentsOfFile: workspace.out("excel") + "/results.csv", encoding: .utf8)
        // The estimates and standard errors (no text in them holds a ";").
        let numbers = results.split(separator: "\r\n").dropFirst().flatMap { $0.split(separator: ";", omittingEmptySubsequences: false)[7...8] }
        #expect(numbers.contains { $0.contains(",") } && !numbers.contains { $0.contains(".") }, "\(results)")
    }

    /// A workspace whose folder `x` holds an export of esem-se-2025 with msi-toc's results and `options`.
    static func exportWithMSIToc(_ options: [String]) throws -> Workspace {
        let workspace = try Workspace()
        let run = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("x"),
            "--framework", root.appendingPathComponent("frameworks/msi-toc.yaml").path,
        ] + options)
        #expect(run.status == 0, "\(run.errors)")
        return workspace
    }

    /// The cleaning rules are described in the export's language (Swedish by default, as the survey's first).
    @Test(arguments: [
        ([], ["minst 80\u{00A0}% av de frågor som gällde svaret besvarade", "samma org_name och contact_email som ett tidigare svar"]),
        (["--lang", "en"], ["at least 80% of the questions that applied answered", "the same org_name and contact_email as an earlier response"]),
    ])
    func theCleaningRulesAreDescribedInTheExportsLanguage(options: [String], descriptions: [String]) throws {
        let workspace = try Self.exportWithMSIToc(options)
        let provenance = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.out("x") + "/provenance.json"))) as? [String: Any])
        let rules = try #require((provenance["cleaning"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["rule"] as? String } == ["test", "completeness", "duplicate", "eligibility"])
        #expect(rules.compactMap { $0["description"] as? String }.dropFirst().dropLast() == descriptions[...])
    }

    /// `results.csv`'s schema says what the design effect and Kish's effective sample size are, in
    /// the export's language, as it says what the interval notes are.
    @Test(arguments: [
        ([], ["deff": "Designeffekten (som R:s deff)", "n_effective": "Kishs effektiva urvalsstorlek", "interval_note": "Varför en publicerad skattning"]),
        (["--lang", "en"], ["deff": "The design effect (as R's deff)", "n_effective": "Kish's effective sample size", "interval_note": "Why a published estimate"]),
    ])
    func theResultsSchemaDescribesTheDesignEffectInTheExportsLanguage(options: [String], beginnings: [String: String]) throws {
        let workspace = try Self.exportWithMSIToc(options)
        let package = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.out("x") + "/datapackage.json"))) as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        let fields = try #require((resources.first { $0["name"] as? String == "results" }?["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        for (name, beginning) in beginnings {
            let field = try #require(fields.first { $0["name"] as? String == name }, "\(name)")
            #expect((field["description"] as? String)?.hasPrefix(beginning) == true, "\(name): \(field)")
        }
        for name in ["deff", "n_effective"] {
            #expect(fields.first { $0["name"] as? String == name }?["type"] as? String == "number")
        }
    }

    /// A folder named by one character, relative to the working folder: Foundation's
    /// deletingLastPathComponent crashed the export on it.
    @Test func anOutputFolderOfOneCharacterIsMade() throws {
        let workspace = try Workspace()
        let run = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", "a"], in: workspace.folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(FileManager.default.fileExists(atPath: workspace.out("a/responses.csv")))
        let nested = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", "b/c/"], in: workspace.folder)
        #expect(nested.status == 0, "\(nested.errors)")
        #expect(FileManager.default.fileExists(atPath: workspace.out("b/c/responses.csv")))
    }

    @Test func personalDataCannotBeAskedForInAPartnerExport() throws {
        let workspace = try Workspace()
        let run = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("x"), "--profile", "euclid", "--include-pii",
        ])
        #expect(run.status == 2)
        #expect(run.errors.contains("--include-pii cannot be combined with --profile"))
        #expect(!FileManager.default.fileExists(atPath: workspace.out("x")))
    }

    /// `--decimal-comma` goes with `--delimiter ";"` only, and neither with a partner profile, whose
    /// package stays comma-separated for partners' tools; `--delimiter` takes what `generate` takes.
    @Test(arguments: [
        (["--decimal-comma"], "--decimal-comma needs --delimiter \";\""),
        (["--delimiter", ";", "--profile", "euclid"], "cannot be combined with --profile: a partner package is comma-separated"),
        (["--delimiter", ",", "--decimal-comma", "--profile", "euclid"], "--decimal-comma needs --delimiter \";\""),
        (["--delimiter", "|"], "The value '|' is invalid for '--delimiter <char>'"),
    ])
    func excelOptionsThatDoNotFitAreUsageErrors(options: [String], message: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("samla-export-usage-\(UUID().uuidString)").path
        let run = try SamlaBinary.run(["export", "--db", out + ".sqlite", "--round", "esem-se-2025", "--out", out] + options)
        #expect(run.status == 2)
        #expect(run.errors.contains(message), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func freeTextIsAPartnerExportsOptionOnly() throws {
        let workspace = try Workspace()
        let run = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("x"), "--include-free-text",
        ])
        #expect(run.status == 2)
        #expect(run.errors.contains("--include-free-text needs --profile"))
        let partner = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("y"), "--profile", "euclid"])
        #expect(partner.status == 0, "\(partner.errors)")
        let header = try String(contentsOfFile: workspace.out("y") + "/responses.csv", encoding: .utf8).prefix { $0 != "\r" }
        #expect(header.contains("ESEM_BARRIERS__OTHER") && !header.contains("ESEM_BARRIERS_OTHER"))
    }

    /// `--k-anonymity` is a partner export's option; the warning says what was blanked, and the
    /// package holds disclosure.csv; k = 1 blanks nothing and says nothing; k = 0 is refused.
    @Test func kAnonymityIsAPartnerExportsOption() throws {
        let workspace = try Workspace()
        let standard = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("x"), "--k-anonymity", "5"])
        #expect(standard.status == 2)
        #expect(standard.errors.contains("--k-anonymity needs --profile"), "\(standard.errors)")
        let partner = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("y"), "--profile", "euclid"])
        #expect(partner.status == 0, "\(partner.errors)")
        #expect(partner.output.hasPrefix("note: no cleaning rules applied; give --framework to export the cleaned set and its results\n"), "\(partner.output)")
        #expect(partner.errors.contains("/disclosure.csv: warning[W601]: to make every combination of quasi-identifiers shared by at least 3 rows"), "\(partner.errors)")
        #expect(partner.output.contains("  disclosure.csv\n"))
        let kept = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("v"), "--profile", "euclid",
            "--suppress-last", "ESEM_SECTOR", "ESEM_LEGALFORM",
        ])
        #expect(kept.status == 0, "\(kept.errors)")
        #expect(try String(contentsOfFile: workspace.out("v") + "/disclosure.csv", encoding: .utf8).contains("ESEM_SECTOR,sector,3,6,"))
        let lastWithoutProfile = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("u"), "--suppress-last", "ESEM_SECTOR"])
        #expect(lastWithoutProfile.status == 2)
        #expect(lastWithoutProfile.errors.contains("--suppress-last needs --profile"), "\(lastWithoutProfile.errors)")
        let none = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("z"), "--profile", "euclid", "--k-anonymity", "1",
        ])
        #expect(none.status == 0 && !none.errors.contains("W601"), "\(none.errors)")
        let zero = try SamlaBinary.run([
            "export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("w"), "--profile", "euclid", "--k-anonymity", "0",
        ])
        #expect(zero.status == 1)
        #expect(zero.errors.hasPrefix("field --k-anonymity: error[E607]: k must be a whole number of at least 1"), "\(zero.errors)")
        #expect(zero.output.isEmpty, "a refusal prints no note about the export it did not make: \(zero.output)")
        #expect(!FileManager.default.fileExists(atPath: workspace.out("w")))
    }

    @Test func refusalsNameTheProblem() throws {
        let workspace = try Workspace()
        let language = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2025", "--out", workspace.out("x"), "--labels", "--lang", "de"])
        #expect(language.status == 1)
        #expect(language.errors.contains("error[E600]: the survey is written in sv and en, not 'de'"))
        let round = try SamlaBinary.run(["export", "--db", workspace.db, "--round", "esem-se-2052", "--out", workspace.out("x")])
        #expect(round.status == 1)
        #expect(round.errors.contains("there is no round esem-se-2052 (did you mean esem-se-2025?)"))
    }
}
