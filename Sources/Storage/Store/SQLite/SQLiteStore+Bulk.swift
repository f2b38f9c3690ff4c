import GRDB
import SurveyDefinition

extension SQLiteStore {
    @discardableResult
    public func insertCompleteResponses(
        round name: String, document: SurveyDocument, source: ResponseSource,
        _ body: (any CompleteResponseInserter) throws -> Void
    ) throws -> Int {
        try pool.write { db in
            let round = try Self.existingRound(named: name, db)
            guard document.contentHash == round.definitionHash else {
                throw StoreError.definitionNotPinned(round: name, pinned: round.definitionHash, given: document.contentHash)
            }
            let inserter = try BulkResponseInserter(db, round: round, survey: document.survey, source: source)
            try body(inserter)
            if let failure = inserter.failure { throw failure }
            return inserter.inserted
        }
    }
}

/// Inserts complete responses through prepared statements on the raw `sqlite3` handle:
/// one row in `responses`, one in the answer table, and one in the personal table when the
/// response has personal answers. Valid only inside `insertCompleteResponses`.
final class BulkResponseInserter: CompleteResponseInserter {
    /// Where the value of `survey.variables[i]` goes.
    private struct Slot {
        var personal: Bool
        var parameter: Int32
        var type: VariableType
        var name: String
    }

    private let slots: [Slot]
    private let response: RawStatement
    private let answers: RawStatement
    private let personal: RawStatement?
    private let roundID: Int64
    private let stage = StagedRow()
    private let now: String
    private(set) var inserted = 0
    /// The database error that broke the batch, if one did.
    private(set) var failure: (any Error)?

    init(_ db: Database, round: Round, survey: Survey, source: ResponseSource) throws {
        let catalogue = Dictionary(uniqueKeysWithValues: try SQLiteStore.variables(survey: survey.id, db).map { ($0.name, $0) })
        let tables = AnswerTables(surveyID: survey.id)
        var slots: [Slot] = []
        var columns: [Bool: [String]] = [false: [], true: []]
        for variable in survey.variables {
            guard let stored = catalogue[variable.name] else {
                throw StoreError.unknownVariable(variable.name, survey: survey.id)
            }
            columns[stored.isPII]!.append(quoted(stored.name))
            slots.append(Slot(personal: stored.isPII, parameter: Int32(columns[stored.isPII]!.count + 2), type: stored.type, name: stored.name))
        }
        func insertSQL(_ table: String, _ names: [String]) -> String {
            "INSERT INTO \(quoted(table)) (response_id, round_id\(names.map { ", " + $0 }.joined())) VALUES (?, ?\(String(repeating: ", ?", count: names.count)))"
        }
        self.slots = slots
        self.roundID = round.id
        self.now = Timestamp.now().text
        response = try RawStatement(db, sql: """
            INSERT INTO responses (round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source)
            VALUES (?1, ?2, ?3, 'complete', ?4, ?4, ?4, ?5)
            """)
        answers = try RawStatement(db, sql: insertSQL(tables.answers, columns[false]!))
        personal = columns[true]!.isEmpty ? nil : try RawStatement(db, sql: insertSQL(tables.personal, columns[true]!))
        response.bindInteger(round.id, at: 1)
        response.bindText(round.definitionHash, at: 2)
        response.bindText(source.rawValue, at: 5)
        answers.bindInteger(round.id, at: 2)
        personal?.bindInteger(round.id, at: 2)
    }

    /// Every value is checked and staged before anything is written, so a refused value
    /// (`StoreError.answerTypeMismatch`) leaves no trace and the batch may go on. A database
    /// error leaves the batch unusable: later inserts throw it again and the batch rolls back.
    @discardableResult
    func insert(_ values: [AnswerValue?], info: ImportedResponseInfo) throws -> Int64 {
        precondition(values.count == slots.count, "one value per variable of the survey, in order")
        if let failure { throw failure }
        stage.reset()
        var hasPersonal = false
        for i in 0..<slots.count {
            let slot = slots[i]
            if slot.personal {
                guard let personal else { continue }
                if values[i] != nil { hasPersonal = true }
                try stage.stage(values[i], as: slot.type, variable: slot.name, for: personal, at: slot.parameter)
            } else {
                try stage.stage(values[i], as: slot.type, variable: slot.name, for: answers, at: slot.parameter)
            }
        }
        do {
            response.bindText(info.language, at: 3)
            response.bindText(info.submittedAt?.text ?? now, at: 4)
            try response.execute()
            let id = response.lastInsertedRowID
            answers.bindInteger(id, at: 1)
            if hasPersonal, let personal {
                personal.bindInteger(id, at: 1)
                try stage.execute([answers, personal])
            } else {
                try stage.execute([answers])
            }
            inserted += 1
            return id
        } catch {
            failure = error
            throw error
        }
    }
}
