import GRDB
import SurveyDefinition

extension SQLiteStore {
    @discardableResult
    public func scanResponses(
        round name: String, variables: [String], selection: ResponseSelection, _ body: (ResponseRow) throws -> Void
    ) throws -> Int {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            let (select, types) = try Self.scanSelect(variables: variables, of: round, db)
            // The round's index lists each status in id order; all responses are the two lists
            // merged, which spares SQLite sorting the whole round in a temporary table.
            let sql = switch selection {
            case .complete: select + " WHERE r.round_id = ?1 AND r.status = 'complete' ORDER BY r.id"
            case .all: select + " WHERE r.round_id = ?1 AND r.status = 'complete' UNION ALL "
                + select + " WHERE r.round_id = ?1 AND r.status = 'partial' ORDER BY 1"
            }
            let statement = try RawStatement(db, sql: sql)
            statement.bindInteger(round.id, at: 1)
            let row = SQLiteResponseRow(statement: statement, types: types)
            var count = 0
            while try statement.step() {
                try body(row)
                count += 1
            }
            return count
        }
    }

    /// A scan's SELECT of `variables` of `round`'s survey, without its WHERE, and their types: the
    /// response's record columns first, then the variables, as ``SQLiteResponseRow`` reads them.
    /// Throws `StoreError.unknownVariable` for a name the survey never stored.
    static func scanSelect(variables: [String], of round: Round, _ db: Database) throws -> (sql: String, types: [VariableType]) {
        let catalogue = Dictionary(uniqueKeysWithValues: try Self.variables(survey: round.surveyID, db).map { ($0.name, $0) })
        let tables = AnswerTables(surveyID: round.surveyID)
        var types: [VariableType] = []
        var columns: [String] = []
        for name in variables {
            guard let variable = catalogue[name] else { throw StoreError.unknownVariable(name, survey: round.surveyID) }
            types.append(variable.type)
            columns.append((variable.isPII ? "p." : "a.") + quoted(name))
        }
        let joinsPersonal = variables.contains { catalogue[$0]!.isPII }
        let select = """
            SELECT r.id, r.language, r.status, r.submitted_at, r.source, r.api_client, r.started_at, r.updated_at, r.definition_hash\(columns.map { ", " + $0 }.joined())
            FROM responses r
            JOIN \(quoted(tables.answers)) a ON a.response_id = r.id
            \(joinsPersonal ? "LEFT JOIN \(quoted(tables.personal)) p ON p.response_id = r.id" : "")
            """
        return (select, types)
    }
}

/// A `ResponseRow` that reads the columns of the scan's current row from SQLite.
struct SQLiteResponseRow: ResponseRow {
    let statement: RawStatement
    let types: [VariableType]
    private static let firstVariableColumn: Int32 = 9

    var responseID: Int64 { statement.int64(0) }
    var language: String { statement.text(1) ?? "" }
    var status: ResponseStatus { statement.withUTF8(2) { $0.first == UInt8(ascii: "c") } == true ? .complete : .partial }
    var submittedAt: Timestamp? { statement.text(3).map(Timestamp.init(stored:)) }
    /// Told apart by the first byte (`web`, `import`, `api`), as ``status`` is, without making a String.
    var source: ResponseSource {
        switch statement.withUTF8(4, { $0.first }) ?? nil {
        case UInt8(ascii: "a"): .api
        case UInt8(ascii: "i"): .import
        default: .web
        }
    }
    var apiClient: String? { statement.text(5) }
    var startedAt: Timestamp { Timestamp(stored: statement.text(6) ?? "") }
    var updatedAt: Timestamp { Timestamp(stored: statement.text(7) ?? "") }
    var definitionHash: String { statement.text(8) ?? "" }
    var variableCount: Int { types.count }

    private func column(_ index: Int) -> Int32 { Self.firstVariableColumn + Int32(index) }

    func isNull(_ index: Int) -> Bool { statement.isNull(column(index)) }

    func integer(_ index: Int) -> Int64? {
        isNull(index) ? nil : statement.int64(column(index))
    }

    func decimal(_ index: Int) -> Double? {
        isNull(index) ? nil : statement.double(column(index))
    }

    func text(_ index: Int) -> String? {
        isNull(index) ? nil : statement.text(column(index))
    }

    func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        isNull(index) ? nil : try statement.withUTF8(column(index), body)
    }

    func value(_ index: Int) -> AnswerValue? {
        guard !isNull(index) else { return nil }
        switch types[index] {
        case .integer, .boolean: return ColumnValue.answer(integer: statement.int64(column(index)), as: types[index])
        case .decimal: return .decimal(statement.double(column(index)))
        case .text, .choice, .choices, .date: return statement.text(column(index)).map { ColumnValue.answer(text: $0, as: types[index]) }
        }
    }
}
