import Foundation
import GRDB

extension SQLiteStore {
    public func pseudonymKey(round name: String) throws -> [UInt8] {
        try pool.write { db in
            let round = try Self.existingRound(named: name, db)
            if let key = try Data.fetchOne(db, sql: "SELECT pseudonym_key FROM round_secrets WHERE round_id = ?", arguments: [round.id]) {
                return [UInt8](key)
            }
            var generator = SystemRandomNumberGenerator()
            let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try db.execute(sql: "INSERT INTO round_secrets (round_id, pseudonym_key) VALUES (?, ?)", arguments: [round.id, Data(key)])
            return key
        }
    }
}
