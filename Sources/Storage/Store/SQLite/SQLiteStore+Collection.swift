import Expressions
import Foundation
import GRDB
import SurveyDefinition

extension SQLiteStore: CollectionStore {
    public func linkTarget(tokenHash: String) throws -> LinkTarget? {
        try pool.read { db in
            var invitation: Invitation?
            var responseID: Int64?
            if let row = try Row.fetchOne(db, sql: "SELECT id FROM invitations WHERE token_hash = ?", arguments: [tokenHash]) {
                invitation = try Self.invitation(id: row["id"], db)
                responseID = invitation?.responseID
            } else if let id = try Int64.fetchOne(db, sql: "SELECT response_id FROM response_tokens WHERE token_hash = ?", arguments: [tokenHash]) {
                responseID = id
            } else {
                return nil
            }
            let response = try responseID.flatMap { try Self.storedResponse($0, db) }
            guard let roundID = invitation?.roundID ?? response?.record.roundID else { return nil }
            return LinkTarget(round: try Self.round(id: roundID, db), invitation: invitation, response: response)
        }
    }

    public func commit(_ writes: [CollectionWrite]) throws -> [Result<CollectionWriteResult, any Error>] {
        try pool.write { db in
            var context = CollectionWriteContext()
            return try writes.map { write in
                var result: Result<CollectionWriteResult, any Error> = .failure(StoreError.unknownResponse(0))
                do {
                    try db.inSavepoint {
                        do {
                            result = .success(try context.apply(write, db))
                            return .commit
                        } catch let error as DatabaseError where !Self.isRefusal(error) {
                            throw error
                        } catch {
                            result = .failure(error)
                            return .rollback
                        }
                    }
                }
                return result
            }
        }
    }

    public func idempotencyRecord(round name: String, key: String) throws -> IdempotencyRecord? {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            return try Self.idempotencyRecord(roundID: round.id, key: key, db)
        }
    }

    public func secret(named name: String, byteCount: Int) throws -> [UInt8] {
        if let existing = try pool.read({ db in try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [name]) }) {
            return [UInt8](existing)
        }
        return try pool.write { db in
            // Another process may have made it meanwhile: the first one made is kept.
            if let existing = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [name]) {
                return [UInt8](existing)
            }
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try db.execute(
                sql: "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)",
                arguments: [name, Data(bytes), Timestamp.now().text])
            return bytes
        }
    }

    public func dailyActivity(round name: String) throws -> [DailyActivity] {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            var days: [String: DailyActivity] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT substr(started_at, 1, 10) AS day, count(*) AS n FROM responses WHERE round_id = ? GROUP BY day
                """, arguments: [round.id]) {
                let day: String = row["day"]
                days[day, default: DailyActivity(day: day, started: 0, completed: 0)].started = row["n"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT substr(submitted_at, 1, 10) AS day, count(*) AS n FROM responses
                WHERE round_id = ? AND submitted_at IS NOT NULL GROUP BY day
                """, arguments: [round.id]) {
                let day: String = row["day"]
                days[day, default: DailyActivity(day: day, started: 0, completed: 0)].completed = row["n"]
            }
            return days.values.sorted { $0.day < $1.day }
        }
    }

    public func recentResponses(round name: String, limit: Int) throws -> [ResponseRecord] {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM responses WHERE round_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?
                """, arguments: [round.id, limit])
            return try ids.compactMap { try Self.record($0, db) }
        }
    }

    // MARK: Helpers

    /// Constraint violations are refusals of one write; anything else (I/O, a full disk) fails the commit.
    private static func isRefusal(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CONSTRAINT
    }

    static func invitation(id: Int64, _ db: Database) throws -> Invitation? {
        try Row.fetchOne(db, sql: """
            SELECT i.*, e.email FROM invitations i LEFT JOIN invitation_emails e ON e.invitation_id = i.id WHERE i.id = ?
            """, arguments: [id]).map { row in
            Invitation(
                id: row["id"], roundID: row["round_id"], tokenHash: row["token_hash"], label: row["label"], email: row["email"],
                createdAt: Timestamp(stored: row["created_at"]), responseID: row["response_id"])
        }
    }

    /// A response with its answers, typed by the survey's variable catalogue.
    static func storedResponse(_ id: Int64, _ db: Database) throws -> StoredResponse? {
        guard let record = try record(id, db) else { return nil }
        let surveyID = try round(id: record.roundID, db).surveyID
        let tables = AnswerTables(surveyID: surveyID)
        let types = try variableTypes(survey: surveyID, db)
        var answers: [String: AnswerValue] = [:]
        for personal in [false, true] {
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM \(quoted(tables.table(personal: personal))) WHERE response_id = ?", arguments: [id])
            else { continue }
            for (column, value) in row {
                guard let type = types[column], let answer = ColumnValue.answer(value, as: type) else { continue }
                answers[column] = answer
            }
        }
        return StoredResponse(record: record, answers: answers)
    }

    static func variableTypes(survey: String, _ db: Database) throws -> [String: VariableType] {
        var types: [String: VariableType] = [:]
        let statement = try db.cachedStatement(sql: "SELECT name, type FROM variables WHERE survey_id = ?")
        let rows = try Row.fetchCursor(statement, arguments: [survey])
        while let row = try rows.next() {
            types[row[0]] = VariableType(rawValue: row[1]) ?? .text
        }
        return types
    }

    static func idempotencyRecord(roundID: Int64, key: String, _ db: Database) throws -> IdempotencyRecord? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM idempotency_keys WHERE round_id = ? AND key = ?", arguments: [roundID, key]
        ).map { row in
            IdempotencyRecord(key: row["key"], requestHash: row["request_hash"], status: row["status"], body: row["body"], responseID: row["response_id"])
        }
    }
}

/// What the writes of one commit share: rounds and variable catalogues, read once.
private struct CollectionWriteContext {
    private var roundsByName: [String: Round] = [:]
    private var roundsByID: [Int64: Round] = [:]
    private var catalogues: [String: [String: StoredVariable]] = [:]

    mutating func apply(_ write: CollectionWrite, _ db: Database) throws -> CollectionWriteResult {
        switch write {
        case .beginAnonymous(let start):
            return .response(try beginAnonymous(start, db))
        case .savePage(let save):
            return .response(try savePage(save, db))
        case .submitComplete(let submission):
            return try submitComplete(submission, db)
        }
    }

    private mutating func beginAnonymous(_ start: AnonymousStart, _ db: Database) throws -> ResponseRecord {
        let round = try self.round(named: start.round, db)
        guard round.isCollecting(on: start.today) else { throw StoreError.roundNotCollecting(round.name, phase: round.phase(on: start.today)) }
        guard round.isAnonymous else { throw StoreError.invitationRequired(round: round.name) }
        let id = try insertResponse(round: round, language: start.language, source: .web, db)
        try db.execute(sql: "INSERT INTO response_tokens (token_hash, response_id) VALUES (?, ?)", arguments: [start.tokenHash, id])
        return try SQLiteStore.record(id, db)!
    }

    private mutating func savePage(_ save: PageSave, _ db: Database) throws -> ResponseRecord {
        let responseID: Int64
        let round: Round
        switch save.target {
        case .response(let id):
            guard let record = try SQLiteStore.record(id, db) else { throw StoreError.unknownResponse(id) }
            guard record.status == .partial else { throw StoreError.responseAlreadySubmitted(id) }
            round = try self.round(id: record.roundID, db)
            guard round.isCollecting(on: save.today) else { throw StoreError.roundNotCollecting(round.name, phase: round.phase(on: save.today)) }
            responseID = id
        case .invitation(let invitationID, let roundName):
            round = try self.round(named: roundName, db)
            guard round.isCollecting(on: save.today) else { throw StoreError.roundNotCollecting(round.name, phase: round.phase(on: save.today)) }
            responseID = try insertResponse(round: round, language: save.language, source: .web, db)
            try SQLiteStore.markInvitationUsed(invitationID, response: responseID, db)
        }
        try writeAnswers(save.answers, response: responseID, round: round, db)
        let now = Timestamp.now().text
        if save.completes {
            try db.execute(
                sql: "UPDATE responses SET status = 'complete', submitted_at = ?, updated_at = ?, current_page = ?, language = ? WHERE id = ?",
                arguments: [now, now, save.currentPage, save.language, responseID])
        } else {
            try db.execute(
                sql: "UPDATE responses SET updated_at = ?, current_page = ?, language = ? WHERE id = ?",
                arguments: [now, save.currentPage, save.language, responseID])
        }
        return try SQLiteStore.record(responseID, db)!
    }

    private mutating func submitComplete(_ submission: CompleteSubmission, _ db: Database) throws -> CollectionWriteResult {
        let round = try self.round(named: submission.round, db)
        if let claim = submission.idempotency, let earlier = try SQLiteStore.idempotencyRecord(roundID: round.id, key: claim.key, db) {
            return .replayed(earlier)
        }
        guard round.isCollecting(on: submission.today) else { throw StoreError.roundNotCollecting(round.name, phase: round.phase(on: submission.today)) }
        guard round.definitionHash == submission.definitionHash else {
            throw StoreError.definitionNotPinned(round: round.name, pinned: round.definitionHash, given: submission.definitionHash)
        }
        let id = try insertResponse(round: round, language: submission.language, source: submission.source, db)
        try writeAnswers(submission.answers.filter { $0.value != nil }, response: id, round: round, db)
        let now = Timestamp.now().text
        try db.execute(
            sql: "UPDATE responses SET status = 'complete', submitted_at = ?, updated_at = ? WHERE id = ?", arguments: [now, now, id])
        if let claim = submission.idempotency {
            try db.execute(
                sql: """
                    INSERT INTO idempotency_keys (round_id, key, request_hash, status, body, response_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [round.id, claim.key, claim.requestHash, claim.status, claim.body(id), id, now])
        }
        return .response(try SQLiteStore.record(id, db)!)
    }

    private func insertResponse(round: Round, language: String, source: ResponseSource, _ db: Database) throws -> Int64 {
        let now = Timestamp.now().text
        let insert = try db.cachedStatement(sql: """
            INSERT INTO responses (round_id, definition_hash, language, status, started_at, updated_at, source)
            VALUES (?, ?, ?, 'partial', ?, ?, ?)
            """)
        try insert.execute(arguments: [round.id, round.definitionHash, language, now, now, source.rawValue])
        let id = db.lastInsertedRowID
        let answers = try db.cachedStatement(
            sql: "INSERT INTO \(quoted(AnswerTables(surveyID: round.surveyID).answers)) (response_id, round_id) VALUES (?, ?)")
        try answers.execute(arguments: [id, round.id])
        return id
    }

    /// Upserts the given variables into the answer and personal tables, typed by the catalogue.
    private mutating func writeAnswers(_ values: [String: AnswerValue?], response: Int64, round: Round, _ db: Database) throws {
        guard !values.isEmpty else { return }
        let catalogue = try catalogue(survey: round.surveyID, db)
        let tables = AnswerTables(surveyID: round.surveyID)
        var columns: [Bool: [(String, DatabaseValue)]] = [false: [], true: []]
        for name in values.keys.sorted() {
            guard let variable = catalogue[name] else { throw StoreError.unknownVariable(name, survey: round.surveyID) }
            columns[variable.isPII]!.append((name, try ColumnValue.databaseValue(values[name]!, as: variable.type, variable: name)))
        }
        for (personal, assigned) in columns where !assigned.isEmpty {
            let names = assigned.map { quoted($0.0) }
            let statement = try db.cachedStatement(sql: """
                INSERT INTO \(quoted(tables.table(personal: personal))) (response_id, round_id, \(names.joined(separator: ", ")))
                VALUES (?, ?\(String(repeating: ", ?", count: names.count)))
                ON CONFLICT (response_id) DO UPDATE SET \(names.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                """)
            try statement.execute(arguments: StatementArguments([response.databaseValue, round.id.databaseValue] + assigned.map(\.1)))
        }
    }

    private mutating func round(named name: String, _ db: Database) throws -> Round {
        if let round = roundsByName[name] { return round }
        let round = try SQLiteStore.existingRound(named: name, db)
        remember(round)
        return round
    }

    private mutating func round(id: Int64, _ db: Database) throws -> Round {
        if let round = roundsByID[id] { return round }
        let round = try SQLiteStore.round(id: id, db)
        remember(round)
        return round
    }

    private mutating func remember(_ round: Round) {
        roundsByName[round.name] = round
        roundsByID[round.id] = round
    }

    private mutating func catalogue(survey: String, _ db: Database) throws -> [String: StoredVariable] {
        if let catalogue = catalogues[survey] { return catalogue }
        let catalogue = Dictionary(uniqueKeysWithValues: try SQLiteStore.variables(survey: survey, db).map { ($0.name, $0) })
        catalogues[survey] = catalogue
        return catalogue
    }
}
