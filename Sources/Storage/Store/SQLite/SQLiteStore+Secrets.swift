import Foundation
import GRDB

extension SQLiteStore {
    /// On a store opened read-only, a round without a key gets one through a connection of its
    /// own that writes, when the database can be written; as an unchanging file, never.
    public func pseudonymKey(round name: String) throws -> [UInt8] {
        guard access == .readWrite else {
            if let key = try pool.read({ db in try Self.storedPseudonymKey(round: try Self.existingRound(named: name, db), db) }) {
                return key
            }
            guard access == .readOnly else { throw StoreError.pseudonymKeyUnavailable(round: name, path: path) }
            do {
                return try SQLiteStore(path: path, busyTimeout: busyTimeout).pseudonymKey(round: name)
            } catch where (error as? StoreError ?? StoreError(databaseFailure: error, path: path)) == .databaseUnwritable(path: path) {
                throw StoreError.pseudonymKeyUnavailable(round: name, path: path)
            }
        }
        return try pool.write { db in
            let round = try Self.existingRound(named: name, db)
            if let key = try Self.storedPseudonymKey(round: round, db) { return key }
            var generator = SystemRandomNumberGenerator()
            let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try db.execute(sql: "INSERT INTO round_secrets (round_id, pseudonym_key) VALUES (?, ?)", arguments: [round.id, Data(key)])
            return key
        }
    }

    private static func storedPseudonymKey(round: Round, _ db: Database) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT pseudonym_key FROM round_secrets WHERE round_id = ?", arguments: [round.id]).map { [UInt8]($0) }
    }
}
