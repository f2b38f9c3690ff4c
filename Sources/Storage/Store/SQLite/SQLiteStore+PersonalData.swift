import GRDB

extension SQLiteStore {
    @discardableResult
    public func erasePersonalData(response responseID: Int64) throws -> Bool {
        let erased = try pool.write { db in
            guard let record = try Self.record(responseID, db) else { throw StoreError.unknownResponse(responseID) }
            let table = AnswerTables(surveyID: try Self.round(id: record.roundID, db).surveyID).personal
            try db.execute(sql: "DELETE FROM \(quoted(table)) WHERE response_id = ?", arguments: [responseID])
            return db.changesCount > 0
        }
        try checkpoint()
        return erased
    }

    @discardableResult
    public func erasePersonalData(round name: String) throws -> Int {
        let erased = try pool.write { db in
            let round = try Self.existingRound(named: name, db)
            try db.execute(
                sql: "DELETE FROM \(quoted(AnswerTables(surveyID: round.surveyID).personal)) WHERE round_id = ?", arguments: [round.id])
            let responses = db.changesCount
            try db.execute(
                sql: "DELETE FROM invitation_emails WHERE invitation_id IN (SELECT id FROM invitations WHERE round_id = ?)",
                arguments: [round.id])
            return responses + db.changesCount
        }
        try checkpoint()
        return erased
    }

    /// Copies the WAL into the database file and empties it, so erased data leaves the WAL too.
    private func checkpoint() throws {
        try pool.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
