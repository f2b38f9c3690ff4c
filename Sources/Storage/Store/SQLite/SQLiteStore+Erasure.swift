import GRDB

extension SQLiteStore {
    /// What `request` would erase, read without writing: a preview with the counts an erasure
    /// would log. Throws the refusals ``erase(_:)`` would.
    public func erasurePlan(_ request: ErasureRequest) throws -> Erasure {
        try pool.read { db in try Self.plan(request, db) }
    }

    /// Erases what `request` names and logs it in `erasures`, in one transaction, then moves the WAL
    /// into the database file and empties it: with `secure_delete` on, the erased values are then
    /// in neither file.
    @discardableResult
    public func erase(_ request: ErasureRequest) throws -> Erasure {
        let erasure = try pool.write { db in
            var erasure = try Self.plan(request, db)
            let erasedAt = now()
            let round = try Self.existingRound(named: erasure.round, db)
            let tables = AnswerTables(surveyID: round.surveyID)
            switch request {
            case .personalData:
                if let response = erasure.responseID {
                    try db.execute(sql: "DELETE FROM \(quoted(tables.personal)) WHERE response_id = ?", arguments: [response])
                }
                if let invitation = erasure.invitationID { try Self.eraseContact(invitation, db) }
            case .withdrawal:
                if let response = erasure.responseID { try Self.removeResponse(response, tables: tables, db) }
                if let invitation = erasure.invitationID {
                    if let address = try String.fetchOne(db, sql: "SELECT email FROM invitation_emails WHERE invitation_id = ?", arguments: [invitation]) {
                        try Self.suppress(address, invitation: invitation, round: round, at: erasedAt, db)
                    }
                    try Self.eraseContact(invitation, db)
                    try db.execute(sql: "UPDATE invitations SET withdrawn_at = ? WHERE id = ?", arguments: [erasedAt.text, invitation])
                }
            case .roundPersonalData:
                try db.execute(sql: "DELETE FROM \(quoted(tables.personal)) WHERE round_id = ?", arguments: [round.id])
                try db.execute(
                    sql: "DELETE FROM invitation_emails WHERE invitation_id IN (SELECT id FROM invitations WHERE round_id = ?)",
                    arguments: [round.id])
            }
            try Self.log(&erasure, round: round, at: erasedAt, db)
            return erasure
        }
        try checkpoint()
        return erasure
    }

    /// Adds `erasure` to the `erasures` log, giving it its id and time.
    static func log(_ erasure: inout Erasure, round: Round, at erasedAt: Timestamp, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO erasures (erased_at, kind, round_id, response_id, response_status, invitation_id, responses, personal_answers, other_answers, emails, labels, suppressions)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                erasedAt.text, erasure.kind.rawValue, round.id, erasure.responseID, erasure.responseStatus?.rawValue, erasure.invitationID,
                erasure.responses, erasure.personalAnswers, erasure.otherAnswers, erasure.emails, erasure.labels, erasure.suppressions,
            ])
        erasure.id = db.lastInsertedRowID
        erasure.erasedAt = erasedAt
    }

    /// Every erasure made, oldest first.
    public func erasures() throws -> [Erasure] {
        try pool.read { db in
            try Row.fetchAll(db, sql: Self.erasureQuery + " ORDER BY e.id").map(Self.erasure(from:))
        }
    }

    static let erasureQuery = "SELECT e.*, r.name AS round_name FROM erasures e JOIN rounds r ON r.id = e.round_id"

    /// A row of ``erasureQuery``.
    static func erasure(from row: Row) -> Erasure {
        Erasure(
            id: row["id"], erasedAt: Timestamp(stored: row["erased_at"]), kind: ErasureKind(rawValue: row["kind"]) ?? .personalData,
            round: row["round_name"], responseID: row["response_id"],
            responseStatus: (row["response_status"] as String?).flatMap(ResponseStatus.init(rawValue:)), invitationID: row["invitation_id"],
            responses: row["responses"], personalAnswers: row["personal_answers"], otherAnswers: row["other_answers"], emails: row["emails"],
            labels: row["labels"], suppressions: row["suppressions"])
    }

    /// Copies the WAL into the database file and empties it, so erased data leaves the WAL too.
    func checkpoint() throws {
        try pool.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    // MARK: Planning

    /// Who an erasure of one respondent names: the round, and the response, its invitation or both.
    private struct Respondent {
        var round: Round
        var response: ResponseRecord?
        var invitation: Invitation?
    }

    private static func plan(_ request: ErasureRequest, _ db: Database) throws -> Erasure {
        let subject: ErasureSubject
        switch request {
        case .personalData(let named), .withdrawal(let named): subject = named
        case .roundPersonalData(let name):
            let round = try existingRound(named: name, db)
            let tables = AnswerTables(surveyID: round.surveyID)
            let personal = try answerCount(tables.personal, where: "round_id = ?", round.id, db)
            let emails = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM invitation_emails WHERE invitation_id IN (SELECT id FROM invitations WHERE round_id = ?)
                """, arguments: [round.id]) ?? 0
            return Erasure(
                kind: .roundPersonalData, round: round.name, responseID: nil, responseStatus: nil, invitationID: nil,
                responses: personal.rows, personalAnswers: personal.values, otherAnswers: 0, emails: emails)
        }
        let respondent = try self.respondent(subject, db)
        let withdrawing = request.kind == .withdrawal
        let emails = respondent.invitation?.email == nil ? 0 : 1
        let labels = respondent.invitation?.label == nil ? 0 : 1
        if !withdrawing, respondent.response == nil, emails + labels == 0, let invitation = respondent.invitation {
            throw StoreError.erasure(.nothingToErase(invitation: invitation.id, round: respondent.round.name))
        }
        let tables = AnswerTables(surveyID: respondent.round.surveyID)
        var personal = 0, other = 0
        if let response = respondent.response {
            personal = try answerCount(tables.personal, where: "response_id = ?", response.id, db).values
            if withdrawing { other = try answerCount(tables.answers, where: "response_id = ?", response.id, db).values }
            if !withdrawing, personal + emails + labels == 0 {
                throw StoreError.erasure(.responseWithoutPersonalData(ResponseWithoutPersonalData(
                    response: response.id, round: respondent.round.name, status: response.status,
                    answers: try answerCount(tables.answers, where: "response_id = ?", response.id, db).values,
                    invitation: respondent.invitation?.id, personalDataErasedAt: try earlierErasure(of: response, took: "personal_answers", db),
                    option: subject.option,
                    contactErasedAt: respondent.invitation == nil ? nil : try earlierErasure(of: response, took: "emails + labels", db))))
            }
        }
        var others: [Erasure.OtherInvitation] = []
        if withdrawing, let invitation = respondent.invitation, let address = invitation.email {
            others = try otherInvitations(to: address, besides: invitation.id, survey: respondent.round.surveyID, db)
        }
        return Erasure(
            kind: request.kind, round: respondent.round.name, responseID: respondent.response?.id, responseStatus: respondent.response?.status,
            invitationID: respondent.invitation?.id, responses: respondent.response == nil ? 0 : 1, personalAnswers: personal,
            otherAnswers: other, emails: emails, labels: labels, suppressions: withdrawing ? emails : 0, otherInvitations: others)
    }

    /// When the latest erasure of `response`'s personal data, or of its round's, was made since the
    /// response was stored (by its import, or when it was begun); nil when none was. An earlier one
    /// was of its round's responses before it, or of a removed response whose id it took.
    /// When the latest erasure of `response`'s personal data (or its round's) since it was made took
    /// something of the kind `took` counts (`personal_answers`, or `emails + labels`), if one did.
    private static func earlierErasure(of response: ResponseRecord, took counted: String, _ db: Database) throws -> Timestamp? {
        try String.fetchOne(db, sql: """
            SELECT max(erased_at) FROM erasures
            WHERE ((kind = 'personal-data' AND response_id = ?1) OR (kind = 'round-personal-data' AND round_id = ?2))
            AND \(counted) > 0
            AND erased_at >= (SELECT coalesce(i.imported_at, r.started_at) FROM responses r LEFT JOIN imports i ON i.id = r.import_id WHERE r.id = ?1)
            """, arguments: [response.id, response.roundID]).map(Timestamp.init(stored:))
    }

    /// The invitations of `survey`'s rounds, besides `invitation` and those withdrawn, whose address
    /// is `address` as the suppression list compares them (trimmed, without case); in the order of
    /// their rounds, then of their ids.
    private static func otherInvitations(to address: String, besides invitation: Int64, survey: String, _ db: Database) throws -> [Erasure.OtherInvitation] {
        let wanted = Suppression.normalised(address)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT i.id, i.response_id, r.name AS round_name, s.status, e.email FROM invitations i
            JOIN rounds r ON r.id = i.round_id
            JOIN invitation_emails e ON e.invitation_id = i.id
            LEFT JOIN responses s ON s.id = i.response_id
            WHERE r.survey_id = ? AND i.id != ? AND i.withdrawn_at IS NULL
            ORDER BY r.id, i.id
            """, arguments: [survey, invitation])
        var found: [Erasure.OtherInvitation] = []
        while let row = try rows.next() {
            guard Suppression.normalised(row["email"]) == wanted else { continue }
            found.append(Erasure.OtherInvitation(
                round: row["round_name"], invitationID: row["id"], responseID: row["response_id"], responseStatus: (row["status"] as String?).flatMap(ResponseStatus.init(rawValue:))))
        }
        return found
    }

    private static func respondent(_ subject: ErasureSubject, _ db: Database) throws -> Respondent {
        switch subject {
        case .response(let id):
            guard let record = try record(id, db) else {
                let withdrawn = try String.fetchOne(
                    db, sql: "SELECT erased_at FROM erasures WHERE response_id = ? AND kind = 'withdrawal'", arguments: [id])
                throw StoreError.erasure(.unknownResponse(id, withdrawnAt: withdrawn.map(Timestamp.init(stored:))))
            }
            let invitation = try record.invitationID.flatMap { try Self.invitation(id: $0, db) }
            return Respondent(round: try round(id: record.roundID, db), response: record, invitation: invitation)
        case .invitation(let tokenHash):
            guard let invitation = try cachedInvitation(tokenHash: tokenHash, db) else { throw StoreError.erasure(.unknownToken) }
            return try respondent(invitation, db)
        case .invitationEmail(let name, let email):
            let round = try existingRound(named: name, db)
            let matches = try invitations(withAddress: email, round: round.id, db)
            guard let first = matches.first else {
                let withdrawn = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM invitations WHERE round_id = ? AND withdrawn_at IS NOT NULL", arguments: [round.id]) ?? 0
                throw StoreError.erasure(.unknownEmail(round: round.name, withdrawnInvitations: withdrawn))
            }
            guard matches.count == 1 else {
                throw StoreError.erasure(.ambiguousEmail(round: round.name, responses: matches.map(\.responseID)))
            }
            return try respondent(first, db)
        }
    }

    private static func respondent(_ invitation: Invitation, _ db: Database) throws -> Respondent {
        let round = try round(id: invitation.roundID, db)
        if let withdrawnAt = invitation.withdrawnAt {
            throw StoreError.erasure(.alreadyWithdrawn(invitation: invitation.id, round: round.name, at: withdrawnAt))
        }
        return Respondent(round: round, response: try invitation.responseID.flatMap { try record($0, db) }, invitation: invitation)
    }

    /// The rows of an answer table that `condition` selects, and the answers (non-empty variable columns) in them.
    private static func answerCount(_ table: String, where condition: String, _ argument: Int64, _ db: Database) throws -> (rows: Int, values: Int) {
        var rows = 0, values = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(quoted(table)) WHERE \(condition)", arguments: [argument])
        while let row = try cursor.next() {
            rows += 1
            for (column, value) in row where !AnswerTables.reservedColumns.contains(column) && !value.isNull { values += 1 }
        }
        return (rows, values)
    }

    /// Erases an invitation's e-mail address and its label (which may be the invitee's name).
    private static func eraseContact(_ invitation: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM invitation_emails WHERE invitation_id = ?", arguments: [invitation])
        try db.execute(sql: "UPDATE invitations SET label = NULL WHERE id = ?", arguments: [invitation])
    }

    /// Removes a response and everything that refers to it (``removeResponses(where:_:tables:_:)``).
    private static func removeResponse(_ id: Int64, tables: AnswerTables, _ db: Database) throws {
        try removeResponses(where: "id = ?", id, tables: tables, db)
    }

    /// Removes the responses that `condition` (on `responses`, with one parameter, `argument`)
    /// selects, and everything that refers to them: their answers, resume tokens and invitations'
    /// links (each invitation is left without a response); the idempotency key of an API submission
    /// is kept as withdrawn (E707 on a retry).
    static func removeResponses(where condition: String, _ argument: Int64, tables: AnswerTables, _ db: Database) throws {
        let selected = "SELECT id FROM responses WHERE \(condition)"
        for table in [tables.personal, tables.answers] {
            try db.execute(sql: "DELETE FROM \(quoted(table)) WHERE response_id IN (\(selected))", arguments: [argument])
        }
        try db.execute(sql: "DELETE FROM response_tokens WHERE response_id IN (\(selected))", arguments: [argument])
        try db.execute(
            sql: "UPDATE idempotency_keys SET request_hash = '', status = ?, body = '', response_id = NULL WHERE response_id IN (\(selected))",
            arguments: [IdempotencyRecord.withdrawnStatus, argument])
        try db.execute(sql: "UPDATE invitations SET response_id = NULL WHERE response_id IN (\(selected))", arguments: [argument])
        try db.execute(sql: "DELETE FROM responses WHERE \(condition)", arguments: [argument])
    }
}
