import GRDB

extension SQLiteStore {
    /// Everything the store holds about the person `subject` names, read in one transaction without
    /// writing. A response or token names one respondent: their response, its invitation, the
    /// suppression-list entries of its withdrawal or its address (of its survey) and the erasures of
    /// either (a withdrawn response by its id too). An address names each invitation that has it, of
    /// round R or of every round, with their responses, the address's entries on the suppression lists
    /// (of R's survey, or of every survey) and the withdrawn invitations (of R) those came from. Finding nothing is not a refusal:
    /// the result is empty. A round that does not exist is refused (E441).
    public func subjectAccess(_ subject: AccessSubject) throws -> SubjectAccess {
        try pool.read { db in
            var invitations: [Invitation] = []
            var responseIDs: [Int64] = []
            var address: String?
            var scope: Round?
            switch subject {
            case .respondent(.response(let id)):
                responseIDs = [id]
                if let invitation = try Self.record(id, db)?.invitationID.flatMap({ try Self.invitation(id: $0, db) }) { invitations = [invitation] }
            case .respondent(.invitation(let tokenHash)):
                invitations = try Self.cachedInvitation(tokenHash: tokenHash, db).map { [$0] } ?? []
            case .respondent(.invitationEmail(let name, let email)):
                let round = try Self.existingRound(named: name, db)
                (address, scope) = (email, round)
                invitations = try Self.invitations(withAddress: email, round: round.id, db)
            case .address(let email):
                address = email
                invitations = try Self.invitations(withAddress: email, round: nil, db)
            }
            // A withdrawn response named by its id: its withdrawal names the invitation.
            let withdrawals = try Row.fetchAll(db, sql: "SELECT invitation_id FROM erasures WHERE kind = 'withdrawal' AND response_id IN (\(Self.list(responseIDs)))")
            for row in withdrawals {
                if let id: Int64 = row["invitation_id"], let invitation = try Self.invitation(id: id, db) { invitations.append(invitation) }
            }
            let suppressions = try Self.suppressions(of: address, invitations: invitations, scope: scope, db)
            for entry in suppressions where address != nil && (scope == nil || entry.round == scope?.name) {
                if let invitation = try Self.invitation(id: entry.invitationID, db) { invitations.append(invitation) }
            }
            invitations = Dictionary(invitations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }).values
                .sorted { ($0.roundID, $0.id) < ($1.roundID, $1.id) }
            responseIDs = Array(Set(responseIDs + invitations.compactMap(\.responseID))).sorted()
            var rounds: [Int64: Round] = [:]
            func round(_ id: Int64) throws -> Round {
                if let known = rounds[id] { return known }
                let found = try Self.round(id: id, db)
                rounds[id] = found
                return found
            }
            let held = try invitations.map { SubjectAccess.HeldInvitation(round: try round($0.roundID).name, invitation: $0) }
            let responses = try responseIDs.compactMap { id in
                try Self.storedResponse(id, db).map { stored in
                    let round = try round(stored.record.roundID)
                    return SubjectAccess.HeldResponse(round: round.name, survey: round.surveyID, response: stored)
                }
            }
            let erasures = try Row.fetchAll(db, sql: Self.erasureQuery + """
                 WHERE e.response_id IN (\(Self.list(responseIDs))) OR e.invitation_id IN (\(Self.list(invitations.map(\.id)))) ORDER BY e.id
                """).map(Self.erasure(from:))
            return SubjectAccess(invitations: held, responses: responses, suppressions: suppressions, erasures: erasures)
        }
    }

    /// The suppression-list entries of `address` (of `scope`'s survey, or of every survey), of the
    /// addresses `invitations` still have (of their surveys), and those the invitations' withdrawals made.
    private static func suppressions(of address: String?, invitations: [Invitation], scope: Round?, _ db: Database) throws -> [Suppression] {
        let query = "SELECT s.survey_id, r.name AS round_name, s.invitation_id, s.suppressed_at FROM suppressions s JOIN rounds r ON r.id = s.round_id"
        var found: [Suppression] = []
        if let key = try suppressionKey(db) {
            var wanted: [(address: String, survey: String?)] = address.map { [($0, scope?.surveyID)] } ?? []
            for invitation in invitations {
                if let email = invitation.email { wanted.append((email, try round(id: invitation.roundID, db).surveyID)) }
            }
            for (address, survey) in wanted {
                found += try Row.fetchAll(db, sql: query + " WHERE s.address_hash = ?", arguments: [Suppression.addressHash(address, key: key)])
                    .map(suppression(from:)).filter { survey == nil || $0.survey == survey }
            }
        }
        found += try Row.fetchAll(db, sql: query + " WHERE s.invitation_id IN (\(list(invitations.map(\.id))))").map(suppression(from:))
        var seen = Set<Suppression>()
        return found.filter { seen.insert($0).inserted }.sorted { ($0.suppressedAt.text, $0.survey) < ($1.suppressedAt.text, $1.survey) }
    }

    /// Ids as an SQL list (integers only, so nothing to quote).
    private static func list(_ ids: [Int64]) -> String {
        ids.map(String.init).joined(separator: ", ")
    }
}
