import Foundation
import GRDB
import GRDBSQLite
import SurveyDefinition

extension SQLiteStore {
    @discardableResult
    public func insertCompleteResponses(
        round name: String, document: SurveyDocument, source: ResponseSource,
        _ body: (any CompleteResponseInserter) throws -> Void
    ) throws -> Int {
        try pool.writeWithoutTransaction { db in
            try BulkLoadSettings.during(db) {
                var inserted = 0
                try db.inTransaction(.immediate) {
                    let round = try Self.existingRound(named: name, db)
                    guard document.contentHash == round.definitionHash else {
                        throw StoreError.definitionNotPinned(round: name, pinned: round.definitionHash, given: document.contentHash)
                    }
                    let inserter = try BulkResponseInserter(db, round: round, survey: document.survey, source: source, now: now())
                    try body(inserter)
                    if let failure = inserter.failure { throw failure }
                    try inserter.forgetImportUnlessRecorded()
                    inserted = inserter.inserted
                    return .commit
                }
                return inserted
            }
        }
    }
}

/// Connection settings for the length of one bulk insert, put back afterwards (see docs/store.md):
/// a larger page cache, so that the answer table's pages are written out once, and no foreign-key
/// checks, which the inserter's rows pass by construction (the round was read in the same
/// transaction, and every answer row points at the response row just inserted).
enum BulkLoadSettings {
    /// Page cache of the writer connection while a bulk insert runs, in KiB.
    static let cacheKiB = 65_536

    static func during<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = \(-cacheKiB)")
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        func restore() throws {
            try db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let result: T
        do {
            result = try body()
        } catch {
            try? restore()
            throw error
        }
        try restore()
        return result
    }
}

/// Inserts responses (complete, or partial as an import carries them) through prepared statements
/// on the raw `sqlite3` handle: one row in `responses`, one in the answer table, and one in the
/// personal table when the response has personal answers. Values come encoded in a ``ResponseBatch`` and are bound
/// straight from its cells (texts without a copy). Valid only inside `insertCompleteResponses`.
final class BulkResponseInserter: CompleteResponseInserter {
    /// Where the value of a variable goes: its cell in a response of a batch and its parameter.
    private struct Column {
        var cell: Int
        var parameter: Int32
        var conversion: Conversion
    }

    /// How a batch's value of the variable becomes the column's: as it is, a whole number as a
    /// decimal (an integer variable whose column became REAL), or refused (another type).
    private enum Conversion: UInt8 {
        case direct
        case integerToReal
        case refuse
    }

    /// How a batch with given variable types is bound.
    private struct Plan {
        var types: [VariableType]
        var answers: [Column]
        var personal: [Column]
        /// Variables whose values the columns refuse.
        var refused: [Int]
    }

    /// The survey's variables: names, and types and tables as stored.
    private let names: [String]
    private let storedTypes: [VariableType]
    private let isPersonal: [Bool]
    private let parameters: [Int32]
    private let response: RawStatement
    private let answers: RawStatement
    private let personal: RawStatement?
    /// Sets a response's invitation used, when the invitation is the round's and unused.
    private let linkInvitation: RawStatement
    private let now: [UInt8]
    /// The time of the transaction, which the import's row records too.
    private let time: Timestamp
    private var plan: Plan?
    /// The connection and round of the transaction, for ``recordFile(_:again:)``.
    private let db: Database
    private let round: Round
    /// The id the import's row will have, written on each response as it is inserted (the row
    /// follows in ``recordFile(_:again:)``, in the same transaction); nil unless the source is `import`.
    private let importID: Int64?
    private var recorded = false
    /// The one-response batch of ``insert(_:info:)``, typed as the columns are.
    private var single: ResponseBatch
    private(set) var inserted = 0
    private var lastID: Int64 = 0
    /// The database error that broke the batch, if one did.
    private(set) var failure: (any Error)?

    init(_ db: Database, round: Round, survey: Survey, source: ResponseSource, now: Timestamp) throws {
        let catalogue = Dictionary(uniqueKeysWithValues: try SQLiteStore.variables(survey: survey.id, db).map { ($0.name, $0) })
        let tables = AnswerTables(surveyID: survey.id)
        var names: [String] = [], types: [VariableType] = [], personal: [Bool] = [], parameters: [Int32] = []
        var columns: [Bool: [String]] = [false: [], true: []]
        for variable in survey.variables {
            guard let stored = catalogue[variable.name] else {
                throw StoreError.unknownVariable(variable.name, survey: survey.id)
            }
            columns[stored.isPII]!.append(quoted(stored.name))
            names.append(stored.name)
            types.append(stored.type)
            personal.append(stored.isPII)
            parameters.append(Int32(columns[stored.isPII]!.count + 2))
        }
        func insertSQL(_ table: String, _ names: [String]) -> String {
            "INSERT INTO \(quoted(table)) (response_id, round_id\(names.map { ", " + $0 }.joined())) VALUES (?, ?\(String(repeating: ", ?", count: names.count)))"
        }
        self.db = db
        self.round = round
        importID = source == .import ? try SQLiteStore.nextImportID(db) : nil
        self.names = names
        storedTypes = types
        isPersonal = personal
        self.parameters = parameters
        single = ResponseBatch(names: names, types: types)
        self.now = Array(now.text.utf8)
        time = now
        // A partial response (?6 = 0) was begun and last saved at its time, and never submitted.
        response = try RawStatement(db, sql: """
            INSERT INTO responses (round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source, current_page, invitation_id, import_id)
            VALUES (?1, ?2, ?3, CASE ?6 WHEN 1 THEN 'complete' ELSE 'partial' END, ?4, ?4, CASE ?6 WHEN 1 THEN ?4 END, ?5, ?7, ?8, ?9)
            """)
        linkInvitation = try RawStatement(db, sql: "UPDATE invitations SET response_id = ?1 WHERE id = ?2 AND round_id = ?3 AND response_id IS NULL AND withdrawn_at IS NULL")
        linkInvitation.bindInteger(round.id, at: 3)
        answers = try RawStatement(db, sql: insertSQL(tables.answers, columns[false]!))
        self.personal = columns[true]!.isEmpty ? nil : try RawStatement(db, sql: insertSQL(tables.personal, columns[true]!))
        response.bindInteger(round.id, at: 1)
        response.bindText(round.definitionHash, at: 2)
        response.bindText(source.rawValue, at: 5)
        if let importID { response.bindInteger(importID, at: 9) }
        answers.bindInteger(round.id, at: 2)
        self.personal?.bindInteger(round.id, at: 2)
    }

    /// A refused value (`StoreError.answerTypeMismatch`) is found before anything of the
    /// response is written, so it leaves no trace and the batch may go on. A database error
    /// leaves the batch unusable: later inserts throw it again and the batch rolls back.
    @discardableResult
    func insert(_ values: [AnswerValue?], info: ImportedResponseInfo) throws -> Int64 {
        precondition(values.count == names.count, "one value per variable of the survey, in order")
        if let failure { throw failure }
        single.removeAll()
        try single.append(values, language: info.language, submittedAt: info.submittedAt, status: info.status, currentPage: info.currentPage,
                          invitation: info.invitationID)
        try insert(single)
        return lastID
    }

    /// Inserts the batch's responses in order. A value the columns refuse throws
    /// `StoreError.answerTypeMismatch` before anything of its response is written (the responses
    /// before it are in); a database error leaves the batch unusable, as for ``insert(_:info:)``.
    func insert(_ batch: ResponseBatch) throws {
        if let failure { throw failure }
        precondition(batch.types.count == names.count, "a batch of responses to the round's survey")
        let plan = self.plan(for: batch.types)
        let width = batch.width
        let response = response.handle, answers = answers.handle, personal = personal?.handle
        try batch.cells.withUnsafeBufferPointer { cells in
            try batch.bytes.withUnsafeBufferPointer { bytes in
                try now.withUnsafeBufferPointer { now in
                    let text = bytes.baseAddress ?? now.baseAddress!
                    for row in 0..<batch.count {
                        let base = row * width
                        let first = base + ResponseBatch.metadataCells
                        for variable in plan.refused where cells[first + variable].kind != .null {
                            throw StoreError.answerTypeMismatch(
                                variable: names[variable], expected: storedTypes[variable],
                                value: Self.value(cells[first + variable], as: batch.types[variable], text: text))
                        }
                        do {
                            Self.bind(cells[base], to: response, at: 3, text: text, now: now)
                            Self.bind(cells[base + 1], to: response, at: 4, text: text, now: now)
                            Self.bind(cells[base + 2], to: response, at: 6, text: text, now: now)
                            Self.bind(cells[base + 3], to: response, at: 7, text: text, now: now)
                            Self.bind(cells[base + 4], to: response, at: 8, text: text, now: now)
                            try step(response)
                            let id = sqlite3_last_insert_rowid(self.response.connection)
                            if cells[base + 4].kind == .integer { try link(invitation: cells[base + 4].integer, to: id) }
                            sqlite3_bind_int64(answers, 1, id)
                            for column in plan.answers {
                                Self.bind(cells[base + column.cell], to: answers, at: column.parameter, text: text, now: now,
                                          conversion: column.conversion)
                            }
                            try step(answers)
                            if let personal, plan.personal.contains(where: { cells[base + $0.cell].kind != .null }) {
                                sqlite3_bind_int64(personal, 1, id)
                                for column in plan.personal {
                                    Self.bind(cells[base + column.cell], to: personal, at: column.parameter, text: text, now: now,
                                              conversion: column.conversion)
                                }
                                try step(personal)
                            }
                            lastID = id
                            inserted += 1
                        } catch {
                            failure = error
                            throw error
                        }
                    }
                }
            }
        }
    }

    @discardableResult
    func recordFile(_ file: ImportedFile, again: Bool) throws -> Int64 {
        if let failure { throw failure }
        try SQLiteStore.recordFile(file, id: importID, rows: inserted, round: round, at: time, again: again, db)
        recorded = true
        return importID ?? db.lastInsertedRowID
    }

    /// Takes the import's id off the responses when no file was recorded for them (responses
    /// loaded without a file, as `samla demo` does), so that no response names a missing import.
    func forgetImportUnlessRecorded() throws {
        guard let importID, !recorded, inserted > 0 else { return }
        try db.execute(sql: "UPDATE responses SET import_id = NULL WHERE import_id = ?", arguments: [importID])
    }

    /// Marks the invitation used by response `id`; an invitation of another round, or one with a
    /// response already, is `StoreError.invitationUsed`/`invitationOfAnotherRound`, which ends the batch.
    private func link(invitation: Int64, to id: Int64) throws {
        let statement = linkInvitation.handle
        sqlite3_bind_int64(statement, 1, id)
        sqlite3_bind_int64(statement, 2, invitation)
        try step(statement)
        guard sqlite3_changes(linkInvitation.connection) == 1 else {
            let row = try Row.fetchOne(db, sql: "SELECT round_id, response_id FROM invitations WHERE id = ?", arguments: [invitation])
            guard let row else { throw StoreError.unknownInvitation(invitation) }
            if (row["round_id"] as Int64) != self.round.id { throw StoreError.invitationOfAnotherRound(invitation, round: self.round.name) }
            if (row["response_id"] as Int64?) == nil { throw StoreError.invitationWithdrawn(invitation) }
            throw StoreError.invitationUsed(invitation)
        }
    }

    private func step(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(self.response.connection)),
                                sql: sqlite3_sql(statement).map { String(cString: $0) })
        }
    }

    /// The binding plan for a batch of `types`, kept while batches of the same types follow.
    private func plan(for types: [VariableType]) -> Plan {
        if let plan, plan.types == types { return plan }
        var made = Plan(types: types, answers: [], personal: [], refused: [])
        for i in names.indices {
            let conversion: Conversion = switch (types[i], storedTypes[i]) {
            case let (given, stored) where given == stored: .direct
            case (.integer, .decimal): .integerToReal
            default: .refuse
            }
            if conversion == .refuse { made.refused.append(i) }
            let column = Column(cell: ResponseBatch.metadataCells + i, parameter: parameters[i], conversion: conversion)
            if isPersonal[i] { made.personal.append(column) } else { made.answers.append(column) }
        }
        plan = made
        return made
    }

    @inline(__always)
    private static func bind(
        _ cell: ResponseBatch.Cell, to statement: OpaquePointer, at parameter: Int32, text: UnsafePointer<UInt8>,
        now: UnsafeBufferPointer<UInt8>, conversion: Conversion = .direct
    ) {
        switch cell.kind {
        case .null:
            sqlite3_bind_null(statement, parameter)
        case .integer:
            if conversion == .integerToReal {
                sqlite3_bind_double(statement, parameter, Double(cell.integer))
            } else {
                sqlite3_bind_int64(statement, parameter, cell.integer)
            }
        case .real:
            sqlite3_bind_double(statement, parameter, cell.real)
        case .text:
            // SQLITE_STATIC: the batch's bytes stay put until the statement has run.
            let start = UnsafeRawPointer(text + Int(cell.payload)).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(statement, parameter, start, cell.length, nil)
        case .now:
            sqlite3_bind_text(statement, parameter, UnsafeRawPointer(now.baseAddress!).assumingMemoryBound(to: CChar.self),
                              Int32(now.count), nil)
        }
    }

    /// A cell read back as a value of `type`, for messages.
    private static func value(_ cell: ResponseBatch.Cell, as type: VariableType, text: UnsafePointer<UInt8>) -> AnswerValue {
        switch cell.kind {
        case .integer: ColumnValue.answer(integer: cell.integer, as: type)
        case .real: type == .decimal ? .decimal(cell.real) : ColumnValue.answer(integer: Int64(cell.real), as: type)
        case .text, .now, .null:
            ColumnValue.answer(text: String(decoding: UnsafeBufferPointer(start: text + Int(cell.payload), count: Int(cell.length)), as: UTF8.self),
                               as: type)
        }
    }
}
