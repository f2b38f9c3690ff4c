import Foundation
import GRDB

extension SQLiteStore {
    public func endSession(_ nonce: String, expiresAt: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM ended_sessions WHERE expires_at <= ?", arguments: [Int64(Date().timeIntervalSince1970)])
            try db.execute(sql: "INSERT OR IGNORE INTO ended_sessions (nonce, expires_at) VALUES (?, ?)", arguments: [nonce, expiresAt])
        }
    }

    public func isSessionEnded(_ nonce: String) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ended_sessions WHERE nonce = ?)", arguments: [nonce]) ?? false
        }
    }
}
