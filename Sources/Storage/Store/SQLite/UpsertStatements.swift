import Foundation
import GRDB

/// The upserts of answers on one store's writer connection, by table and columns. A web form saves
/// the same few column sets (the answers a page changed) over and over, so each upsert is written
/// once and kept prepared. GRDB keeps what it prepares for the connection's life, though, and the
/// sets a form can save are many (any subset of a page's answers, and of the answers skip logic
/// clears); past `capacity` sets the connection lets its prepared statements go
/// (`Database.releaseMemory()`) and the count starts again.
final class UpsertStatements: @unchecked Sendable {
    private struct Key: Hashable {
        var table: String
        var columns: [String]
    }

    private let lock = NSLock()
    private var texts: [Key: String] = [:]
    let capacity: Int

    init(capacity: Int = 512) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// The prepared upsert of `columns` into `table` (quoted already), on the writer connection `db`.
    func statement(table: String, columns: [String], _ db: Database) throws -> Statement {
        let key = Key(table: table, columns: columns)
        let (sql, full): (String, Bool) = lock.withLock {
            if let sql = texts[key] { return (sql, false) }
            let full = texts.count >= capacity
            if full { texts.removeAll(keepingCapacity: true) }
            let sql = Self.text(table: table, columns: columns)
            texts[key] = sql
            return (sql, full)
        }
        if full { db.releaseMemory() }
        return try db.cachedStatement(sql: sql)
    }

    /// `INSERT INTO table (response_id, round_id, columns…) VALUES (?, ?, …) ON CONFLICT (response_id)
    /// DO UPDATE SET` each column to its new value; `table` is quoted already, `columns` are not.
    static func text(table: String, columns: [String]) -> String {
        let names = columns.map(CollectionTableNames.quotedIdentifier)
        return """
            INSERT INTO \(table) (response_id, round_id, \(names.joined(separator: ", ")))
            VALUES (?, ?\(String(repeating: ", ?", count: names.count)))
            ON CONFLICT (response_id) DO UPDATE SET \(names.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """
    }
}
