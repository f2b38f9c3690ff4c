import GRDB

extension SQLiteStore {
    /// What taking back import `id` of round `round` would remove, read without writing; throws
    /// the refusals ``undoImport(_:round:)`` would.
    public func importUndoPlan(_ id: Int64, round: String) throws -> ImportUndo {
        try pool.read { db in try Self.undoPlan(id, round: round, db) }
    }

    /// Takes import `id` of round `round` back, in one transaction: removes its responses with
    /// their answers, leaves their invitations unanswered, and marks the import undone (kept, for
    /// the history; its bytes may then be imported again without `again`). What it removed then
    /// leaves the WAL too, as an erasure's does: the import may have been the wrong round's file.
    @discardableResult
    public func undoImport(_ id: Int64, round: String) throws -> ImportUndo {
        let undo = try pool.write { db in
            var undo = try Self.undoPlan(id, round: round, db)
            let undoneAt = now()
            let round = try Self.existingRound(named: round, db)
            try Self.removeResponses(where: "import_id = ?", id, tables: AnswerTables(surveyID: round.surveyID), db)
            try db.execute(sql: "UPDATE imports SET undone_at = ?, responses_removed = ? WHERE id = ?",
                           arguments: [undoneAt.text, undo.responses, id])
            undo.undoneAt = undoneAt
            return undo
        }
        try checkpoint()
        return undo
    }

    private static func undoPlan(_ id: Int64, round name: String, _ db: Database) throws -> ImportUndo {
        let round = try existingRound(named: name, db)
        let imports = try fileImports(round: round, sha256: nil, db)
        guard let fileImport = imports.first(where: { $0.id == id }) else {
            throw StoreError.importUndo(.unknownImport(id, round: round.name, ids: imports.map(\.id)))
        }
        if fileImport.undoneAt != nil { throw StoreError.importUndo(.alreadyUndone(fileImport)) }
        guard let left = fileImport.responsesLeft else { throw StoreError.importUndo(.untracked(fileImport)) }
        let complete = try Int.fetchOne(db, sql: "SELECT count(*) FROM responses WHERE import_id = ? AND status = 'complete'", arguments: [id]) ?? 0
        let invitations = try Int64.fetchAll(db, sql: """
            SELECT id FROM invitations WHERE response_id IN (SELECT id FROM responses WHERE import_id = ?) ORDER BY id
            """, arguments: [id])
        // A round's personal data erased after the import took every response's; otherwise those
        // erased one by one are in the log by their ids, since the import: an erasure logged before
        // it was of a response that an earlier undo removed, whose id a response of this import took.
        let roundErasedSince = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM erasures WHERE round_id = ? AND kind = 'round-personal-data' AND erased_at > ?)
            """, arguments: [round.id, fileImport.importedAt.text]) ?? false
        let personalDataErased = roundErasedSince ? left : try Int.fetchOne(db, sql: """
            SELECT count(DISTINCT response_id) FROM erasures
            WHERE kind = 'personal-data' AND erased_at >= ? AND response_id IN (SELECT id FROM responses WHERE import_id = ?)
            """, arguments: [fileImport.importedAt.text, id]) ?? 0
        // An imported response changes afterwards only when its respondent goes on with it
        // through the invitation's link: the import wrote one time as both `started_at` and
        // `updated_at` (the row's `submitted_at`, which may lie after the import by up to a day),
        // and the web form's saves move `updated_at`.
        let continued = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM responses WHERE import_id = ? AND invitation_id IS NOT NULL AND updated_at <> started_at
            """, arguments: [id]) ?? 0
        return ImportUndo(
            fileImport: fileImport, complete: complete, partial: left - complete, invitations: invitations,
            withdrawn: max(0, fileImport.rowsImported - left), personalDataErased: personalDataErased, continuedOnWeb: continued)
    }
}
