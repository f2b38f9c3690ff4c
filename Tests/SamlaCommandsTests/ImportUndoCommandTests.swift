import Expressions
import Foundation
import GRDB
import Store
import Testing

/// `samla import list` and `samla import undo`, run as the built binary: the list, a preview that
/// changes nothing, the removal with `--yes`, and the refusals; `samla import --round R FILE` as before.
@Suite struct ImportUndoCommandTests {
    /// Round forum-2025 with invitations to Anna and Bo and `responses.csv` (import 1: Anna's response
    /// by her token, and one without an invitation; `EraseCommandTests`), a web response to Bo's invitation, and
    /// `more.csv` (import 2: one response). Returns the web response's id.
    func roundWithTwoImports(_ cli: StoreCLI) throws -> Int64 {
        _ = try EraseCommandTests().roundWithResponses(cli)
        let store = try SQLiteStore(path: cli.database)
        let bo = try store.invitations(round: "forum-2025")[1].id
        let web = try store.createResponse(NewResponse(round: "forum-2025", language: "sv", source: .web, invitationID: bo), today: .today())
        try store.saveAnswers(["sector": .choice("private"), "useful": .choice("1")], response: web.id, currentPage: nil)
        let webID = try store.completeResponse(web.id).id
        try Data("sector,useful,new_contacts\nprivate,2,2\n".utf8).write(to: cli.folder.appendingPathComponent("more.csv"))
        let second = try cli.run(["import", "--round", "forum-2025", "more.csv"])
        #expect(second.status == 0, "\(second.errors)")
        return webID
    }

    /// The bytes of the database and of its WAL (none when there is no WAL file).
    func files(_ cli: StoreCLI) -> [Data] {
        [cli.database, cli.database + "-wal"].map { (try? Data(contentsOf: URL(fileURLWithPath: $0))) ?? Data() }
    }

    @Test func theListShowsEachImportAndTheUndoPreviewsThenRemovesOnlyItsResponses() throws {
        let cli = try StoreCLI()
        let web = try roundWithTwoImports(cli)
        let imports = try SQLiteStore(path: cli.database).fileImports(round: "forum-2025")
        func line(_ index: Int, _ rest: String) -> String {
            "import \(index + 1), \(imports[index].importedAt.minuteText): \(imports[index].fileName) (sha256 \(imports[index].sha256.prefix(12))), \(rest)"
        }
        let list = try cli.run(["import", "list", "--round", "forum-2025"])
        #expect(list.status == 0, "\(list.errors)")
        #expect(list.output == line(0, "2 rows imported, 2 responses left") + "\n" + line(1, "1 row imported, 1 response left") + "\n")

        let before = files(cli)
        let preview = try cli.run(["import", "undo", "--round", "forum-2025", "--id", "1"])
        #expect(preview.status == 0, "\(preview.errors)")
        #expect(preview.errors.isEmpty)
        #expect(preview.output == """
            import 1 of round forum-2025 (responses.csv, imported \(imports[0].importedAt.minuteText)): taking it back would remove 2 responses (2 complete, 0 partial) with every answer; \
            invitation 1 would be unanswered again, its link usable; the import would stay listed, undone, and its file could be imported again without --again
            nothing was removed; add --yes to remove it

            """)
        #expect(files(cli) == before, "the preview leaves the database's files as they were")

        let undone = try cli.run(["import", "undo", "--round", "forum-2025", "--id", "1", "--yes"])
        #expect(undone.status == 0, "\(undone.errors)")
        #expect(undone.output.hasPrefix("took back import 1 of round forum-2025 (responses.csv, imported \(imports[0].importedAt.minuteText)): removed 2 responses (2 complete, 0 partial)"))
        let undoneAt: Timestamp
        do {
            let store = try SQLiteStore(path: cli.database)
            #expect(try store.response(1) == nil && store.response(2) == nil)
            #expect(try store.response(web)?.answers["sector"] == .choice("private"), "the web response stays")
            #expect(try store.response(4)?.answers["sector"] == .choice("private"), "the other import's response stays")
            #expect(try store.invitations(round: "forum-2025").map(\.responseID) == [nil, web])
            #expect(try store.roundSummaries()[0].complete == 2)
            undoneAt = try #require(try store.fileImports(round: "forum-2025")[0].undoneAt)
        }

        let after = try cli.run(["import", "list", "--round", "forum-2025"])
        #expect(after.output == line(0, "2 rows imported; taken back on \(undoneAt.minuteText), 2 responses removed") + "\n" + line(1, "1 row imported, 1 response left") + "\n")

        let again = try cli.run(["import", "--round", "forum-2025", "responses.csv"])
        #expect(again.status == 0, "the file imports again without --again: \(again.errors)")
        #expect(try SQLiteStore(path: cli.database).invitations(round: "forum-2025")[0].responseID != nil, "Anna's token answers her invitation again")
    }

    @Test func theListAndTheUndoInJSON() throws {
        let cli = try StoreCLI()
        _ = try roundWithTwoImports(cli)
        let listed = try cli.run(["import", "list", "--round", "forum-2025", "--format", "json"])
        #expect(listed.status == 0, "\(listed.errors)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: Any])
        let entries = try #require(list["imports"] as? [[String: Any]])
        #expect(list["round"] as? String == "forum-2025")
        #expect(entries.map { $0["id"] as? Int } == [1, 2])
        #expect(entries.map { $0["file_name"] as? String } == ["responses.csv", "more.csv"])
        #expect(entries.map { $0["responses_left"] as? Int } == [2, 1])
        #expect(entries.map { $0["undone"] as? Bool } == [false, false])
        #expect(entries.allSatisfy { ($0["sha256"] as? String)?.count == 64 && $0["undone_at"] is NSNull && $0["tracked"] as? Bool == true })

        let undone = try cli.run(["import", "undo", "--round", "forum-2025", "--id", "2", "--yes", "--format", "json"])
        #expect(undone.status == 0, "\(undone.errors)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(undone.output.utf8)) as? [String: Any])
        #expect(outcome["undone"] as? Bool == true && outcome["import_id"] as? Int == 2 && outcome["responses"] as? Int == 1)
        #expect(outcome["invitations"] as? [Int] == [] && outcome["undone_at"] is String)
    }

    @Test func eachRefusalNamesWhatAndWhyAndRemovesNothing() throws {
        let cli = try StoreCLI()
        _ = try roundWithTwoImports(cli)
        let unknown = try cli.run(["import", "undo", "--round", "forum-2025", "--id", "9", "--yes"])
        #expect(unknown.status == 1)
        #expect(unknown.errors == "field --id: error[E497]: round forum-2025 has no import 9 in .samla/samla.sqlite: its imports are 1, 2; "
            + "`samla import list --round forum-2025` lists them with their files\n")

        #expect(try cli.run(["import", "undo", "--round", "forum-2025", "--id", "2", "--yes"]).status == 0)
        let twice = try cli.run(["import", "undo", "--round", "forum-2025", "--id", "2", "--yes"])
        #expect(twice.status == 1)
        #expect(twice.errors.hasPrefix("field --id: error[E499]: import 2 of round forum-2025 (more.csv) was taken back already on "))
        #expect(twice.errors.hasSuffix(", removing 1 response; nothing was removed. Its file may be imported again, without --again\n"))

        // What a database migrated from before v9 holds: an import whose responses name none.
        try DatabaseQueue(path: cli.database).write { db in
            try db.execute(sql: "UPDATE responses SET import_id = NULL WHERE import_id = 1; UPDATE imports SET tracked = 0 WHERE id = 1")
        }
        let before = files(cli)
        let untracked = try cli.run(["import", "undo", "--round", "forum-2025", "--id", "1"])
        #expect(untracked.status == 1)
        #expect(untracked.errors.contains("error[E498]: import 1 of round forum-2025 (responses.csv on "))
        #expect(untracked.errors.contains("was made before this database recorded which import added each response, so its responses cannot be told apart from the round's others; "
            + "nothing was removed. To take it back, restore the database from a backup made before it (docs/store.md, \"Restoring a backup\")"))
        #expect(files(cli) == before)
        let listed = try cli.run(["import", "list", "--round", "forum-2025"])
        #expect(listed.output.contains("2 rows imported; made before this database recorded which import added each response, so it cannot be taken back\n"))
        #expect(try SQLiteStore(path: cli.database).roundSummaries()[0].complete == 3)

        let noID = try cli.run(["import", "undo", "--round", "forum-2025"])
        #expect(noID.status == 2 && noID.errors.contains("Missing expected argument '--id <id>'"), "\(noID.errors)")
    }

    /// Responses withdrawn since the import are counted (W427) and the rest goes.
    @Test func aWithdrawalSinceIsCountedAndTheUndoGoesOn() throws {
        let cli = try StoreCLI()
        _ = try roundWithTwoImports(cli)
        #expect(try cli.run(["erase", "--response", "2", "--withdraw", "--yes"]).status == 0)
        let undone = try cli.run(["import", "undo", "--round", "forum-2025", "--id", "1", "--yes"])
        #expect(undone.status == 0, "\(undone.errors)")
        #expect(undone.errors == "field --id: warning[W427]: since import 1 of round forum-2025: 1 response was withdrawn (samla erase --withdraw) and is gone already, "
            + "so it was not among those removed. The erasures log keeps what was erased (samla erase --log)\n")
        #expect(undone.output.contains("removed 1 response (1 complete, 0 partial) with every answer; invitation 1 is unanswered again, its link usable"))
    }

    @Test func theHelpOfImportExplainsAllThree() throws {
        let cli = try StoreCLI()
        let help = try cli.run(["help", "import"])
        #expect(help.status == 0)
        for text in ["samla import --round <name> <file.csv>", "samla import list --round <name>", "samla import undo --round <name> --id <id> [--yes]",
                     "--again", "Taking an import back"] {
            #expect(help.output.contains(text), "\(text) in \(help.output)")
        }
    }
}
