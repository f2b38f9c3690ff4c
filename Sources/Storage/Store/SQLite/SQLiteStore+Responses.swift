import Expressions
import GRDB
import SurveyDefinition

extension SQLiteStore {
    public func createResponse(_ response: NewResponse, today: CalendarDate) throws -> ResponseRecord {
        try pool.write { db in
            let round = try Self.existingRound(named: response.round, db)
            guard round.isCollecting(on: today) else { throw StoreError.roundNotCollecting(round.name, phase: round.phase(on: today)) }
            if response.source == .web, !round.isAnonymous, response.invitationID == nil {
                throw StoreError.invitationRequired(round: round.name)
            }
            let now = self.now()
            try db.execute(
                sql: """
                    INSERT INTO responses (round_id, definition_hash, language, status, started_at, updated_at, source, current_page)
                    VALUES (?, ?, ?, 'partial', ?, ?, ?, ?)
                    """,
                arguments: [round.id, round.definitionHash, response.language, now.text, now.text, response.source.rawValue, response.currentPage])
            let id = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO \(quoted(AnswerTables(surveyID: round.surveyID).answers)) (response_id, round_id) VALUES (?, ?)",
                arguments: [id, round.id])
            if let invitation = response.invitationID { try Self.markInvitationUsed(invitation, response: id, db) }
            return try Self.record(id, db)!
        }
    }

    public func saveAnswers(_ answers: [String: AnswerValue?], response responseID: Int64, currentPage: String?) throws {
        try pool.write { db in
            guard let record = try Self.record(responseID, db) else { throw StoreError.unknownResponse(responseID) }
            guard record.status == .partial else { throw StoreError.responseAlreadySubmitted(responseID) }
            let round = try Self.round(id: record.roundID, db)
            let tables = AnswerTables(surveyID: round.surveyID)
            let catalogue = Dictionary(uniqueKeysWithValues: try Self.variables(survey: round.surveyID, db).map { ($0.name, $0) })
            var columns: [Bool: [(String, DatabaseValue)]] = [false: [], true: []]
            for name in answers.keys.sorted() {
                guard let variable = catalogue[name] else { throw StoreError.unknownVariable(name, survey: round.surveyID) }
                columns[variable.isPII]!.append((name, try ColumnValue.databaseValue(answers[name]!, as: variable.type, variable: name)))
            }
            for (personal, values) in columns where !values.isEmpty {
                let names = values.map { quoted($0.0) }
                try db.execute(
                    sql: """
                        INSERT INTO \(quoted(tables.table(personal: personal))) (response_id, round_id, \(names.joined(separator: ", ")))
                        VALUES (?, ?\(String(repeating: ", ?", count: names.count)))
                        ON CONFLICT (response_id) DO UPDATE SET \(names.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                        """,
                    arguments: StatementArguments([responseID.databaseValue, record.roundID.databaseValue] + values.map(\.1)))
            }
            try db.execute(
                sql: "UPDATE responses SET updated_at = ?, current_page = ? WHERE id = ?",
                arguments: [now().text, currentPage, responseID])
        }
    }

    public func completeResponse(_ responseID: Int64) throws -> ResponseRecord {
        try pool.write { db in
            guard let record = try Self.record(responseID, db) else { throw StoreError.unknownResponse(responseID) }
            guard record.status == .partial else { throw StoreError.responseAlreadySubmitted(responseID) }
            let now = self.now().text
            try db.execute(
                sql: "UPDATE responses SET status = 'complete', submitted_at = ?, updated_at = ? WHERE id = ?",
                arguments: [now, now, responseID])
            return try Self.record(responseID, db)!
        }
    }

    public func response(_ responseID: Int64) throws -> StoredResponse? {
        try pool.read { db in try Self.storedResponse(responseID, db) }
    }

    /// A response with its answers, personal ones included; nil when there is none with the id.
    static func storedResponse(_ responseID: Int64, _ db: Database) throws -> StoredResponse? {
        guard let record = try record(responseID, db) else { return nil }
        let surveyID = try round(id: record.roundID, db).surveyID
        let tables = AnswerTables(surveyID: surveyID)
        var answers: [String: AnswerValue] = [:]
        let catalogue = Dictionary(uniqueKeysWithValues: try variables(survey: surveyID, db).map { ($0.name, $0) })
        for personal in [false, true] {
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM \(quoted(tables.table(personal: personal))) WHERE response_id = ?", arguments: [responseID])
            else { continue }
            for (column, value) in row {
                guard let variable = catalogue[column], let answer = ColumnValue.answer(value, as: variable.type) else { continue }
                answers[column] = answer
            }
        }
        return StoredResponse(record: record, answers: answers)
    }

    static func record(_ id: Int64, _ db: Database) throws -> ResponseRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM responses WHERE id = ?", arguments: [id]).map { row in
            ResponseRecord(
                id: row["id"], roundID: row["round_id"], definitionHash: row["definition_hash"], language: row["language"],
                status: ResponseStatus(rawValue: row["status"]) ?? .partial,
                startedAt: Timestamp(stored: row["started_at"]), updatedAt: Timestamp(stored: row["updated_at"]),
                submittedAt: (row["submitted_at"] as String?).map(Timestamp.init(stored:)),
                source: ResponseSource(rawValue: row["source"]) ?? .web,
                invitationID: row["invitation_id"], currentPage: row["current_page"], apiClient: row["api_client"])
        }
    }
}
