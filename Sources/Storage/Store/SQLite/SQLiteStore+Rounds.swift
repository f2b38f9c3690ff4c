import Diagnostics
import Expressions
import GRDB
import SurveyDefinition

extension SQLiteStore {
    @discardableResult
    public func openRound(_ request: RoundRequest) throws -> RoundOpening {
        guard RoundName.isValid(request.name) else { throw StoreError.invalidRoundName(request.name) }
        let survey = request.document.survey
        return try pool.write { db in
            let existing = try Self.round(named: request.name, db)
            if let existing, existing.surveyID != survey.id {
                throw StoreError.roundOfAnotherSurvey(round: request.name, survey: existing.surveyID, requested: survey.id)
            }
            guard let opens = request.opens ?? existing?.opens, let closes = request.closes ?? existing?.closes else {
                throw StoreError.missingRoundDates(round: request.name)
            }
            guard opens <= closes else { throw StoreError.invalidRoundDates(round: request.name, opens: opens, closes: closes) }
            if let existing, let requested = request.opens, requested > existing.closes {
                let responses = try Int.fetchOne(db, sql: "SELECT count(*) FROM responses WHERE round_id = ?", arguments: [existing.id]) ?? 0
                if responses > 0 { throw StoreError.roundNameOfEarlierPeriod(existing, responses: responses, opens: requested) }
            }
            let anonymous = try Self.anonymity(request, existing: existing)

            let layout = AnswerLayoutWriter(db, survey: survey, reopening: existing?.id)
            let (plan, fit) = try Self.fit(of: layout, reopening: existing, db)
            if let refusal = fit.refusal(round: request.name, survey: survey) { throw refusal }
            let definition = try Self.saveDefinition(request.document, db)
            try layout.apply(plan, definitionHash: definition.hash)

            var partialMoved = 0
            if let existing {
                try db.execute(
                    sql: "UPDATE rounds SET definition_hash = ?, opens = ?, closes = ?, status = 'open' WHERE id = ?",
                    arguments: [definition.hash, opens.description, closes.description, existing.id])
                // The plan refused every change their stored answers would not survive (E445-E447),
                // so a begun response goes on with the mended definition: a corrected text, a
                // loosened constraint or a new choice reach the respondents stuck on them.
                if existing.definitionHash != definition.hash {
                    try db.execute(
                        sql: "UPDATE responses SET definition_hash = ? WHERE round_id = ? AND status = 'partial' AND definition_hash != ?",
                        arguments: [definition.hash, existing.id, definition.hash])
                    partialMoved = db.changesCount
                }
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO rounds (name, survey_id, definition_hash, opens, closes, status, anonymous, created_at)
                        VALUES (?, ?, ?, ?, ?, 'open', ?, ?)
                        """,
                    arguments: [request.name, survey.id, definition.hash, opens.description, closes.description, anonymous, now().text])
            }
            return RoundOpening(
                round: try Self.round(named: request.name, db)!,
                created: existing == nil,
                previousDefinitionHash: existing?.definitionHash,
                previousStatus: existing?.status,
                layoutChange: plan.change,
                partialResponsesMoved: partialMoved)
        }
    }

    public func checkDefinition(_ document: SurveyDocument, reopening name: String?) throws -> DefinitionFit {
        try pool.read { db in
            let existing = try name.map { try Self.existingRound(named: $0, db) }
            if let existing, existing.surveyID != document.survey.id {
                throw StoreError.roundOfAnotherSurvey(round: existing.name, survey: existing.surveyID, requested: document.survey.id)
            }
            return try Self.fit(of: AnswerLayoutWriter(db, survey: document.survey, reopening: existing?.id), reopening: existing, db).fit
        }
    }

    /// The layout's plan for its definition, and how the definition fits (each incompatibility
    /// placed in it): the one check of `openRound`, inside its write, and of `checkDefinition`.
    static func fit(of layout: AnswerLayoutWriter, reopening existing: Round?, _ db: Database) throws -> (plan: AnswerLayoutWriter.Plan, fit: DefinitionFit) {
        let plan = try layout.plan()
        let locations = plan.incompatibilities.isEmpty ? [:] : layout.locations(of: plan.incompatibilities, previous: try pinnedSurvey(existing, db))
        return (plan, DefinitionFit(problems: plan.problems, incompatibilities: plan.incompatibilities, locations: locations, change: plan.change))
    }

    /// The definition a round is pinned to, if its stored text still loads.
    static func pinnedSurvey(_ round: Round?, _ db: Database) throws -> Survey? {
        guard let round, let source = try String.fetchOne(db, sql: "SELECT source FROM definitions WHERE hash = ?", arguments: [round.definitionHash]) else {
            return nil
        }
        return SurveyLoader.load(text: source, path: "definition").document?.survey
    }

    public func closeRound(named name: String) throws -> Round {
        try pool.write { db in
            let round = try Self.existingRound(named: name, db)
            try db.execute(sql: "UPDATE rounds SET status = 'closed' WHERE id = ?", arguments: [round.id])
            return try Self.round(named: name, db)!
        }
    }

    public func round(named name: String) throws -> Round? {
        try pool.read { db in try Self.round(named: name, db) }
    }

    public func previousRound(before round: Round) throws -> Round? {
        try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM rounds WHERE survey_id = ? AND opens < ? ORDER BY opens DESC, id DESC LIMIT 1
                """, arguments: [round.surveyID, round.opens.description]).map(Self.round(from:))
        }
    }

    public func roundSummaries() throws -> [RoundSummary] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.*, d.version FROM rounds r JOIN definitions d ON d.hash = r.definition_hash ORDER BY r.created_at, r.id
                """)
            var languages: [Int64: [String: RoundSummary.LanguageCount]] = [:]
            var withoutInvitation: [Int64: Int] = [:], withoutAPage: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT round_id, language, count(*) AS started, sum(status = 'complete') AS complete,
                       sum(invitation_id IS NULL) AS uninvited, sum(status = 'partial' AND current_page IS NULL) AS no_page
                FROM responses GROUP BY round_id, language
                """) {
                let language: String = row["language"]
                languages[row["round_id"], default: [:]][language] = .init(language: language, started: row["started"], complete: row["complete"])
                withoutInvitation[row["round_id"], default: 0] += row["uninvited"] as Int
                withoutAPage[row["round_id"], default: 0] += row["no_page"] as Int
            }
            var invitations: [Int64: (made: Int, used: Int, completed: Int, withdrawn: Int, dispositions: DispositionCounts)] = [:]
            // A disposition counts only while its invitation has no response and is not withdrawn.
            for row in try Row.fetchAll(db, sql: """
                SELECT i.round_id, count(*) AS n, count(i.response_id) AS used, count(r.id) AS completed,
                       count(i.withdrawn_at) AS withdrawn,
                       sum(i.response_id IS NULL AND i.withdrawn_at IS NULL AND i.disposition IS 'refused') AS refused,
                       sum(i.response_id IS NULL AND i.withdrawn_at IS NULL AND i.disposition IS 'non-contact') AS non_contact,
                       sum(i.response_id IS NULL AND i.withdrawn_at IS NULL AND i.disposition IS 'ineligible') AS ineligible
                FROM invitations i LEFT JOIN responses r ON r.id = i.response_id AND r.status = 'complete'
                GROUP BY i.round_id
                """) {
                invitations[row["round_id"]] = (
                    row["n"], row["used"], row["completed"], row["withdrawn"],
                    DispositionCounts(refused: row["refused"], nonContact: row["non_contact"], ineligible: row["ineligible"]))
            }
            return try rows.map { row in
                let round = Self.round(from: row)
                let counts = (languages[round.id] ?? [:]).values.sorted { $0.language < $1.language }
                let invited = invitations[round.id] ?? (0, 0, 0, 0, DispositionCounts())
                let declined = invited.used > 0 ? try declinedInvitations(of: round, db) : DeclinedInvitations()
                return RoundSummary(
                    round: round, definitionVersion: row["version"],
                    started: counts.reduce(0) { $0 + $1.started }, complete: counts.reduce(0) { $0 + $1.complete },
                    byLanguage: counts, invitations: invited.made, invitationsUsed: invited.used,
                    invitationsCompleted: invited.completed, responsesWithoutInvitation: withoutInvitation[round.id] ?? 0,
                    invitationsWithdrawn: invited.withdrawn, invitationsDeclined: declined, dispositions: invited.dispositions,
                    startedWithoutAPage: withoutAPage[round.id] ?? 0)
            }
        }
    }

    // MARK: Helpers on an open database

    static func round(named name: String, _ db: Database) throws -> Round? {
        try Row.fetchOne(db, sql: "SELECT * FROM rounds WHERE name = ?", arguments: [name]).map(round(from:))
    }

    static func round(id: Int64, _ db: Database) throws -> Round {
        round(from: try Row.fetchOne(db, sql: "SELECT * FROM rounds WHERE id = ?", arguments: [id])!)
    }

    /// The round, or `StoreError.unknownRound` naming the closest existing name.
    static func existingRound(named name: String, _ db: Database) throws -> Round {
        if let round = try round(named: name, db) { return round }
        let names = try String.fetchAll(db, sql: "SELECT name FROM rounds")
        throw StoreError.unknownRound(name, suggestion: Suggestions.misspelling(of: name, in: names))
    }

    static func round(from row: Row) -> Round {
        Round(
            id: row["id"], name: row["name"], surveyID: row["survey_id"], definitionHash: row["definition_hash"],
            opens: CalendarDate(iso: row["opens"] as String)!, closes: CalendarDate(iso: row["closes"] as String)!,
            status: RoundStatus(rawValue: row["status"]) ?? .closed, isAnonymous: row["anonymous"],
            createdAt: Timestamp(stored: row["created_at"]))
    }

    private static func anonymity(_ request: RoundRequest, existing: Round?) throws -> Bool {
        guard let existing else { return request.anonymous ?? false }
        if let wanted = request.anonymous, wanted != existing.isAnonymous {
            throw StoreError.anonymityChange(round: existing.name, isAnonymous: existing.isAnonymous)
        }
        return existing.isAnonymous
    }
}
