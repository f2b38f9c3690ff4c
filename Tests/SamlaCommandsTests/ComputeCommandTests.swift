import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing

/// `samla compute` on a small forum round, run as the built binary.
@Suite struct ComputeCommandTests {
    /// A framework over the forum fixture with one indicator, the rest of whose keys are `indicator`
    /// (each line indented by four spaces).
    static func framework(indicator: String, laterRound: String = "", cleaning: String = "") -> String {
        """
        id: forum-toc
        title: {sv: "Forum", en: "Forum"}
        languages: [sv, en]
        rounds:
          - {name: forum-2025, survey: msi-forum, label: {sv: "2025", en: "2025"}}
        \(laterRound)
        \(cleaning)
        impact: {id: better_ties, title: {sv: "Band", en: "Ties"}}
        outcomes:
          - id: contacts
            title: {sv: "Kontakter", en: "Contacts"}
            contributes_to: [better_ties]
        indicators:
          - id: contacts_per_contact
            node: contacts
            title: {sv: "Kvot", en: "Ratio"}
            survey: msi-forum
        \(indicator)
        """
    }

    /// A forum round of twelve responses, each with `contacts` new contacts.
    static func forumRound(contacts: Int64) throws -> StoreCLI {
        try forumRound((0..<12).map { _ in ["sector": .choice("civil"), "new_contacts": .integer(contacts)] })
    }

    /// A forum round of one response per element of `answers`.
    static func forumRound(_ answers: [[String: AnswerValue]]) throws -> StoreCLI {
        let cli = try StoreCLI()
        let open = try cli.run(["round", "open", StoreCLI.fixture("forum-v1.yaml"), "--name", "forum-2025",
                                "--opens", "2025-01-01", "--closes", "2025-12-31", "--anonymous"])
        #expect(open.status == 0, "\(open.errors)")
        try cli.importResponses(round: "forum-2025", fixture: "forum-v1.yaml", answers.map { (language: "sv", values: $0) })
        return cli
    }

    /// Opens the anonymous round forum-2026 of `fixture` in `cli` and writes the framework of
    /// `indicator` over forum-2025 and forum-2026; returns the framework's file.
    static func secondRound(in cli: StoreCLI, fixture: String = "forum-v1.yaml", indicator: String) throws -> URL {
        let open = try cli.run(["round", "open", StoreCLI.fixture(fixture), "--name", "forum-2026",
                                "--opens", "2026-01-01", "--closes", "2026-12-31", "--anonymous"])
        #expect(open.status == 0, "\(open.errors)")
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try framework(indicator: indicator, laterRound: "  - {name: forum-2026, survey: msi-forum, label: {sv: \"2026\", en: \"2026\"}}")
            .write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs `samla compute` with the framework of `indicator` over a forum round, with `options`.
    static func compute(contacts: Int64, indicator: String, _ options: [String] = []) throws -> SamlaBinary.Run {
        let cli = try forumRound(contacts: contacts)
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try framework(indicator: indicator).write(to: file, atomically: true, encoding: .utf8)
        return try cli.run(["compute", "--framework", file.path] + options)
    }

    @Test func aFrameworkThatDoesNotFitTheStoredDefinitionSaysWhichItWasCheckedAgainst() throws {
        let run = try Self.compute(contacts: 2, indicator: """
            kind: mean
            value: "${new_contactz}"
        """)
        #expect(run.status == 1)
        #expect(run.errors.contains(
            "error[E212]: ${new_contactz} names no variable of the survey msi-forum (did you mean new_contacts?) (checked against msi-forum version 2025.1, the latest definition of it in the database)"),
                "\(run.errors)")
    }

    /// A misspelt survey id is matched against every survey file in the surveys folder compute reads,
    /// not only against the surveys the framework names (here msi-forum only, from the database).
    @Test func aMisspeltSurveyIsMatchedAgainstTheSurveysFolder() throws {
        let cli = try Self.forumRound(contacts: 2)
        let surveys = cli.folder.appendingPathComponent("surveys")
        let frameworks = cli.folder.appendingPathComponent("frameworks")
        for folder in [surveys, frameworks] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("surveys/platform-inventory.yaml"), to: surveys.appendingPathComponent("platform-inventory.yaml"))
        let file = frameworks.appendingPathComponent("forum-toc.yaml")
        try Self.framework(indicator: """
            kind: mean
            value: "${new_contacts}"
        """, laterRound: "  - {name: platforms-2025, survey: platform-inventroy, label: {sv: \"P\", en: \"P\"}}")
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try cli.run(["compute", "--framework", file.path])
        #expect(run.status == 1)
        #expect(run.errors.contains(
            "error[E308]: round platforms-2025 collects the survey 'platform-inventroy' (did you mean platform-inventory?), but no definition was found"),
                "\(run.errors)")
    }

    /// validate passes against the survey's file; compute checks against the database, which has
    /// not seen the file's version yet: the refusal says that the round must take it first.
    @Test func aVariableOnlyInAnUnopenedVersionOfTheFileSaysToOpenIt() throws {
        let cli = try Self.forumRound(contacts: 2)
        try FileManager.default.copyItem(atPath: StoreCLI.fixture("forum-v2.yaml"), toPath: cli.folder.appendingPathComponent("msi-forum.yaml").path)
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try Self.framework(indicator: """
            kind: proportion
            numerator: "${next_step} != ''"
        """).write(to: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["validate", file.path]).status == 0)
        let run = try cli.run(["compute", "--framework", file.path])
        #expect(run.status == 1)
        #expect(run.errors.contains(
            "error[E212]: ${next_step} names no variable of the survey msi-forum: check the spelling against the names of its questions (checked against msi-forum version 2025.1, the latest definition of it in the database); the definition file of msi-forum beside the framework is version 2025.2, which no round in the database has: open or re-open a round with it first (samla round open SURVEY.yaml --name ROUND)"),
                "\(run.errors)")
    }

    @Test func aQuestionAndACodeDroppedFromTheSurveyAreStillComputedForTheRoundsThatAskedThem() throws {
        // forum-2025 asked new_contacts and offered the sector private; forum-2026 is opened with
        // a version that does neither. The framework is checked against both versions.
        let cli = try Self.forumRound(contacts: 2)
        let file = try Self.secondRound(in: cli, fixture: "forum-v3.yaml", indicator: """
            kind: mean
            value: "if(${sector} = 'private', 0, ${new_contacts})"
        """)
        let run = try cli.run(["compute", "--framework", file.path, "--format", "csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("contacts_per_contact,contacts,forum-2025,,Totalt,,12,2,"), "\(run.output)")
        #expect(!run.output.contains("forum-2026"), "\(run.output)")
        // The notes are in JSON with their kind, round and indicator, in the language asked.
        for (language, notComputed, noResponses) in [
            ("en", "contacts_per_contact is not computed for round forum-2026: its definition (msi-forum version 2025.3) has no new_contacts",
             "round forum-2026 has no submitted responses in the database yet"),
            ("sv", "contacts_per_contact beräknas inte för omgång forum-2026: dess definition (msi-forum version 2025.3) saknar new_contacts",
             "omgång forum-2026 har inga inskickade svar i databasen ännu"),
        ] {
            let json = try cli.run(["compute", "--framework", file.path, "--format", "json", "--lang", language])
            let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "\(json.output)")
            let notes = try #require(object["notes"] as? [[String: String]], "\(json.output)")
            #expect(notes == [
                ["kind": "indicator-not-computed", "round": "forum-2026", "indicator": "contacts_per_contact", "text": notComputed],
                ["kind": "round-without-responses", "round": "forum-2026", "text": noResponses],
            ])
        }
    }

    /// A share's target is written as its estimate is, with %: "75,0" beside "100,0 %" read as
    /// another scale. Swedish puts a no-break space before `%` (U+00A0), as the reports do.
    @Test func aPercentTargetInTheTableHasItsPercentSign() throws {
        let run = try Self.compute(contacts: 2, indicator: """
            kind: proportion
            numerator: "${new_contacts} > 0"
            unit: percent
            direction: up
            targets: {forum-2025: 0.75}
        """)
        #expect(run.status == 0, "\(run.errors)")
        let total = try #require(run.output.split(separator: "\n").first { $0.contains("Totalt") })
        #expect(total.contains("100,0\u{00A0}%"), "\(total)")
        #expect(total.contains("75,0\u{00A0}%"), "\(total)")
        #expect(run.output.contains("95\u{00A0}% KI"), "\(run.output)")
    }

    /// A round declared but not opened yet gets a note in the language asked: after the table, under
    /// a heading of notes (it stood under the cleaning's heading, though no cleaning is about it), and
    /// on standard error beside CSV, which has no place for it.
    @Test(arguments: [
        ("en", "note: round forum-2026 has no data in the database yet\n", "\nCleaning:\n  forum-2025: 12 read, no rules, 12 kept\n\nNotes:\n"),
        ("sv", "anm.: omgång forum-2026 har inga data i databasen ännu\n", "\nRensning:\n  forum-2025: 12\u{A0}lästa, inga regler, 12\u{A0}kvar\n\nAnmärkningar:\n"),
    ])
    func aRoundWithoutDataIsNotedInTheLanguageAsked(language: String, note: String, headings: String) throws {
        let cli = try Self.forumRound(contacts: 2)
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try Self.framework(indicator: """
            kind: mean
            value: "${new_contacts}"
        """, laterRound: "  - {name: forum-2026, survey: msi-forum, label: {sv: \"2026\", en: \"2026\"}}")
            .write(to: file, atomically: true, encoding: .utf8)
        let table = try cli.run(["compute", "--framework", file.path, "--lang", language])
        #expect(table.status == 0, "\(table.errors)")
        #expect(table.output.hasSuffix("\n  " + note), "\(table.output)")
        #expect(table.output.contains(headings), "\(table.output)")
        let csv = try cli.run(["compute", "--framework", file.path, "--lang", language, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.errors)")
        #expect(csv.errors == note)
        #expect(!csv.output.contains("forum-2026"), "\(csv.output)")
        if language == "sv" {
            for english in ["note", "round", "has no", "data in the database", "yet"] {
                #expect(!table.output.contains(english), "\(english) in \(table.output)")
            }
        }
    }

    /// A language the framework is not written in is refused as export refuses it (E346, status 1),
    /// naming the option; it was thrown as a usage error from inside the run, which printed the
    /// root command's usage instead of compute's.
    @Test func aLanguageTheFrameworkLacksIsRefusedNamingTheOption() throws {
        let cli = try Self.forumRound(contacts: 2)
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try Self.framework(indicator: """
            kind: mean
            value: "${new_contacts}"
        """, laterRound: "").write(to: file, atomically: true, encoding: .utf8)
        let run = try cli.run(["compute", "--framework", file.path, "--lang", "de"])
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        #expect(run.errors == "field --lang: error[E346]: the framework is written in sv and en, not 'de'; choose one of those\n", "\(run.errors)")
        let near = try cli.run(["compute", "--framework", file.path, "--lang", "sw"])
        #expect(near.errors.contains("not 'sw' (did you mean sv?); choose one of those"), "\(near.errors)")
    }

    /// A round the database holds but the framework does not declare (next year's, before the
    /// framework is updated) says to declare it, with its survey; it suggested a declared round of
    /// a similar name ("did you mean esem-se-2022?" for esem-se-2028). A name the database does not
    /// hold either is still a likely misspelling.
    @Test func aRoundOfTheDatabaseTheFrameworkDoesNotDeclareSaysToDeclareIt() throws {
        let cli = try Self.forumRound(contacts: 2)
        let open = try cli.run(["round", "open", StoreCLI.fixture("forum-v1.yaml"), "--name", "forum-2026",
                                "--opens", "2026-01-01", "--closes", "2026-12-31", "--anonymous"])
        #expect(open.status == 0, "\(open.errors)")
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try Self.framework(indicator: "    kind: count").write(to: file, atomically: true, encoding: .utf8)
        let undeclared = try cli.run(["compute", "--framework", file.path, "--round", "forum-2026"])
        #expect(undeclared.status == 1)
        #expect(undeclared.errors == "field --round: error[E313]: the framework declares no round 'forum-2026', which the database holds "
            + "(survey msi-forum): add it under the framework's `rounds`, in time order: {name: forum-2026, survey: msi-forum, label: …}\n",
            "\(undeclared.errors)")
        let misspelt = try cli.run(["compute", "--framework", file.path, "--round", "forum-2052"])
        #expect(misspelt.status == 1)
        #expect(misspelt.errors.contains("the framework declares no round 'forum-2052' (did you mean forum-2025?); its rounds are forum-2025"), "\(misspelt.errors)")
        // Another year is no misspelling of the declared one.
        let later = try cli.run(["compute", "--framework", file.path, "--round", "forum-2028"])
        #expect(later.errors == "field --round: error[E313]: the framework declares no round 'forum-2028'; its rounds are forum-2025\n", "\(later.errors)")
        // A round of a survey the framework does not measure: declaring it would not help.
        let inventory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("surveys/platform-inventory.yaml").path
        let other = try cli.run(["round", "open", inventory, "--name", "inventory-2026", "--opens", "2026-01-01", "--closes", "2026-12-31", "--anonymous"])
        #expect(other.status == 0, "\(other.errors)")
        let foreign = try cli.run(["compute", "--framework", file.path, "--round", "inventory-2026"])
        #expect(foreign.status == 1)
        #expect(foreign.errors == "field --round: error[E313]: round 'inventory-2026' of the database is of survey platform-inventory, which this framework "
            + "does not measure (its indicators read msi-forum); its rounds are forum-2025\n", "\(foreign.errors)")
    }

    /// The table showed `< 10 (undanhållen)`, and `(undanhållen)` with no n, and said nowhere what
    /// either meant. It now says so under its rows, in its language: 3 public answers are too few,
    /// and the 11 civil ones, the smallest group left, are withheld beside them.
    @Test(arguments: [
        ("en", "  < 10 (suppressed): fewer than 10 responses in the base, too few to show a figure, a change or a status\n"
            + "  (suppressed) without n: withheld so that a small group of the same breakdown cannot be worked out from the total and the other groups\n"),
        ("sv", "  < 10 (undanhållen): färre än 10 svar i basen, för få för att visa en siffra, en förändring eller en status\n"
            + "  (undanhållen) utan n: undanhållen så att en liten grupp i samma uppdelning inte kan räknas fram ur totalen och de andra grupperna\n"),
    ])
    func theTableSaysWhatItsWithheldCellsMean(language: String, lines: String) throws {
        let sectors = Array(repeating: "public", count: 3) + Array(repeating: "civil", count: 11) + Array(repeating: "private", count: 12)
        let cli = try Self.forumRound(sectors.map { ["sector": .choice($0), "new_contacts": .integer(2)] })
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try Self.framework(indicator: """
            kind: proportion
            numerator: "${new_contacts} > 1"
            disaggregate: [sector]
        """).write(to: file, atomically: true, encoding: .utf8)
        let run = try cli.run(["compute", "--framework", file.path, "--lang", language])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("< 10  (\(language == "sv" ? "undanhållen" : "suppressed"))"), "\(run.output)")
        #expect(run.output.contains(lines), "\(run.output)")
        // A table with nothing withheld says nothing of it.
        let published = try Self.compute(contacts: 2, indicator: """
            kind: proportion
            numerator: "${new_contacts} > 1"
        """, ["--lang", language])
        #expect(!published.output.contains(language == "sv" ? "(undanhållen):" : "(suppressed):"), "\(published.output)")
    }

    /// A total one participant dominates: 12 civil participants made 2 contacts each, and one of the
    /// 12 private ones 400. The p % rule withholds the private group (the rest, 20, is under 10 % of
    /// 400), the civil group beside it, and says what `(suppressed, dominance)` means.
    @Test(arguments: [
        ("en", "(suppressed, dominance)", "  (suppressed, dominance): one or two responses make up nearly all of the sum the figure is built from (the p % rule), so it would all but give away the largest\n"),
        ("sv", "(undanhållen, dominans)", "  (undanhållen, dominans): ett eller två svar står för nästan hela summan som siffran bygger på (p %-regeln), så den skulle nästan avslöja det största\n"),
    ])
    func aTotalOneResponseDominatesIsWithheldAndTheTableSaysWhy(language: String, mark: String, line: String) throws {
        let answers = (0..<12).map { _ in ["sector": AnswerValue.choice("civil"), "new_contacts": .integer(2)] }
            + (0..<12).map { i in ["sector": AnswerValue.choice("private"), "new_contacts": .integer(i == 0 ? 400 : 2)] }
        let cli = try Self.forumRound(answers)
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try Self.framework(indicator: """
            kind: total
            value: "${new_contacts}"
            disaggregate: [sector]
            p_percent: 10
        """).write(to: file, atomically: true, encoding: .utf8)
        let run = try cli.run(["compute", "--framework", file.path, "--lang", language, "--format", "csv"])
        #expect(run.status == 0, "\(run.errors)")
        let rows = run.output.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // The total, 446, is published: the rest after 400 and 2 is 44, over 10 % of 400.
        #expect(rows.first { $0.count > 14 && $0[3] == "" && $0[0] == "contacts_per_contact" }.map { [$0[6], $0[7], $0[14]] } == ["24", "446", ""])
        #expect(rows.first { $0.count > 14 && $0[5] == "private" }.map { [$0[6], $0[7], $0[14]] } == ["", "", "dominance"])
        #expect(rows.first { $0.count > 14 && $0[5] == "civil" }.map { [$0[6], $0[7], $0[14]] } == ["", "", "secondary"])
        let table = try cli.run(["compute", "--framework", file.path, "--lang", language])
        #expect(table.output.contains(mark), "\(table.output)")
        #expect(table.output.contains(line), "\(table.output)")
    }

    /// Each table says why a cell has no estimate (here a ratio over zero contacts), in its language.
    @Test(arguments: ["en", "sv"])
    func theTableSaysWhyACellHasNoEstimateInItsLanguage(language: String) throws {
        let run = try Self.compute(contacts: 0, indicator: """
            kind: ratio
            value: "${new_contacts}"
            denominator: "${new_contacts}"
        """, ["--lang", language])
        #expect(run.status == 0, "\(run.errors)")
        let expected = language == "en"
            ? ["contacts_per_contact  forum-2025  Total", "\nCleaning:\n  forum-2025: 12 read, no rules, 12 kept\n",
               "  contacts_per_contact forum-2025 Total: no estimate: the ratio's denominator sums to 0 in the group\n"]
            : ["contacts_per_contact  forum-2025  Totalt", "\nRensning:\n  forum-2025: 12\u{A0}lästa, inga regler, 12\u{A0}kvar\n",
               "  contacts_per_contact forum-2025 Totalt: ingen skattning: kvotens nämnare summerar till 0 i gruppen\n"]
        for text in expected { #expect(run.output.contains(text), "\(run.output)") }
        if language == "sv" {
            for english in [" read", "no estimate", "ratio", "denominator", "sums to"] { #expect(!run.output.contains(english), "\(run.output)") }
            // CSV gives the reason in the language asked too.
            let csv = try Self.compute(contacts: 0, indicator: """
                kind: ratio
                value: "${new_contacts}"
                denominator: "${new_contacts}"
            """, ["--lang", language, "--format", "csv"])
            // The reason is words in `note`; `interval_note` and `change_note` are for published figures.
            #expect(csv.output.contains(",kvotens nämnare summerar till 0 i gruppen,,\r\n"), "\(csv.output)")
        }
    }

    /// A share of a whole of 1 is published without an interval, and every output says why: the
    /// table in its language under the rows (once for the indicator, as every cell of it has the
    /// reason), CSV and JSON with a stable code in `interval_note`.
    @Test(arguments: [
        ("en", "\n  contacts_per_contact: no interval: every numerator equals its denominator, so the share is 1 (100%) "
            + "and its standard error of 0 says nothing of its uncertainty\n"),
        ("sv", "\n  contacts_per_contact: inget intervall: varje täljare är lika med sin nämnare, så andelen är 1 (100\u{00A0}%) "
            + "och dess standardfel 0 säger inget om osäkerheten\n"),
    ])
    func aFigureWithoutAnIntervalSaysWhyInEveryFormat(language: String, line: String) throws {
        let indicator = """
            kind: ratio
            value: "${new_contacts}"
            denominator: "${new_contacts}"
        """
        let table = try Self.compute(contacts: 3, indicator: indicator, ["--lang", language])
        #expect(table.status == 0, "\(table.errors)")
        #expect(table.output.contains(line), "\(table.output)")

        let csv = try Self.compute(contacts: 3, indicator: indicator, ["--lang", language, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.errors)")
        let lines = csv.output.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        #expect(header.suffix(3) == ["note", "interval_note", "change_note"])
        let total = try #require(lines.dropFirst().first, "\(csv.output)")
        #expect(Dictionary(uniqueKeysWithValues: zip(header, total)).filter { ["estimate", "ci_low", "note", "interval_note", "change_note"].contains($0.key) }
            == ["estimate": "1", "ci_low": "", "note": "", "interval_note": "share-at-one", "change_note": ""], "\(csv.output)")

        let json = try Self.compute(contacts: 3, indicator: indicator, ["--lang", language, "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "\(json.output)")
        let rows = try #require(object["rows"] as? [[String: String]])
        #expect(rows.first?["interval_note"] == "share-at-one", "\(json.output)")
        #expect((object["columns"] as? [String])?.suffix(2) == ["interval_note", "change_note"])
    }

    /// A weighted estimate gives its design effect and Kish's effective sample size in CSV and JSON,
    /// beside its interval; an unweighted one leaves both empty. Twelve responses with 1, 1, 1, 1, 2,
    /// 2, 2, 2, 3, 3, 4 and 4 new contacts, each weighted by its own number.
    @Test func aWeightedEstimateGivesItsDesignEffectAndEffectiveSize() throws {
        let cli = try Self.forumRound([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4].map { ["sector": .choice("civil"), "new_contacts": .integer($0)] })
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        let weighted = """
            kind: mean
            value: "${new_contacts}"
            weight: new_contacts
          - {id: unweighted, node: contacts, title: {sv: "x", en: "x"}, survey: msi-forum, kind: mean, value: "${new_contacts}"}
        """
        try Self.framework(indicator: weighted).write(to: file, atomically: true, encoding: .utf8)
        // R: svymean(~c, svydesign(id = ~1, weights = ~c), deff = "replace"): 1.1804733727810648;
        // Kish: (Σc)² / Σc² = 26² / 70 = 9.657142857…
        let expected = ["estimate": "2.692308", "deff": "1.180473", "n_effective": "9.657143"]

        let csv = try cli.run(["compute", "--framework", file.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.errors)")
        let lines = csv.output.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        #expect(Array(header[7...12]) == ["estimate", "se", "ci_low", "ci_high", "deff", "n_effective"])
        let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let total = try #require(rows.first { $0["indicator"] == "contacts_per_contact" })
        #expect(total.filter { expected.keys.contains($0.key) } == expected, "\(csv.output)")
        let plain = try #require(rows.first { $0["indicator"] == "unweighted" })
        #expect(plain["estimate"] == "2.166667" && plain["deff"] == "" && plain["n_effective"] == "", "\(csv.output)")

        let json = try cli.run(["compute", "--framework", file.path, "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "\(json.output)")
        #expect((object["columns"] as? [String]).map { Array($0[11...12]) } == ["deff", "n_effective"])
        let jsonRows = try #require(object["rows"] as? [[String: String]])
        #expect(jsonRows.first { $0["indicator"] == "contacts_per_contact" }?.filter { expected.keys.contains($0.key) } == expected)
        #expect(jsonRows.first { $0["indicator"] == "unweighted" }?["deff"] == "")
    }

    /// The Swedish table writes its numbers as the Swedish report does: thousands grouped by no-break
    /// spaces, the minus sign, and a change's interval in words so that no dash stands beside a
    /// minus sign. The English table and CSV keep plain digits, the hyphen and the point.
    @Test func theSwedishTableWritesMinusSignsAndGroupedThousands() throws {
        let cli = try Self.forumRound((0..<12).map { ["sector": .choice("civil"), "new_contacts": .integer(20_000 + Int64($0) * 1_000)] })
        let file = try Self.secondRound(in: cli, indicator: """
            kind: mean
            value: "${new_contacts}"
        """)
        try cli.importResponses(round: "forum-2026", fixture: "forum-v1.yaml", (0..<12).map { index in
            (language: "sv", values: ["sector": .choice("civil"), "new_contacts": .integer(10_000 + Int64(index) * 1_000)])
        })
        let swedish = try cli.run(["compute", "--framework", file.path, "--lang", "sv"])
        #expect(swedish.status == 0, "\(swedish.errors)")
        let row = try #require(swedish.output.split(separator: "\n").first { $0.hasPrefix("contacts_per_contact  forum-2026") }.map(String.init))
        #expect(row.contains("15\u{A0}500,0  13\u{A0}209,1–17\u{A0}790,9"), "\(row)")
        #expect(row.hasSuffix("\u{2212}10\u{A0}000,0 (\u{2212}13\u{A0}052,7 till \u{2212}6947,3)"), "\(row)")
        #expect(swedish.output.range(of: #"(?<![\w-])-\d"#, options: .regularExpression) == nil, "\(swedish.output)")
        let english = try cli.run(["compute", "--framework", file.path, "--lang", "en"])
        #expect(english.output.contains("15500.0") && english.output.contains("-10000.0 (-13052.7 to -6947.3)"), "\(english.output)")
        let csv = try cli.run(["compute", "--framework", file.path, "--format", "csv", "--lang", "sv"])
        #expect(csv.output.contains(",15500,") && csv.output.contains(",-10000,") && !csv.output.contains("\u{A0}"), "\(csv.output)")
    }

    /// A share's change was written `+25,0` beside `75,0 %`, which reads as a relative change of a
    /// quarter; the table now says percentage points, as the report does.
    @Test func aSharesChangeIsInPercentagePoints() throws {
        let cli = try Self.forumRound((0..<12).map { ["sector": .choice("civil"), "new_contacts": .integer($0 < 6 ? 2 : 0)] })
        let file = try Self.secondRound(in: cli, indicator: """
            kind: proportion
            numerator: "${new_contacts} > 1"
            unit: percent
        """)
        try cli.importResponses(round: "forum-2026", fixture: "forum-v1.yaml", (0..<12).map { index in
            (language: "sv", values: ["sector": .choice("civil"), "new_contacts": .integer(index < 9 ? 2 : 0)])
        })
        for (language, change) in [("sv", "+25,0\u{A0}p.e. ("), ("en", "+25.0 pp (")] {
            let run = try cli.run(["compute", "--framework", file.path, "--lang", language])
            #expect(run.status == 0, "\(run.errors)")
            let row = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("contacts_per_contact  forum-2026") }.map(String.init))
            #expect(row.contains("75,0\u{A0}%") || row.contains("75.0%"), "\(row)")
            #expect(row.contains(change), "\(row)")
        }
    }

    /// A total with a target due in a later round and no baseline showed the target and an empty
    /// status, and the table said nowhere why; it now says so under its rows. With a baseline the
    /// total has a status and no such line.
    @Test(arguments: [
        ("en", "  contacts_per_contact forum-2025: no status until the target's round, or until the target is met: without a baseline there is no path to compare with\n"),
        ("sv", "  contacts_per_contact forum-2025: ingen status förrän målets omgång, eller tills målet nås: utan utgångsvärde finns ingen plan att jämföra med\n"),
    ])
    func aTotalWithoutAStatusSaysWhy(language: String, line: String) throws {
        let cli = try Self.forumRound((0..<12).map { ["sector": .choice("civil"), "new_contacts": .integer($0 < 6 ? 2 : 0)] })
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        func compute(baseline: String) throws -> String {
            try Self.framework(indicator: """
                kind: proportion
                numerator: "${new_contacts} > 1"
                unit: percent
                direction: up
                targets: {forum-2026: 0.9}
            \(baseline)
            """, laterRound: "  - {name: forum-2026, survey: msi-forum, label: {sv: \"2026\", en: \"2026\"}}")
                .write(to: file, atomically: true, encoding: .utf8)
            let run = try cli.run(["compute", "--framework", file.path, "--lang", language])
            #expect(run.status == 0, "\(run.errors)")
            return run.output
        }
        let without = try compute(baseline: "")
        #expect(without.contains(line), "\(without)")
        let with = try compute(baseline: "    baseline: {round: forum-2025, value: 0.4}")
        #expect(!with.contains(String(line.dropFirst(2).prefix(40))), "\(with)")
    }

    /// A share of 1 in one round has no interval, nor has the change from it to a later round whose
    /// share has one: the table names the cells, and CSV gives each its code.
    @Test func aChangeWithoutAnIntervalSaysWhy() throws {
        let cli = try Self.forumRound(contacts: 3)
        let file = try Self.secondRound(in: cli, indicator: """
            kind: ratio
            value: "${new_contacts}"
            denominator: "3"
        """)
        try cli.importResponses(round: "forum-2026", fixture: "forum-v1.yaml", (0..<12).map { index in
            (language: "sv", values: ["sector": .choice("civil"), "new_contacts": .integer(Int64(1 + index % 3))])
        })
        let reason = "every numerator equals its denominator, so the share is 1 (100%) and its standard error of 0 says nothing of its uncertainty"
        let table = try cli.run(["compute", "--framework", file.path, "--lang", "en"])
        #expect(table.status == 0, "\(table.errors)")
        #expect(table.output.contains("\n  contacts_per_contact forum-2025 Total: no interval: \(reason)\n"
            + "  contacts_per_contact forum-2026 Total: no interval for the change: \(reason)\n"), "\(table.output)")
        let csv = try cli.run(["compute", "--framework", file.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.errors)")
        #expect(csv.output.contains("\r\ncontacts_per_contact,contacts,forum-2025,,Totalt,,12,1,0,,,,,,,,,,,,,share-at-one,\r\n"), "\(csv.output)")
        #expect(csv.output.contains(",,share-at-one\r\n") && csv.output.contains("\r\ncontacts_per_contact,contacts,forum-2026,,Totalt,,12,0.666667,"),
                "\(csv.output)")
    }

    /// The table writes every figure of an indicator with the decimals its kind is shown with, as
    /// the report does: a mean of exactly 3 is `3,0`, a proportion not in percent has three decimals
    /// (one would show 0.452 as 0.5), a percentage one, a count none.
    @Test(arguments: [
        ("kind: mean\nvalue: \"${new_contacts}\"", "12        3,0  3,0–3,0"),
        ("kind: proportion\nnumerator: \"${new_contacts} > 2\"", "12      1,000  0,758–1,000"),
        ("kind: proportion\nnumerator: \"${new_contacts} > 2\"\nunit: percent", "12    100,0\u{00A0}%  75,8–100,0"),
        ("kind: count\nuniverse: \"${new_contacts} > 2\"", "12         12"),
    ])
    func theTableWritesTheDecimalsOfTheIndicatorsKind(indicator: String, figures: String) throws {
        let run = try Self.compute(contacts: 3, indicator: indicator.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"), ["--lang", "sv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("contacts_per_contact  forum-2025  Totalt  " + figures), "\(run.output)")
    }

    /// Twelve responses with 1 to 12 new contacts, a test response and a duplicate, cleaned by a
    /// test rule and a duplicate key.
    static func cleanedRound(_ options: [String]) throws -> (run: SamlaBinary.Run, cli: StoreCLI) {
        var answers: [[String: AnswerValue]] = (1...12).map {
            ["sector": .choice("civil"), "new_contacts": .integer(Int64($0)), "email": .text("a\($0)@example.org")]
        }
        answers.append(["sector": .choice("civil"), "new_contacts": .integer(999), "email": .text("test@example.org")])
        answers.append(["sector": .choice("civil"), "new_contacts": .integer(3), "email": .text("A1@example.org")])
        let cli = try forumRound(answers)
        return (try computeMean(in: cli, cleaning: "test: \"${new_contacts} > 100\"\nduplicate_key: [email]", options), cli)
    }

    /// Runs `samla compute` in `cli` with a framework of the mean of new contacts, cleaned by
    /// `rules` (the lines of the forum survey's rules, unindented).
    static func computeMean(in cli: StoreCLI, cleaning rules: String, _ options: [String]) throws -> SamlaBinary.Run {
        let file = cli.folder.appendingPathComponent("forum-toc.yaml")
        try framework(indicator: """
            kind: mean
            value: "${new_contacts}"
        """, cleaning: "cleaning:\n  msi-forum:\n" + rules.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            .write(to: file, atomically: true, encoding: .utf8)
        return try cli.run(["compute", "--framework", file.path] + options)
    }

    /// The table names the cleaning rules in its language, and a Swedish table writes a decimal comma.
    @Test(arguments: [
        ("en", "contacts_per_contact  forum-2025  Total  12       6.5  4.2–8.8",
         "  forum-2025: 14 read, removed test responses 1, duplicates 1, 12 kept\n"),
        ("sv", "contacts_per_contact  forum-2025  Totalt  12        6,5  4,2–8,8",
         "  forum-2025: 14\u{A0}lästa, borttagna testsvar 1, dubbletter 1, 12\u{A0}kvar\n"),
    ])
    func theTableNamesTheCleaningRulesAndWritesNumbersInItsLanguage(language: String, row: String, cleaning: String) throws {
        let (run, _) = try Self.cleanedRound(["--lang", language])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains(row + "\n"), "\(run.output)")
        #expect(run.output.contains(cleaning), "\(run.output)")
    }

    /// JSON and the full cleaning log describe the rules in the language asked; figures in JSON keep the point.
    @Test(arguments: [("en", "the same email as an earlier response", "6.5"), ("sv", "samma email som ett tidigare svar", "6.5")])
    func theCleaningLogDescribesTheRulesInTheLanguageAsked(language: String, duplicate: String, estimate: String) throws {
        let (json, cli) = try Self.cleanedRound(["--lang", language, "--format", "json"])
        #expect(json.status == 0, "\(json.errors)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "\(json.output)")
        let logs = try #require(object["cleaning"] as? [[String: Any]])
        let rules = try #require(logs.first?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["rule"] as? String } == ["test", "duplicate"])
        #expect(rules.map { $0["description"] as? String } == ["${new_contacts} > 100", duplicate])
        let rows = try #require(object["rows"] as? [[String: String]])
        #expect(rows.first?["estimate"] == estimate)

        let log = cli.folder.appendingPathComponent("cleaning.csv").path
        let (table, _) = try Self.cleanedRound(["--lang", language, "--cleaning-log", log])
        #expect(table.status == 0, "\(table.errors)")
        let written = try String(contentsOfFile: log, encoding: .utf8)
        #expect(written.contains("forum-2025,duplicate,\(duplicate),14"), "\(written)")
    }

    /// The forum round (twelve imported responses) with two web responses, one completed in a
    /// minute and one in five, cleaned by `min_minutes: 3`, computed with `options`.
    static func timedRound(_ options: [String]) throws -> (run: SamlaBinary.Run, cli: StoreCLI, fast: Int64) {
        let cli = try forumRound(contacts: 2)
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        func store(at minutes: Double) throws -> SQLiteStore {
            try SQLiteStore(path: cli.database, clock: { start.addingTimeInterval(minutes * 60) })
        }
        var ids: [Int64] = []
        for minutes in [1.0, 5.0] {
            let begun = try store(at: 0).createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web),
                                                        today: CalendarDate(year: 2025, month: 6, day: 15)!)
            try store(at: minutes).saveAnswers(["sector": .choice("civil"), "new_contacts": .integer(2)], response: begun.id, currentPage: nil)
            ids.append(try store(at: minutes).completeResponse(begun.id).id)
        }
        return (try computeMean(in: cli, cleaning: "min_minutes: 3", options), cli, ids[0])
    }

    /// The speed rule's count, its description in the language asked and the responses it could
    /// not time are in the table, the JSON and the cleaning log CSV.
    @Test(arguments: [
        ("en", "  forum-2025: 14 read, removed too fast 1 (12 not timed: collected by import or the API), 13 kept\n", "completed in under 3\u{00A0}minutes"),
        ("sv", "  forum-2025: 14\u{A0}lästa, borttagna för snabba 1 (12\u{A0}inte tidtagna: insamlade genom import eller API), 13\u{A0}kvar\n",
         "besvarade på under 3\u{00A0}minuter"),
    ])
    func theSpeedRuleIsLoggedInEveryForm(language: String, table: String, description: String) throws {
        let (run, cli, fast) = try Self.timedRound(["--lang", language, "--cleaning-log", "cleaning.csv"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains(table), "\(run.output)")
        let written = try String(contentsOf: cli.folder.appendingPathComponent("cleaning.csv"), encoding: .utf8)
        #expect(written == "round,rule,description,response_id\r\nforum-2025,speed,\(description),\(fast)\r\n", "\(written)")

        let (json, _, _) = try Self.timedRound(["--lang", language, "--format", "json"])
        #expect(json.status == 0, "\(json.errors)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "\(json.output)")
        let log = try #require((object["cleaning"] as? [[String: Any]])?.first)
        #expect(log["read"] as? Int == 14 && log["kept"] as? Int == 13)
        let rules = try #require(log["rules"] as? [[String: Any]])
        #expect(rules.count == 1)
        #expect(rules.first?["rule"] as? String == "speed")
        #expect(rules.first?["description"] as? String == description)
        #expect(rules.first?["removed"] as? [Int] == [Int(fast)])
        #expect(rules.first?["untimed"] as? Int == 12)
    }
}
