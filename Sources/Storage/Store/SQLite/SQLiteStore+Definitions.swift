import GRDB
import SurveyDefinition

extension SQLiteStore {
    @discardableResult
    public func saveDefinition(_ document: SurveyDocument) throws -> StoredDefinition {
        try pool.write { db in try Self.saveDefinition(document, db) }
    }

    public func definition(hash: String) throws -> StoredDefinition? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM definitions WHERE hash = ?", arguments: [hash]).map(Self.definition(from:))
        }
    }

    public func loadDefinition(hash: String) throws -> SurveyDocument {
        guard let stored = try definition(hash: hash) else { throw StoreError.unknownDefinition(hash) }
        let loaded = SurveyLoader.load(text: stored.sourceText, path: "\(path)#definition-\(hash.prefix(12))")
        guard let document = loaded.document else {
            throw StoreError.storedDefinitionUnloadable(hash: hash, survey: stored.surveyID, diagnostics: loaded.errors)
        }
        return document
    }

    public func pinnedDefinition(round name: String) throws -> SurveyDocument {
        let round = try pool.read { db in try Self.existingRound(named: name, db) }
        return try loadDefinition(hash: round.definitionHash)
    }

    public func definitions(survey: String) throws -> [StoredDefinition] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM definitions WHERE survey_id = ? ORDER BY added_at, rowid", arguments: [survey])
                .map(Self.definition(from:))
        }
    }

    public func variables(survey: String) throws -> [StoredVariable] {
        try pool.read { db in try Self.variables(survey: survey, db) }
    }

    public func definitionsAnswered(round name: String, selection: ResponseSelection) throws -> [DefinitionUse] {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            let status = selection == .complete ? " AND r.status = 'complete'" : ""
            return try Row.fetchAll(db, sql: """
                SELECT d.hash, d.version, count(*) AS n FROM responses r JOIN definitions d ON d.hash = r.definition_hash
                WHERE r.round_id = ?\(status) GROUP BY d.hash ORDER BY min(d.added_at), min(d.rowid)
                """, arguments: [round.id]).map { DefinitionUse(hash: $0["hash"], version: $0["version"], responses: $0["n"]) }
        }
    }

    static func saveDefinition(_ document: SurveyDocument, _ db: Database) throws -> StoredDefinition {
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM definitions WHERE hash = ?", arguments: [document.contentHash]) {
            return definition(from: row)
        }
        let stored = StoredDefinition(
            hash: document.contentHash, surveyID: document.survey.id, version: document.survey.version,
            sourceText: document.sourceText, addedAt: .now())
        try db.execute(
            sql: "INSERT INTO definitions (hash, survey_id, version, source, added_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [stored.hash, stored.surveyID, stored.version, stored.sourceText, stored.addedAt.text])
        return stored
    }

    static func definition(from row: Row) -> StoredDefinition {
        StoredDefinition(
            hash: row["hash"], surveyID: row["survey_id"], version: row["version"], sourceText: row["source"],
            addedAt: Timestamp(stored: row["added_at"]))
    }

    static func variables(survey: String, _ db: Database) throws -> [StoredVariable] {
        try Row.fetchAll(db, sql: "SELECT * FROM variables WHERE survey_id = ? ORDER BY position", arguments: [survey]).map { row in
            StoredVariable(
                surveyID: row["survey_id"], name: row["name"], type: VariableType(rawValue: row["type"]) ?? .text,
                isPII: row["pii"], position: row["position"], firstDefinitionHash: row["first_definition_hash"])
        }
    }
}
