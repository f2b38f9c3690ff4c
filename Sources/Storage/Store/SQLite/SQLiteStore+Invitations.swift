import Expressions
import GRDB

extension SQLiteStore {
    public func addInvitations(_ invitations: [NewInvitation], round name: String, today: CalendarDate) throws -> [Invitation] {
        try pool.write { db in
            let round = try Self.existingRound(named: name, db)
            guard !round.isAnonymous else { throw StoreError.anonymousRound(name) }
            let phase = round.phase(on: today)
            guard phase != .closed, phase != .ended else { throw StoreError.closedRound(name, phase: phase) }
            let now = self.now()
            let insert = try db.makeStatement(sql: "INSERT INTO invitations (round_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)")
            let insertEmail = try db.makeStatement(sql: "INSERT INTO invitation_emails (invitation_id, email) VALUES (?, ?)")
            return try invitations.map { invitation in
                precondition(InvitationToken.isHash(invitation.tokenHash), "an invitation is stored by its token's hash only")
                try insert.execute(arguments: [round.id, invitation.tokenHash, invitation.label, now.text])
                let id = db.lastInsertedRowID
                if let email = invitation.email { try insertEmail.execute(arguments: [id, email]) }
                return Invitation(
                    id: id, roundID: round.id, tokenHash: invitation.tokenHash, label: invitation.label, email: invitation.email,
                    createdAt: now, responseID: nil)
            }
        }
    }

    public func invitation(tokenHash: String) throws -> Invitation? {
        try pool.read { db in
            try Row.fetchOne(db, sql: Self.invitationQuery + " WHERE i.token_hash = ?", arguments: [tokenHash]).map(Self.invitation(from:))
        }
    }

    public func invitations(round name: String) throws -> [Invitation] {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            return try Row.fetchAll(db, sql: Self.invitationQuery + " WHERE i.round_id = ? ORDER BY i.id", arguments: [round.id])
                .map(Self.invitation(from:))
        }
    }

    public func invitationProgress(tokenHashes: [String]) throws -> [String: InvitationProgress] {
        let hashes = Array(Set(tokenHashes))
        return try pool.read { db in
            var found: [String: InvitationProgress] = [:]
            // In slices, within SQLite's limit on a statement's parameters.
            for start in stride(from: 0, to: hashes.count, by: Self.hashesPerQuery) {
                let slice = Array(hashes[start..<min(start + Self.hashesPerQuery, hashes.count)])
                let sql = """
                    SELECT i.*, e.email, r.name AS round_name, s.status AS response_status FROM invitations i
                    JOIN rounds r ON r.id = i.round_id
                    LEFT JOIN invitation_emails e ON e.invitation_id = i.id
                    LEFT JOIN responses s ON s.id = i.response_id
                    WHERE i.token_hash IN (\(databaseQuestionMarks(count: slice.count)))
                    """
                for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(slice)) {
                    let invitation = Self.invitation(from: row)
                    found[invitation.tokenHash] = InvitationProgress(
                        invitation: invitation, round: row["round_name"],
                        responseStatus: (row["response_status"] as String?).flatMap(ResponseStatus.init(rawValue:)))
                }
            }
            return found
        }
    }

    private static let hashesPerQuery = 500

    public func markInvitationUsed(_ invitationID: Int64, response responseID: Int64) throws {
        try pool.write { db in try Self.markInvitationUsed(invitationID, response: responseID, db) }
    }

    static func markInvitationUsed(_ invitationID: Int64, response responseID: Int64, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT round_id, response_id, withdrawn_at FROM invitations WHERE id = ?", arguments: [invitationID]) else {
            throw StoreError.unknownInvitation(invitationID)
        }
        guard (row["response_id"] as Int64?) == nil else { throw StoreError.invitationUsed(invitationID) }
        guard (row["withdrawn_at"] as String?) == nil else { throw StoreError.invitationWithdrawn(invitationID) }
        guard let responseRound = try Int64.fetchOne(db, sql: "SELECT round_id FROM responses WHERE id = ?", arguments: [responseID]) else {
            throw StoreError.unknownResponse(responseID)
        }
        guard responseRound == row["round_id"] else {
            throw StoreError.invitationOfAnotherRound(invitationID, round: try round(id: responseRound, db).name)
        }
        try db.execute(sql: "UPDATE invitations SET response_id = ? WHERE id = ?", arguments: [responseID, invitationID])
        try db.execute(sql: "UPDATE responses SET invitation_id = ? WHERE id = ?", arguments: [invitationID, responseID])
    }

    /// The invitations whose e-mail address is `address`, compared trimmed and without case as
    /// `samla invite` compares addresses: of the round with id `roundID`, or of every round when nil;
    /// in the order of their rounds, then of their ids. A withdrawn invitation has no address left.
    static func invitations(withAddress address: String, round roundID: Int64?, _ db: Database) throws -> [Invitation] {
        let wanted = Suppression.normalised(address)
        let sql = invitationQuery + (roundID == nil ? " WHERE e.email IS NOT NULL" : " WHERE e.email IS NOT NULL AND i.round_id = ?") + " ORDER BY i.round_id, i.id"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(roundID.map { [$0] } ?? []))
            .filter { Suppression.normalised($0["email"]) == wanted }
            .map(invitation(from:))
    }

    private static let invitationQuery = """
        SELECT i.*, e.email FROM invitations i LEFT JOIN invitation_emails e ON e.invitation_id = i.id
        """

    private static func invitation(from row: Row) -> Invitation {
        Invitation(
            id: row["id"], roundID: row["round_id"], tokenHash: row["token_hash"], label: row["label"], email: row["email"],
            createdAt: Timestamp(stored: row["created_at"]), responseID: row["response_id"],
            withdrawnAt: (row["withdrawn_at"] as String?).map(Timestamp.init(stored:)),
            disposition: (row["disposition"] as String?).flatMap(InvitationDisposition.init(rawValue:)),
            dispositionSetAt: (row["disposition_set_at"] as String?).map(Timestamp.init(stored:)))
    }
}
