import GRDB

extension SQLiteStore {
    /// Records or clears the dispositions of invitations of round `name`, all or none: each must be
    /// an invitation of the round with no response that is not withdrawn. Returns how many changed;
    /// one already so keeps the time it was recorded.
    @discardableResult
    public func setDispositions(_ changes: [DispositionChange], round name: String) throws -> Int {
        try pool.write { db in
            let round = try Self.existingRound(named: name, db)
            guard !round.isAnonymous else { throw StoreError.anonymousRound(name) }
            let now = self.now()
            let update = try db.makeStatement(sql: "UPDATE invitations SET disposition = ?, disposition_set_at = ? WHERE id = ?")
            var changed = 0
            for change in changes {
                guard let invitation = try Self.invitation(id: change.invitationID, db) else { throw StoreError.unknownInvitation(change.invitationID) }
                guard invitation.roundID == round.id else {
                    throw StoreError.invitationOfAnotherRound(invitation.id, round: round.name)
                }
                if let response = invitation.responseID { throw StoreError.dispositionOfAnsweredInvitation(invitation.id, response: response) }
                if let withdrawn = invitation.withdrawnAt { throw StoreError.dispositionOfWithdrawnInvitation(invitation.id, withdrawnAt: withdrawn) }
                guard invitation.disposition != change.disposition else { continue }
                try update.execute(arguments: [change.disposition?.rawValue, change.disposition == nil ? nil : now.text, invitation.id])
                changed += 1
            }
            return changed
        }
    }
}
