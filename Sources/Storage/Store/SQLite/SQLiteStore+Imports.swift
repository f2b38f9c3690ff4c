import GRDB

extension SQLiteStore {
    public func fileImports(round name: String) throws -> [FileImport] {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            return try Self.fileImports(round: round, sha256: nil, db)
        }
    }

    /// The round's imports, oldest first; only those of the bytes `sha256` when given.
    static func fileImports(round: Round, sha256: String?, _ db: Database) throws -> [FileImport] {
        try Row.fetchAll(db, sql: """
            SELECT i.*, (SELECT count(*) FROM responses r WHERE r.import_id = i.id) AS responses_left FROM imports i
            WHERE i.round_id = ? AND (? IS NULL OR i.sha256 = ?) ORDER BY i.id
            """, arguments: [round.id, sha256, sha256]).map { fileImport($0, round: round) }
    }

    /// The import of a row of `imports` (with its `responses_left` counted).
    static func fileImport(_ row: Row, round: Round) -> FileImport {
        FileImport(
            id: row["id"], round: round.name, fileName: row["file_name"], sha256: row["sha256"], byteCount: row["byte_count"],
            rowsImported: row["rows_imported"], importedAt: Timestamp(stored: row["imported_at"]),
            responsesLeft: (row["tracked"] as Bool) ? row["responses_left"] : nil,
            undoneAt: (row["undone_at"] as String?).map(Timestamp.init(stored:)), responsesRemoved: row["responses_removed"])
    }

    /// The id the next row of `imports` takes, reserved inside the import's write transaction.
    static func nextImportID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM imports") ?? 1
    }

    /// Records an import of `file` into `round` with `rows` responses at `time`, as row `id` when
    /// given (the id its responses carry); unless `again`, refuses bytes the round has taken before
    /// and not taken back.
    static func recordFile(_ file: ImportedFile, id: Int64?, rows: Int, round: Round, at time: Timestamp, again: Bool, _ db: Database) throws {
        if !again, let earlier = try fileImports(round: round, sha256: file.sha256, db).first(where: { $0.undoneAt == nil }) {
            throw StoreError.fileAlreadyImported(file, earlier: earlier)
        }
        try db.execute(sql: """
            INSERT INTO imports (id, round_id, sha256, file_name, byte_count, rows_imported, imported_at, tracked) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
            """, arguments: [id, round.id, file.sha256, file.name, file.byteCount, rows, time.text])
    }
}
