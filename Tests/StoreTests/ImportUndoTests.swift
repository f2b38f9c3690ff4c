import Foundation
import GRDB
import Testing
@testable import Store

/// `importUndoPlan` and `undoImport`: each imported response carries its import, and taking an
/// import back removes exactly its responses, with every row that holds their data, leaves their
/// invitations unanswered and keeps the import, marked undone.
@Suite struct ImportUndoTests {
    let document = TestSurveys.document()
    static let paper = ImportedFile(path: "in/paper.csv", sha256: String(repeating: "ab", count: 32), byteCount: 1200)
    static let partner = ImportedFile(path: "partner.csv", sha256: String(repeating: "cd", count: 32), byteCount: 800)

    /// Imports `count` responses from `file`, the first `partial` of them partial, the first ones
    /// answering `invitations` in order; returns their ids.
    @discardableResult
    private func importResponses(
        _ count: Int, from file: ImportedFile, partial: Int = 0, invitations: [Int64] = [], again: Bool = false, into store: SQLiteStore
    ) throws -> [Int64] {
        var ids: [Int64] = []
        try store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            for i in 0..<count {
                ids.append(try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(
                    language: "sv", status: i < partial ? .partial : .complete, currentPage: i < partial ? "more" : nil,
                    invitationID: i < invitations.count ? invitations[i] : nil)))
            }
            try inserter.recordFile(file, again: again)
        }
        return ids
    }

    /// A round with three invitations, a web response to the third, and two imports: `paper.csv`
    /// (three responses, the first partial, the first two answering invitations 1 and 2) and
    /// `partner.csv` (two responses).
    private func roundWithTwoImports(clock: @escaping @Sendable () -> Date = { Date() }) throws -> (TemporaryStore, paper: [Int64], partner: [Int64], web: Int64) {
        let temporary = try TemporaryStore(clock: clock)
        try temporary.open("shop-2025", document)
        let invitations = try temporary.store.addInvitations((0..<3).map { _ in NewInvitation(token: .random()) }, round: "shop-2025", today: TestSurveys.today)
        let paper = try importResponses(3, from: Self.paper, partial: 1, invitations: [invitations[0].id, invitations[1].id], into: temporary.store)
        let web = try temporary.store.createResponse(
            NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: invitations[2].id), today: TestSurveys.today)
        try temporary.store.saveAnswers(["founded": .integer(1901), "contact_email": .text("webb@example.se")], response: web.id, currentPage: "more")
        let partner = try importResponses(2, from: Self.partner, into: temporary.store)
        return (temporary, paper, partner, web.id)
    }

    private func count(_ sql: String, _ store: SQLiteStore) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: sql)! }
    }

    /// Rows of each table that holds a response's data, for `responses`.
    private func rowsHolding(_ responses: [Int64], _ store: SQLiteStore) throws -> [String: Int] {
        let list = responses.map(String.init).joined(separator: ", ")
        let tables = AnswerTables(surveyID: "shop")
        var rows: [String: Int] = [:]
        for (name, column) in [("responses", "id"), (tables.answers, "response_id"), (tables.personal, "response_id"),
                               ("response_tokens", "response_id"), ("idempotency_keys", "response_id"), ("invitations", "response_id")] {
            rows[name] = try count("SELECT count(*) FROM \(quoted(name)) WHERE \(column) IN (\(list))", store)
        }
        return rows
    }

    @Test func eachImportedResponseCarriesItsImportAndTheListCountsThem() throws {
        let (temporary, paper, partner, web) = try roundWithTwoImports()
        let store = temporary.store
        let imports = try store.fileImports(round: "shop-2025")
        #expect(imports.map(\.id) == [1, 2])
        #expect(imports.map(\.responsesLeft) == [3, 2])
        #expect(imports.allSatisfy { $0.isTracked && $0.undoneAt == nil })
        let byImport = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, import_id FROM responses ORDER BY id").map { ($0["id"] as Int64, $0["import_id"] as Int64?) }
        }
        #expect(byImport.map(\.0) == paper + [web] + partner)
        #expect(byImport.map(\.1) == [1, 1, 1, nil, 2, 2], "the web response names no import")
    }

    @Test func responsesLoadedWithoutAFileNameNoImport() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        try temporary.importResponses(2, round: "shop-2025", document)
        #expect(try count("SELECT count(*) FROM responses WHERE import_id IS NOT NULL", temporary.store) == 0)
        #expect(try temporary.store.fileImports(round: "shop-2025").isEmpty)
    }

    @Test func thePlanCountsWhatGoesAndWritesNothing() throws {
        let (temporary, paper, _, _) = try roundWithTwoImports()
        let store = temporary.store
        let before = try rowsHolding(paper, store)
        let plan = try store.importUndoPlan(1, round: "shop-2025")
        #expect(plan.fileImport.fileName == "paper.csv" && plan.fileImport.id == 1)
        #expect(plan.complete == 2 && plan.partial == 1 && plan.responses == 3)
        #expect(plan.invitations == [1, 2])
        #expect(plan.withdrawn == 0 && plan.personalDataErased == 0 && plan.continuedOnWeb == 0 && plan.undoneAt == nil)
        #expect(try rowsHolding(paper, store) == before)
        #expect(try store.fileImports(round: "shop-2025")[0].undoneAt == nil)
    }

    @Test func undoRemovesTheImportsResponsesWithEveryAnswerAndLeavesTheOthers() throws {
        let (temporary, paper, partner, web) = try roundWithTwoImports()
        let store = temporary.store
        let othersBefore = try rowsHolding(partner + [web], store)
        let webAnswers = try store.response(web)?.answers

        let undo = try store.undoImport(1, round: "shop-2025")
        #expect(undo.responses == 3 && undo.invitations == [1, 2] && undo.undoneAt != nil)
        #expect(try rowsHolding(paper, store).values.allSatisfy { $0 == 0 })
        let invitations = try store.invitations(round: "shop-2025")
        #expect(invitations.map(\.responseID) == [nil, nil, web], "the import's invitations are unanswered again, the web one keeps its response")
        #expect(try rowsHolding(partner + [web], store) == othersBefore)
        #expect(try store.response(web)?.answers == webAnswers)
        #expect(try store.roundSummaries()[0].complete == 2)
        #expect(try store.pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)

        let imports = try store.fileImports(round: "shop-2025")
        #expect(imports[0].undoneAt == undo.undoneAt && imports[0].responsesRemoved == 3 && imports[0].responsesLeft == 0)
        #expect(imports[0].rowsImported == 3, "the history keeps what the import stored")
        #expect(imports[1].undoneAt == nil && imports[1].responsesLeft == 2)
    }

    @Test func aFileTakenBackImportsAgainWithoutAgain() throws {
        let (temporary, _, _, _) = try roundWithTwoImports()
        let store = temporary.store
        let earlier = try store.fileImports(round: "shop-2025")[0]
        #expect(throws: StoreError.fileAlreadyImported(Self.paper, earlier: earlier)) {
            try importResponses(3, from: Self.paper, into: store)
        }
        try store.undoImport(1, round: "shop-2025")
        try importResponses(3, from: Self.paper, into: store)
        let imports = try store.fileImports(round: "shop-2025")
        #expect(imports.map(\.fileName) == ["paper.csv", "partner.csv", "paper.csv"])
        #expect(imports.map(\.responsesLeft) == [0, 2, 3])
        let again = imports[2]
        #expect(throws: StoreError.fileAlreadyImported(Self.paper, earlier: again), "the new import stands, and counts") {
            try importResponses(3, from: Self.paper, into: store)
        }
    }

    @Test func anUnknownOrUndoneImportIsRefusedAndNothingIsRemoved() throws {
        let (temporary, paper, _, _) = try roundWithTwoImports()
        let store = temporary.store
        #expect(throws: StoreError.importUndo(.unknownImport(7, round: "shop-2025", ids: [1, 2]))) {
            try store.undoImport(7, round: "shop-2025")
        }
        #expect(throws: StoreError.importUndo(.unknownImport(1, round: "shop-2026", ids: []))) {
            try temporary.open("shop-2026", document)
            _ = try store.importUndoPlan(1, round: "shop-2026")
        }
        #expect(try rowsHolding(paper, store)["responses"] == 3)
        try store.undoImport(1, round: "shop-2025")
        let undone = try store.fileImports(round: "shop-2025")[0]
        #expect(throws: StoreError.importUndo(.alreadyUndone(undone))) { try store.undoImport(1, round: "shop-2025") }
        #expect(throws: StoreError.importUndo(.alreadyUndone(undone))) { try store.importUndoPlan(1, round: "shop-2025") }
    }

    /// A withdrawn response is gone already and counted; one whose personal data was erased goes
    /// with the rest, counted too.
    @Test func erasuresSinceAreCountedAndDoNotStopTheUndo() throws {
        let (temporary, paper, _, _) = try roundWithTwoImports()
        let store = temporary.store
        try store.erase(.withdrawal(.response(paper[1])))
        try store.erase(.personalData(.response(paper[2])))
        let plan = try store.importUndoPlan(1, round: "shop-2025")
        #expect(plan.withdrawn == 1 && plan.personalDataErased == 1 && plan.responses == 2 && plan.invitations == [1])
        let undo = try store.undoImport(1, round: "shop-2025")
        #expect(undo.responses == 2)
        #expect(try rowsHolding(paper, store).values.allSatisfy { $0 == 0 })
        #expect(try store.invitations(round: "shop-2025")[1].isWithdrawn, "the withdrawn invitation stays withdrawn")
        #expect(try store.erasures().count == 2, "the erasures log is kept")
        #expect(try store.fileImports(round: "shop-2025")[0].responsesRemoved == 2)
    }

    /// Responses imported after an undo never take the ids of those it removed (`v10: response ids
    /// never reused`), and an erasure logged for a removed response is not counted for a new one.
    @Test func anErasureOfARemovedResponseIsNotCountedForTheResponseThatTakesItsID() throws {
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let temporary = try TemporaryStore(clock: { start })
        try temporary.open("shop-2025", document)
        let first = try importResponses(3, from: Self.paper, into: temporary.store)
        try SQLiteStore(path: temporary.path, clock: { start.addingTimeInterval(60) }).erase(.personalData(.response(first[2])))
        try SQLiteStore(path: temporary.path, clock: { start.addingTimeInterval(120) }).undoImport(1, round: "shop-2025")
        let later = try SQLiteStore(path: temporary.path, clock: { start.addingTimeInterval(180) })
        let second = try importResponses(3, from: Self.paper, into: later)
        #expect(second.min()! > first.max()!, "the new responses take new ids: \(first) then \(second)")
        let plan = try later.importUndoPlan(2, round: "shop-2025")
        #expect(plan.personalDataErased == 0 && plan.responses == 3)
    }

    /// An import taken back may be one that should never have been made (the wrong round's file,
    /// with its addresses): what it removed leaves the database file and its WAL, as an erasure's does.
    @Test func theRemovedAnswersLeaveTheFiles() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        _ = try importResponses(3, from: Self.paper, into: temporary.store)
        try temporary.store.undoImport(1, round: "shop-2025")
        for removed in ["person0@example.se", "person2@example.se", "Person 1"] {
            for file in [temporary.path, temporary.path + "-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
                #expect(bytes.range(of: Data(removed.utf8)) == nil, "\(removed) in \(file)")
            }
        }
    }

    /// A partial imported response that its respondent went on with through the invitation's link
    /// after the import is counted, and goes with the rest; a row dated a little after the import
    /// (its `submitted_at`, up to a day ahead) is not taken for one continued.
    @Test func aResponseContinuedOnTheWebIsCountedAndGoes() throws {
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let (temporary, paper, _, _) = try roundWithTwoImports(clock: { start })
        try temporary.store.pool.write { db in
            try db.execute(sql: """
                UPDATE responses SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', started_at, '+2 hours'),
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+2 hours') WHERE id = ?
                """, arguments: [paper[0]])
        }
        let later = try SQLiteStore(path: temporary.path, clock: { start.addingTimeInterval(3600) })
        #expect(try later.importUndoPlan(1, round: "shop-2025").continuedOnWeb == 0)
        try later.saveAnswers(["founded": .integer(1950)], response: paper[0], currentPage: "more")
        let undo = try later.undoImport(1, round: "shop-2025")
        #expect(undo.continuedOnWeb == 1 && undo.responses == 3)
        #expect(try rowsHolding(paper, later).values.allSatisfy { $0 == 0 })
    }

    /// Migrating to `v10: response ids never reused` keeps every response as it was and starts the
    /// ids above every id the table and the erasures log hold: a response removed before the
    /// migration (here 7, withdrawn, the highest) does not lend its id to the next.
    @Test func theMigrationStartsNewIDsAboveEveryIDUsedBefore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-v9-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v9.sqlite").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: Schema.importReferencesMigration)
        let hash = String(repeating: "0", count: 64)
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO definitions VALUES ('\(hash)', 'shop', '1', 'x', '2025-01-01T00:00:00.000Z');
                INSERT INTO rounds (id, name, survey_id, definition_hash, opens, closes, status, anonymous, created_at)
                VALUES (1, 'shop-2025', 'shop', '\(hash)', '2025-01-01', '2025-12-31', 'closed', 1, '2025-01-01T00:00:00.000Z');
                INSERT INTO responses (id, round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source, current_page)
                VALUES (1, 1, '\(hash)', 'sv', 'complete', '2025-02-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', 'web', NULL),
                       (2, 1, '\(hash)', 'en', 'partial', '2025-02-02T00:00:00.000Z', '2025-02-03T00:00:00.000Z', NULL, 'web', 'more');
                INSERT INTO erasures (erased_at, kind, round_id, response_id, response_status, responses, personal_answers, other_answers, emails, labels)
                VALUES ('2025-03-01T00:00:00.000Z', 'withdrawal', 1, 7, 'complete', 1, 0, 4, 0, 0);
                """)
        }
        let before = try old.read { db in try Row.fetchAll(db, sql: "SELECT * FROM responses ORDER BY id") }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains(Schema.responseIDsNeverReusedMigration))
        try store.pool.write { db in
            #expect(try Row.fetchAll(db, sql: "SELECT * FROM responses ORDER BY id") == before)
            #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'responses'")?.contains("AUTOINCREMENT") == true)
            #expect(try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'responses' AND type = 'index'"))
                == ["responses_by_round", "responses_by_import"])
            try db.execute(sql: """
                INSERT INTO responses (round_id, definition_hash, language, status, started_at, updated_at, source)
                VALUES (1, '\(hash)', 'sv', 'partial', '2025-04-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z', 'web')
                """)
            #expect(db.lastInsertedRowID == 8)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }

    /// A database of the schema before `v9: import references` keeps its imports, which cannot be
    /// taken back; imports made after the migration can.
    @Test func importsMadeBeforeTheMigrationAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-v8-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v8.sqlite").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: Schema.suppressionsMigration)
        let hash = String(repeating: "0", count: 64)
        try old.write { db in
            #expect(try !db.columns(in: "responses").map(\.name).contains("import_id"))
            try db.execute(sql: """
                INSERT INTO definitions VALUES ('\(hash)', 'shop', '1', 'x', '2025-01-01T00:00:00.000Z');
                INSERT INTO rounds (id, name, survey_id, definition_hash, opens, closes, status, anonymous, created_at)
                VALUES (1, 'shop-2025', 'shop', '\(hash)', '2025-01-01', '2025-12-31', 'closed', 1, '2025-01-01T00:00:00.000Z');
                INSERT INTO responses (id, round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source)
                VALUES (1, 1, '\(hash)', 'sv', 'complete', '2025-02-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', 'import');
                INSERT INTO imports (id, round_id, sha256, file_name, byte_count, rows_imported, imported_at)
                VALUES (1, 1, '\(Self.paper.sha256)', 'paper.csv', 1200, 1, '2025-02-01T10:15:00.000Z');
                """)
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains(Schema.importReferencesMigration))
        let imports = try store.fileImports(round: "shop-2025")
        #expect(imports.count == 1 && imports[0].responsesLeft == nil && !imports[0].isTracked && imports[0].undoneAt == nil)
        #expect(throws: StoreError.importUndo(.untracked(imports[0]))) { try store.undoImport(1, round: "shop-2025") }
        #expect(try count("SELECT count(*) FROM responses", store) == 1)
        #expect(throws: (any Error).self, "a web response names no import") {
            try store.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO responses (round_id, definition_hash, language, status, started_at, updated_at, source, import_id)
                    VALUES (1, '\(hash)', 'sv', 'partial', 'x', 'x', 'web', 1)
                    """)
            }
        }
    }

    @Test func theRefusalsSayWhatAndWhy() {
        let made = FileImport(id: 3, round: "shop-2025", fileName: "paper.csv", sha256: Self.paper.sha256, byteCount: 120_000, rowsImported: 4_120,
                              importedAt: Timestamp(iso: "2026-03-02T10:15:00Z")!, responsesLeft: 0,
                              undoneAt: Timestamp(iso: "2026-03-04T08:40:00Z")!, responsesRemoved: 4_100)
        var untracked = made
        (untracked.responsesLeft, untracked.undoneAt, untracked.responsesRemoved) = (nil, nil, nil)
        let messages = [
            ImportUndoRefusal.unknownImport(7, round: "shop-2025", ids: [1, 3]), .unknownImport(1, round: "shop-2026", ids: []),
            .untracked(untracked), .alreadyUndone(made),
        ].flatMap { StoreError.importUndo($0).diagnostics(database: "x.sqlite").map(\.description) }
        #expect(messages == [
            "field --id: error[E497]: round shop-2025 has no import 7 in x.sqlite: its imports are 1, 3; `samla import list --round shop-2025` lists them with their files",
            "field --id: error[E497]: round shop-2026 has no import 1 in x.sqlite: it has none; `samla import list --round shop-2026` lists them with their files",
            "field --id: error[E498]: import 3 of round shop-2025 (paper.csv on 2026-03-02 10:15 UTC) was made before this database recorded which import added each response, "
                + "so its responses cannot be told apart from the round's others; nothing was removed. To take it back, restore the database from a backup made before it "
                + "(docs/store.md, \"Restoring a backup\")",
            "field --id: error[E499]: import 3 of round shop-2025 (paper.csv) was taken back already on 2026-03-04 08:40 UTC, removing 4,100 responses; nothing was removed. "
                + "Its file may be imported again, without --again",
        ])
    }
}
