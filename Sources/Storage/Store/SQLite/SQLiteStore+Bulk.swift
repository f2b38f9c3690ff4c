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
    private let now: String
    private(set) var inserted = 0

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

    @discardableResult
    func insert(_ values: [AnswerValue?], info: ImportedResponseInfo) throws -> Int64 {
        precondition(values.count == slots.count, "one value per variable of the survey, in order")
        response.bindText(info.language, at: 3)
        response.bindText(info.submittedAt?.text ?? now, at: 4)
        try response.execute()
        let id = response.lastInsertedRowID
        answers.bindInteger(id, at: 1)
        var hasPersonal = false
        for i in 0..<slots.count {
            let slot = slots[i]
            if slot.personal {
                if values[i] != nil { hasPersonal = true }
                continue
            }
            try ColumnValue.bind(values[i], as: slot.type, variable: slot.name, to: answers, at: slot.parameter)
        }
        try answers.execute()
        if hasPersonal, let personal {
            personal.bindInteger(id, at: 1)
            for i in 0..<slots.count where slots[i].personal {
                try ColumnValue.bind(values[i], as: slots[i].type, variable: slots[i].name, to: personal, at: slots[i].parameter)
            }
            try personal.execute()
        }
        inserted += 1
        return id
    }
}
