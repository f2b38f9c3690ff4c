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
        let rows = try Row.fetchAll(db, sql: """
            SELECT file_name, sha256, byte_count, rows_imported, imported_at FROM imports
            WHERE round_id = ? AND (? IS NULL OR sha256 = ?) ORDER BY id
            """, arguments: [round.id, sha256, sha256])
        return rows.map { row in
            FileImport(round: round.name, fileName: row["file_name"], sha256: row["sha256"], byteCount: row["byte_count"],
                       rowsImported: row["rows_imported"], importedAt: Timestamp(stored: row["imported_at"]))
        }
    }

    /// Records an import of `file` into `round` with `rows` responses; unless `again`, refuses
    /// bytes the round has taken before.
    static func recordFile(_ file: ImportedFile, rows: Int, round: Round, again: Bool, _ db: Database) throws {
        if !again, let earlier = try fileImports(round: round, sha256: file.sha256, db).first {
            throw StoreError.fileAlreadyImported(file, earlier: earlier)
        }
        try db.execute(sql: """
            INSERT INTO imports (round_id, sha256, file_name, byte_count, rows_imported, imported_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [round.id, file.sha256, file.name, file.byteCount, rows, Timestamp.now().text])
    }
}
