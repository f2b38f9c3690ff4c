import Foundation
import GRDB

extension SQLiteStore {
    /// The entries of the suppression list that `addresses` have for the survey of round `name`,
    /// keyed by the address as given. Reads only: a store without a suppression key has no entries.
    public func suppressions(of addresses: [String], round name: String) throws -> [String: Suppression] {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            guard !addresses.isEmpty, let key = try Self.suppressionKey(db) else { return [:] }
            let statement = try db.makeStatement(sql: """
                SELECT s.survey_id, r.name AS round_name, s.invitation_id, s.suppressed_at FROM suppressions s JOIN rounds r ON r.id = s.round_id
                WHERE s.survey_id = ? AND s.address_hash = ?
                """)
            var found: [String: Suppression] = [:]
            for address in Set(addresses) {
                if let row = try Row.fetchOne(statement, arguments: [round.surveyID, Suppression.addressHash(address, key: key)]) {
                    found[address] = Self.suppression(from: row)
                }
            }
            return found
        }
    }

    /// What lifting the suppression of `email` would erase: one erasure of kind `suppression` per
    /// survey whose list has the address, read without writing. Throws `StoreError.erasure(.notSuppressed)`
    /// when no list has it.
    public func suppressionLiftPlan(email: String) throws -> [Erasure] {
        try pool.read { db in try Self.liftPlan(email, db).map(\.erasure) }
    }

    /// Takes `email` off the suppression list of every survey, logging each entry lifted as an
    /// erasure, in one transaction; `samla invite` then invites the address again.
    public func liftSuppression(email: String) throws -> [Erasure] {
        let erasures = try pool.write { db in
            let erasedAt = now()
            return try Self.liftPlan(email, db).map { lift in
                try db.execute(sql: "DELETE FROM suppressions WHERE survey_id = ? AND address_hash = ?", arguments: [lift.survey, lift.hash])
                var erasure = lift.erasure
                try Self.log(&erasure, round: lift.round, at: erasedAt, db)
                return erasure
            }
        }
        try checkpoint()
        return erasures
    }

    /// Puts a withdrawn invitation's address on the suppression list of its round's survey, as a
    /// keyed hash; an address the list has already keeps its first entry.
    static func suppress(_ address: String, invitation: Int64, round: Round, at time: Timestamp, _ db: Database) throws {
        let key = try secret(named: Suppression.keyName, byteCount: Suppression.keyByteCount, madeAt: time, db)
        try db.execute(sql: """
            INSERT OR IGNORE INTO suppressions (survey_id, address_hash, round_id, invitation_id, suppressed_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [round.surveyID, Suppression.addressHash(address, key: key), round.id, invitation, time.text])
    }

    private struct Lift {
        var survey: String
        var hash: String
        var round: Round
        var erasure: Erasure
    }

    private static func liftPlan(_ email: String, _ db: Database) throws -> [Lift] {
        guard let key = try suppressionKey(db) else { throw StoreError.erasure(.notSuppressed) }
        let hash = Suppression.addressHash(email, key: key)
        let lifts = try Row.fetchAll(db, sql: "SELECT survey_id, round_id, invitation_id FROM suppressions WHERE address_hash = ? ORDER BY suppressed_at", arguments: [hash])
            .map { row in
                let round = try self.round(id: row["round_id"], db)
                return Lift(survey: row["survey_id"], hash: hash, round: round, erasure: Erasure(
                    kind: .suppression, round: round.name, responseID: nil, responseStatus: nil, invitationID: row["invitation_id"],
                    responses: 0, personalAnswers: 0, otherAnswers: 0, emails: 0, suppressions: 1))
            }
        guard !lifts.isEmpty else { throw StoreError.erasure(.notSuppressed) }
        return lifts
    }

    static func suppression(from row: Row) -> Suppression {
        Suppression(survey: row["survey_id"], round: row["round_name"], invitationID: row["invitation_id"], suppressedAt: Timestamp(stored: row["suppressed_at"]))
    }

    static func suppressionKey(_ db: Database) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [Suppression.keyName]).map { [UInt8]($0) }
    }
}
