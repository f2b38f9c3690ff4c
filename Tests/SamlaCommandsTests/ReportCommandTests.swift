import Foundation
import Store
import Testing

/// `samla demo`, `samla report` and `samla validate` on report definitions, run as the built binary.
@Suite struct ReportCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let reportFixtures = root.appendingPathComponent("Tests/ReportsTests/Fixtures")

    final class Workspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-report-cli-\(UUID().uuidString)")
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func theDemoWritesBothReportsAndTheEuclidPackageAndSaysHowToOpenThem() throws {
        let workspace = try Workspace()
        let demo = try SamlaBinary.run(["demo", "--folder", workspace.path("demo")], in: Self.root)
        #expect(demo.status == 0, "\(demo.errors)")
        // The one warning: the partner package's disclosure control says what it blanked.
        #expect(demo.errors.split(separator: "\n").map { $0.contains("/euclid-esem-se-2025/disclosure.csv: warning[W601]: ") } == [true], "\(demo.errors)")
        #expect(demo.output.contains("round esem-se-2025: "))
        #expect(demo.output.contains("round forum-2025: "))
        #expect(demo.output.contains("round esem-se-2027: "))
        #expect(demo.output.contains("cleaning esem-se-2025: 320 read, removed test "))
        // Every response, the unfinished ones too, was begun on a day of its round: the unfinished
        // ones were stamped with the time the demo ran, which the admin pages then charted as
        // responses begun that day, months after esem-se-2025 closed and before esem-se-2027 opens.
        let store = try SQLiteStore(path: workspace.path("demo/samla.sqlite"))
        for summary in try store.roundSummaries() {
            let round = summary.round
            let days = try store.dailyActivity(round: round.name).map(\.day)
            #expect(!days.isEmpty && days.allSatisfy { $0 >= round.opens.description && $0 <= round.closes.description },
                    "\(round.name), \(round.opens) to \(round.closes): \(days.filter { $0 < round.opens.description || $0 > round.closes.description })")
        }
        for file in ["msi-impact.html", "esem-se-topline.html", "msi-toc-results.csv", "euclid-esem-se-2025/datapackage.json",
                     "euclid-esem-se-2025/cleaning-log.csv"] {
            #expect(FileManager.default.fileExists(atPath: workspace.path("demo/\(file)")), "\(file) is missing")
        }
        #expect(demo.output.contains("open \(workspace.path("demo/msi-impact.html")) and \(workspace.path("demo/esem-se-topline.html")) in a web browser"))
        let impact = try String(contentsOfFile: workspace.path("demo/msi-impact.html"), encoding: .utf8)
        #expect(impact.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
        #expect(impact.contains("<h2 id=\"s1-summary\">Sammanfattning</h2>"))
        // The cleaning log words the completeness and duplicate rules in Swedish.
        #expect(impact.contains("För ofullständiga: minst 80\u{00A0}% av de frågor som gällde svaret besvarade"))
        #expect(impact.contains("Dubbletter: samma org_name och contact_email som ett tidigare svar"))

        // The same seed gives the same data: a second run writes the same results.
        let results = try String(contentsOfFile: workspace.path("demo/msi-toc-results.csv"), encoding: .utf8)

        // target_group_staff is a share of a whole (fte_target ≤ fte): its intervals are on the logit
        // scale, so every one lies between 0 and 100 %, and the report names that method.
        let shares = results.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("target_group_staff,") }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let intervals = shares.compactMap { fields -> (low: Double, high: Double)? in
            #expect(fields.count == 23, "\(fields)")
            guard fields.count == 23, let low = Double(fields[9]), let high = Double(fields[10]) else { return nil }
            return (low, high)
        }
        #expect(intervals.count >= 10)
        for interval in intervals { #expect(interval.low > 0 && interval.high < 100, "\(interval)") }
        #expect(impact.contains("<span class=\"code\">ratio-logit-student-t</span>"))
        #expect(!impact.contains("ratio-log-student-t"))
        // One sole trader reports 290 of its group's 329 staff from the target groups: the p % rule
        // (msi-toc's p_percent: 10) withholds the group, which the thresholds alone published, and
        // the report says why, under the table and in its methods.
        let soleTraders = try #require(shares.first { $0[2] == "esem-se-2025" && $0[5] == "enskild_firma" })
        #expect(soleTraders[6] == "" && soleTraders[7] == "" && soleTraders[14] == "dominance", "\(soleTraders)")
        #expect(impact.contains("<td class=\"num\">– dominerad</td>"))
        #expect(impact.contains("– dominerad: ett enda svar står för nästan hela summan. Svaren utom de två största bidrar tillsammans med mindre än 10\u{A0}% av det största"))
        #expect(impact.contains("(p %-regeln, för indikatorer som bygger på storheter som antal anställda): när svaren utom de två största tillsammans bidrar med mindre än 10\u{A0}% av det största"))
        let again = try SamlaBinary.run(["demo", "--folder", workspace.path("demo")], in: Self.root)
        #expect(again.status == 0, "\(again.errors)")
        #expect(try String(contentsOfFile: workspace.path("demo/msi-toc-results.csv"), encoding: .utf8) == results)

        // samla report on the demo's database, in the other language, to a chosen file.
        let report = try SamlaBinary.run([
            "report", Self.root.appendingPathComponent("reports/esem-se-topline.yaml").path, "--db", workspace.path("demo/samla.sqlite"),
            "--lang", "sv", "--out", workspace.path("topline-sv.html"),
        ])
        #expect(report.status == 0, "\(report.errors)")
        #expect(report.output.hasPrefix("wrote \(workspace.path("topline-sv.html")) ("))
        let topline = try String(contentsOfFile: workspace.path("topline-sv.html"), encoding: .utf8)
        #expect(topline.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
        #expect(topline.contains("Fråga för fråga: ESEM 2025"))
    }

    /// MSI's funding_gap reads fin_met, which only those who sought external finance are asked.
    /// As shipped, its universe says so, and the report's methods count only the answers not given;
    /// without the universe, compute and report warn (W307) and say how many were never asked.
    @Test func responsesNeverAskedAQuestionAreCountedApartAndWarnedOf() throws {
        let workspace = try Workspace()
        let demo = try SamlaBinary.run(["demo", "--folder", workspace.path("demo")], in: Self.root)
        #expect(demo.status == 0, "\(demo.errors)")
        let item = "<li>Ofinansierad del av behovet av extern finansiering, ESEM 2025: "
        let shipped = try String(contentsOfFile: workspace.path("demo/msi-impact.html"), encoding: .utf8)
        #expect(shipped.contains(item + "12</li>"))
        #expect(!shipped.contains("som aldrig fick frågan"))

        let framework = try String(contentsOf: Self.root.appendingPathComponent("frameworks/msi-toc.yaml"), encoding: .utf8)
        let universe = "    universe: \"${fin_sought} = 'yes'\"\n"
        #expect(framework.contains("    denominator: \"100\"\n" + universe))
        try FileManager.default.createDirectory(atPath: workspace.path("frameworks"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: workspace.path("reports"), withIntermediateDirectories: true)
        let edited = workspace.path("frameworks/msi-toc.yaml")
        try framework.replacingOccurrences(of: universe, with: "").write(toFile: edited, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("reports/msi-impact.yaml").path,
                                         toPath: workspace.path("reports/msi-impact.yaml"))
        let db = workspace.path("demo/samla.sqlite")
        let report = try SamlaBinary.run(["report", workspace.path("reports/msi-impact.yaml"), "--db", db, "--out", workspace.path("impact.html")])
        #expect(report.status == 0, "\(report.errors)")
        let warning = ":248:9: warning[W307]: the base of funding_gap holds responses that were never asked fin_met"
            + ", which `${fin_sought} = 'yes'` hid from them: 63 in esem-se-2025 and 78 in esem-se-2027. "
        #expect(report.errors.contains(workspace.path("reports") + "/../frameworks/msi-toc.yaml" + warning), "\(report.errors)")
        // fin_met's page asks only those who consented, as every response the cleaning keeps did:
        // that condition hid it from none of them, and the universe to give leaves it out.
        #expect(report.errors.contains("such as `universe: \"${fin_sought} = 'yes'\"`, "), "\(report.errors)")
        let html = try String(contentsOfFile: workspace.path("impact.html"), encoding: .utf8)
        #expect(html.contains(item + "75, varav 63 som aldrig fick frågan, eftersom den inte gällde dem</li>"))

        let compute = try SamlaBinary.run(["compute", "--db", db, "--framework", edited, "--lang", "en"])
        #expect(compute.status == 0, "\(compute.errors)")
        #expect(compute.errors.contains(edited + warning), "\(compute.errors)")
        #expect(compute.output.contains("  funding_gap esem-se-2025: 75 without a value, left out of the base (63 never asked fin_met)\n"))
        #expect(compute.output.contains("  eco_score esem-se-2025: 10 without a value, left out of the base\n"))
        let json = try SamlaBinary.run(["compute", "--db", db, "--framework", edited, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let missing = try #require(object["missing"] as? [[String: Any]])
        let gap = try #require(missing.first { $0["indicator"] as? String == "funding_gap" && $0["round"] as? String == "esem-se-2025" })
        #expect(gap["count"] as? Int == 75)
        let notAsked = try #require(gap["not_asked"] as? [[String: Any]])
        #expect(notAsked.count == 1 && notAsked.first?["question"] as? String == "fin_met" && notAsked.first?["count"] as? Int == 63
            && notAsked.first?["condition"] as? String == "${fin_sought} = 'yes'", "\(notAsked)")
    }

    /// The forum survey's date question, answered with generated dates over many years, is counted
    /// in a few periods, not in some 70 months each withheld as "–".
    @Test func theForumToplineCountsTheEventDateInAFewPeriods() throws {
        let workspace = try Workspace()
        let db = workspace.path("forum.sqlite")
        let steps: [[String]] = [
            ["round", "open", "surveys/samverkansforum.yaml", "--name", "samverkansforum-2026", "--opens", "2026-01-01",
             "--closes", "2026-12-31", "--anonymous", "--db", db],
            ["generate", "surveys/samverkansforum.yaml", "--rows", "200", "--seed", "1", "--out", workspace.path("rows.csv")],
            ["import", workspace.path("rows.csv"), "--round", "samverkansforum-2026", "--db", db],
            ["report", "reports/samverkansforum.yaml", "--db", db, "--lang", "en", "--out", workspace.path("forum.html")],
        ]
        for step in steps {
            let run = try SamlaBinary.run(step, in: Self.root)
            #expect(run.status == 0, "\(step): \(run.errors)")
        }
        let html = try String(contentsOfFile: workspace.path("forum.html"), encoding: .utf8)
        let question = try #require(html.range(of: "<div class=\"question\" id=\"q-event_date\">").map { String(html[$0.lowerBound...]) })
        let table = try #require(question.range(of: "</table>").map { String(question[..<$0.lowerBound]) })
        let rows = table.components(separatedBy: "<th scope=\"row\">").count - 1
        #expect((2...13).contains(rows), "\(rows) rows: \(table)")
        #expect(question.contains("Dates are counted by "))
        #expect(!table.contains("<td class=\"num\">–</td>"), "\(table)")
    }

    /// `samla report REPORT --db (an empty database) --out OUT`, which must write nothing to OUT.
    static func refused(_ report: String, out: String) throws -> SamlaBinary.Run {
        let workspace = try Workspace()
        _ = try SQLiteStore(path: workspace.path("empty.sqlite"))
        let run = try SamlaBinary.run([
            "report", root.appendingPathComponent(report).path, "--db", workspace.path("empty.sqlite"), "--out", workspace.path(out),
        ])
        #expect(!FileManager.default.fileExists(atPath: workspace.path(out)))
        return run
    }

    /// A topline round the database does not have is E441, as for every command, at the line and
    /// column of the round in the definition (it was E520, "has no responses", which a round that
    /// exists and has none is not).
    @Test func aToplineOfARoundTheDatabaseDoesNotHaveIsRefused() throws {
        let run = try Self.refused("reports/esem-se-topline.yaml", out: "x.html")
        let definition = Self.root.appendingPathComponent("reports/esem-se-topline.yaml").path
        let lines = try String(contentsOfFile: definition, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.hasSuffix("round: esem-se-2025") })
        let column = try #require(lines[line].range(of: "esem-se-2025")).lowerBound.utf16Offset(in: lines[line]) + 1
        #expect(run.status == 1)
        #expect(run.errors == "\(definition):\(line + 1):\(column): error[E441]: there is no round esem-se-2025 in the database (--db); "
            + "`samla round list` shows the rounds: name one of them as the topline's round, or open esem-se-2025 and import or collect its responses first\n", "\(run.errors)")
    }

    /// A round misspelt in the database (or in the definition) is suggested by E441's rules: a
    /// swapped pair of digits is, another year's round is not; a round that exists with no responses
    /// is reported, with W520.
    @Test func aToplineRoundIsSuggestedAsEverywhereElse() throws {
        let workspace = try Workspace()
        let db = workspace.path("samla.sqlite")
        let survey = Self.root.appendingPathComponent("surveys/esem-se.yaml").path
        let report = Self.root.appendingPathComponent("reports/esem-se-topline.yaml").path
        for name in ["esem-se-2052", "esem-se-2026"] {
            let opened = try SamlaBinary.run(["round", "open", survey, "--name", name, "--opens", "2025-01-01", "--closes", "2025-12-31", "--db", db])
            #expect(opened.status == 0, "\(opened.errors)")
        }
        let misspelt = try SamlaBinary.run(["report", report, "--db", db, "--out", workspace.path("x.html")])
        #expect(misspelt.status == 1)
        #expect(misspelt.errors.contains("error[E441]: there is no round esem-se-2025 (did you mean esem-se-2052?) in the database (--db); "), "\(misspelt.errors)")
        #expect(!misspelt.errors.contains("esem-se-2026") && !misspelt.errors.contains("E520"), "\(misspelt.errors)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("x.html")))

        let opened = try SamlaBinary.run(["round", "open", survey, "--name", "esem-se-2025", "--opens", "2025-01-01", "--closes", "2025-12-31", "--db", db])
        #expect(opened.status == 0, "\(opened.errors)")
        let empty = try SamlaBinary.run(["report", report, "--db", db, "--out", workspace.path("x.html")])
        #expect(empty.status == 0, "\(empty.errors)")
        #expect(empty.errors == "\(report): warning[W520]: rounds without data in the database yet: esem-se-2025; the report says so under its methods\n")
        #expect(try String(contentsOfFile: workspace.path("x.html"), encoding: .utf8).contains("0 responses kept after cleaning (0 read, 0 removed by the cleaning rules)"))
    }

    /// A report path that runs through a file, or into a folder of the system's own (where the
    /// system says "No such file or directory" of a folder that exists), says why in plain words
    /// and what to do, and nothing is written.
    @Test func anUnwritableReportPathSaysWhatToDo() throws {
        let workspace = try Workspace()
        _ = try SQLiteStore(path: workspace.path("empty.sqlite"))
        let notes = workspace.path("notes.txt")
        try "notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        var cases = [(notes + "/report.html", UnwritableWords.fileInTheWay(notes, option: "--out"))]
        if UnwritableWords.systemFoldersKnown {
            cases.append(("/proc/samla-report/report.html", UnwritableWords.systemFolder(option: "--out")))
        }
        for (out, reason) in cases {
            let run = try SamlaBinary.run([
                "report", Self.root.appendingPathComponent("reports/msi-impact.yaml").path, "--db", workspace.path("empty.sqlite"), "--out", out,
            ])
            #expect(run.status == 1)
            #expect(run.errors.hasSuffix("\(out): error[E521]: the report cannot be written: \(reason)\n"), "\(run.errors)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "notes\n")
    }

    /// Next year's round collected, the shipped topline still names last year's: the refusal names
    /// the round the database has, and what to change, instead of only "import or collect".
    @Test func aToplineOfLastYearsRoundNamesTheRoundTheDatabaseHas() throws {
        let workspace = try Workspace()
        let db = workspace.path("samla.sqlite")
        let survey = Self.root.appendingPathComponent("surveys/esem-se.yaml").path
        for arguments in [
            ["round", "open", survey, "--name", "esem-se-2027", "--opens", "2027-01-01", "--closes", "2027-12-31", "--db", db],
            ["generate", survey, "--rows", "3", "--out", workspace.path("responses.csv")],
            ["import", "--round", "esem-se-2027", workspace.path("responses.csv"), "--db", db],
        ] {
            let run = try SamlaBinary.run(arguments)
            #expect(run.status == 0, "\(arguments[0]): \(run.errors)")
        }
        let run = try SamlaBinary.run([
            "report", Self.root.appendingPathComponent("reports/esem-se-topline.yaml").path, "--db", db, "--out", workspace.path("x.html"),
        ])
        #expect(run.status == 1)
        #expect(run.errors.contains(
            "error[E441]: there is no round esem-se-2025 in the database (--db); `samla round list` shows the rounds: name one of them as the topline's round, "
                + "or open esem-se-2025 and import or collect its responses first; the database has responses to survey esem-se in esem-se-2027: to report it, "
                + "name it as the topline's round and in the report's rounds\n"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("x.html")))
    }

    /// Run from the wrong folder or with a mistyped --db, a command that only reads, or that needs
    /// a round the database must already hold (import, invite, round close), says so, and leaves
    /// no empty database behind (which made the next run say "there is no round"; import, invite
    /// and round close said only that, and left the empty database).
    @Test func aMissingDatabaseIsRefusedAndNotCreated() throws {
        let workspace = try Workspace()
        let inputs = try Workspace()
        let contacts = inputs.path("contacts.csv")
        try "name,email\nEva,eva@example.se\n".write(toFile: contacts, atomically: true, encoding: .utf8)
        let runs = [
            ["report", Self.root.appendingPathComponent("reports/esem-se-topline.yaml").path, "--out", workspace.path("x.html")],
            ["export", "--round", "esem-se-2025", "--out", workspace.path("out")],
            ["compute", "--framework", Self.root.appendingPathComponent("frameworks/msi-toc.yaml").path],
            ["import", "--round", "esem-se-2025", contacts],
            ["invite", "--round", "esem-se-2025", contacts, "--base-url", "https://enkat.example.se", "--out", workspace.path("links.csv")],
            ["round", "close", "esem-se-2025"],
        ]
        for arguments in runs {
            let run = try SamlaBinary.run(arguments, in: workspace.folder)
            #expect(run.status == 1, "\(arguments[0]): \(run.errors)")
            #expect(run.errors.contains(".samla/samla.sqlite: error[E460]: there is no database here"), "\(arguments[0]): \(run.errors)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.folder.path).isEmpty)
    }

    @Test func anUnknownLanguageIsAUsageError() throws {
        let run = try SamlaBinary.run(["report", Self.root.appendingPathComponent("reports/msi-impact.yaml").path, "--lang", "fi"])
        #expect(run.status == 2)
    }

    @Test func anOutputThatIsNotHTMLIsAUsageError() throws {
        let run = try Self.refused("reports/msi-impact.yaml", out: "x.pdf")
        #expect(run.status == 2)
        #expect(run.errors.contains("a report is one HTML file; give a path ending in .html"))
    }

    @Test func validateChecksReportsWithSurveysAndFrameworks() throws {
        // Every shipped definition, together, as docs/rounds.md runs it: a file added to one of
        // these folders is checked without being listed here.
        let shipped = try ["surveys", "frameworks", "reports"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".yaml") }.sorted().map { Self.root.appendingPathComponent(folder + "/" + $0).path }
        }
        #expect(shipped.count >= 8)
        let good = try SamlaBinary.run(["validate"] + shipped)
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output == "no problems in \(shipped.count) files\n", "\(good.output)")
        let broken = try SamlaBinary.run(["validate", Self.reportFixtures.appendingPathComponent("broken-report.yaml").path])
        #expect(broken.status == 1)
        #expect(broken.output.contains("broken-report.yaml:7:5: error[E504]: there is no section type 'summry' (did you mean summary?)"))
        #expect(broken.output.contains("error[E501]: reports are written in sv or en, not 'de'"))
    }
}
