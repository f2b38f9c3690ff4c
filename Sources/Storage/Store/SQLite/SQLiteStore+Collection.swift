import Expressions
import Foundation
import GRDB
import GRDBSQLite
import SurveyDefinition

extension SQLiteStore: CollectionStore {
    public func linkTarget(tokenHash: String) throws -> LinkTarget? {
        try snapshotRead { db in
            var invitation: Invitation?
            var responseID: Int64?
            if let found = try Self.cachedInvitation(tokenHash: tokenHash, db) {
                invitation = found
                responseID = found.responseID
            } else if let id = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT response_id FROM response_tokens WHERE token_hash = ?"), arguments: [tokenHash]) {
                responseID = id
            } else {
                return nil
            }
            let record = try responseID.flatMap { try Self.cachedRecord($0, db) }
            guard let roundID = invitation?.roundID ?? record?.roundID else { return nil }
            let round = try Self.cachedRound(id: roundID, db)
            let response = try record.map { try Self.storedResponse($0, surveyID: round.surveyID, database: path, db) }
            return LinkTarget(round: round, invitation: invitation, response: response)
        }
    }

    /// Reads in one transaction (a consistent snapshot), as `pool.read` does, but through cached
    /// `BEGIN` and `COMMIT` statements: the web form reads on every request, and GRDB's isolation
    /// (a savepoint, and `BEGIN`/`COMMIT` prepared anew each time) cost a sixth of the read.
    func snapshotRead<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.unsafeRead { db in
            // GRDB has just checked the schema version and dropped its caches if it changed; a
            // schema change committed between that check and BEGIN would leave them stale.
            let checked = try db.schemaVersion()
            try db.cachedStatement(sql: "BEGIN DEFERRED").execute()
            do {
                if try db.schemaVersion() != checked { db.clearSchemaCache() }
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT").execute()
                return value
            } catch {
                if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                throw error
            }
        }
    }

    public var commitEpoch: CommitEpoch { writerWatch.current }

    public func commit(_ writes: [CollectionWrite]) throws -> CommittedBatch {
        // Each write checks everything it can refuse before it changes anything, so a refusal leaves
        // the transaction as it was and the others go on (no savepoint per write, which would cost
        // more than the write). A write that fails after it began changing rows aborts the
        // transaction; then every write of the batch is committed alone.
        do {
            return try pool.write { db in
                try batch(db) { epoch, context in
                    let results = try writes.map { write -> Result<CollectionWriteResult, any Error> in
                        do {
                            return .success(try context.apply(write, in: epoch, db))
                        } catch let failure as PartialWrite {
                            throw failure
                        } catch {
                            return .failure(error)
                        }
                    }
                    return CommittedBatch(results: results, epoch: epoch)
                }
            }
        } catch is PartialWrite {
            // The earliest epoch of the single commits: a later one could pass for state an earlier one left.
            var earliest: CommitEpoch?
            let results = writes.map { write in
                Result {
                    do {
                        return try pool.write { db in
                            try batch(db) { epoch, context in
                                earliest = earliest ?? epoch
                                return try context.apply(write, in: epoch, db)
                            }
                        }
                    } catch let failure as PartialWrite {
                        throw failure.underlying
                    }
                }
            }
            return CommittedBatch(results: results, epoch: earliest ?? writerWatch.current)
        }
    }

    /// Runs `body` as one batch in the writer's transaction, just begun: with the batch's epoch and
    /// a fresh write context, and the connection's change count recorded when it ends.
    private func batch<T>(_ db: Database, _ body: (CommitEpoch, inout CollectionWriteContext) throws -> T) throws -> T {
        let epoch = writerWatch.batchBegins(dataVersion: try Self.dataVersion(db), totalChanges: db.totalChangesCount)
        defer { writerWatch.batchEnds(totalChanges: db.totalChangesCount) }
        var context = CollectionWriteContext(database: path, upserts: upserts, clock: clock)
        return try body(epoch, &context)
    }

    /// `PRAGMA data_version`: changes when another connection has committed.
    static func dataVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
    }

    public func idempotencyRecord(round name: String, client: String, key: String) throws -> IdempotencyRecord? {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            return try Self.idempotencyRecord(roundID: round.id, client: client, key: key, db)
        }
    }

    public func secret(named name: String, byteCount: Int) throws -> [UInt8] {
        if let existing = try pool.read({ db in try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [name]) }) {
            return [UInt8](existing)
        }
        // Another process may have made it meanwhile: the first one made is kept.
        return try pool.write { db in try Self.secret(named: name, byteCount: byteCount, madeAt: now(), db) }
    }

    /// The secret of `secrets` named `name`, made in this transaction (`byteCount` random bytes)
    /// when there is none.
    static func secret(named name: String, byteCount: Int, madeAt time: Timestamp, _ db: Database) throws -> [UInt8] {
        if let existing = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [name]) {
            return [UInt8](existing)
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try db.execute(sql: "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)", arguments: [name, Data(bytes), time.text])
        return bytes
    }

    public func dailyActivity(round name: String) throws -> [DailyActivity] {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            var days: [String: DailyActivity] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT date(started_at, 'localtime') AS day, count(*) AS n FROM responses WHERE round_id = ? GROUP BY day
                """, arguments: [round.id]) {
                let day: String = row["day"]
                days[day, default: DailyActivity(day: day, started: 0, completed: 0)].started = row["n"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT date(submitted_at, 'localtime') AS day, count(*) AS n FROM responses
                WHERE round_id = ? AND submitted_at IS NOT NULL GROUP BY day
                """, arguments: [round.id]) {
                let day: String = row["day"]
                days[day, default: DailyActivity(day: day, started: 0, completed: 0)].completed = row["n"]
            }
            return days.values.sorted { $0.day < $1.day }
        }
    }

    public func recentResponses(round name: String, limit: Int) throws -> [ResponseRecord] {
        try pool.read { db in
            let round = try Self.existingRound(named: name, db)
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM responses WHERE round_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?
                """, arguments: [round.id, limit])
            return try ids.compactMap { try Self.record($0, db) }
        }
    }

    // MARK: Helpers

    static func invitation(id: Int64, _ db: Database) throws -> Invitation? {
        try invitation(from: Row.fetchOne(db.cachedStatement(sql: invitationSelect + " WHERE i.id = ?"), arguments: [id]))
    }

    // The web form reads these on every request: cached statements and columns by position, since
    // preparing a statement (and GRDB's authorizer on every column of `SELECT *`) costs more than running it.

    private static let invitationSelect = """
        SELECT i.id, i.round_id, i.token_hash, i.label, e.email, i.created_at, i.response_id, i.withdrawn_at, i.disposition, i.disposition_set_at
        FROM invitations i LEFT JOIN invitation_emails e ON e.invitation_id = i.id
        """

    static func cachedInvitation(tokenHash: String, _ db: Database) throws -> Invitation? {
        try invitation(from: Row.fetchOne(db.cachedStatement(sql: invitationSelect + " WHERE i.token_hash = ?"), arguments: [tokenHash]))
    }

    private static func invitation(from row: Row?) -> Invitation? {
        row.map { row in
            Invitation(
                id: row[0], roundID: row[1], tokenHash: row[2], label: row[3], email: row[4],
                createdAt: Timestamp(stored: row[5]), responseID: row[6], withdrawnAt: (row[7] as String?).map(Timestamp.init(stored:)),
                disposition: (row[8] as String?).flatMap(InvitationDisposition.init(rawValue:)),
                dispositionSetAt: (row[9] as String?).map(Timestamp.init(stored:)))
        }
    }

    static func cachedRecord(_ id: Int64, _ db: Database) throws -> ResponseRecord? {
        let statement = try db.cachedStatement(sql: """
            SELECT id, round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source, invitation_id, current_page, api_client
            FROM responses WHERE id = ?
            """)
        return try RawRow.first(of: statement, binding: id, db) { row in
            ResponseRecord(
                id: row.int64(0), roundID: row.int64(1), definitionHash: row.text(2), language: row.text(3),
                status: ResponseStatus(rawValue: row.text(4)) ?? .partial,
                startedAt: Timestamp(stored: row.text(5)), updatedAt: Timestamp(stored: row.text(6)),
                submittedAt: row.optionalText(7).map(Timestamp.init(stored:)),
                source: ResponseSource(rawValue: row.text(8)) ?? .web, invitationID: row.optionalInt64(9), currentPage: row.optionalText(10),
                apiClient: row.optionalText(11))
        }
    }

    static func cachedRound(id: Int64, _ db: Database) throws -> Round {
        let statement = try db.cachedStatement(sql: """
            SELECT id, name, survey_id, definition_hash, opens, closes, status, anonymous, created_at FROM rounds WHERE id = ?
            """)
        let round = try RawRow.first(of: statement, binding: id, db) { row in
            Round(
                id: row.int64(0), name: row.text(1), surveyID: row.text(2), definitionHash: row.text(3),
                opens: CalendarDate(iso: row.text(4))!, closes: CalendarDate(iso: row.text(5))!,
                status: RoundStatus(rawValue: row.text(6)) ?? .closed, isAnonymous: row.int64(7) != 0, createdAt: Timestamp(stored: row.text(8)))
        }
        guard let round else { throw StoreError.unknownResponse(id) }
        return round
    }

    /// A response with its answers, typed by the survey's variable catalogue. The answer rows are
    /// read through the raw statement: a GRDB `Row` of a wide table costs more than the query.
    static func storedResponse(_ record: ResponseRecord, surveyID: String, database: String, _ db: Database) throws -> StoredResponse {
        let id = record.id
        let names = CollectionTableNames.of(surveyID)
        let types = try variableTypes(survey: surveyID, database: database, db)
        var answers: [String: AnswerValue] = [:]
        for table in [names.answers, names.personal] {
            let statement = try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE response_id = ?")
            let columns = statement.columnNames
            try RawRow.first(of: statement, binding: id, db) { row in
                for (column, name) in columns.enumerated() {
                    guard let type = types[name], let value = row.databaseValue(Int32(column)) else { continue }
                    if let answer = ColumnValue.answer(value, as: type) { answers[name] = answer }
                }
            }
        }
        return StoredResponse(record: record, answers: answers)
    }

    /// The types of a survey's variables, kept per database and survey while the schema is unchanged.
    static func variableTypes(survey: String, database: String, _ db: Database) throws -> [String: VariableType] {
        let signature = try catalogueSignature(db)
        let key = database + "\u{0}" + survey
        if let cached = VariableTypeCache.shared.types(key: key, signature: signature) { return cached }
        var types: [String: VariableType] = [:]
        let statement = try db.cachedStatement(sql: "SELECT name, type FROM variables WHERE survey_id = ?")
        let rows = try Row.fetchCursor(statement, arguments: [survey])
        while let row = try rows.next() {
            types[row[0]] = VariableType(rawValue: row[1]) ?? .text
        }
        VariableTypeCache.shared.store(types, key: key, signature: signature)
        return types
    }

    /// What tells a cached variable catalogue from a changed one: SQLite's schema version. The
    /// catalogue changes only with the answer tables, in one transaction (`AnswerLayoutWriter` adds,
    /// drops or moves the column of every variable it adds or retypes), so the schema version
    /// changes with it. Reading it costs one header field, where summing up the catalogue cost a
    /// scan of it on every request.
    static func catalogueSignature(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA schema_version")) ?? -1
    }

    static func idempotencyRecord(roundID: Int64, client: String, key: String, _ db: Database) throws -> IdempotencyRecord? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM idempotency_keys WHERE round_id = ? AND client = ? AND key = ?", arguments: [roundID, client, key]
        ).map { row in
            IdempotencyRecord(key: row["key"], requestHash: row["request_hash"], status: row["status"], body: row["body"], responseID: row["response_id"])
        }
    }
}

/// A write that failed after it began changing rows: the batch's transaction is rolled back.
struct PartialWrite: Error {
    var underlying: any Error
}

/// What the writes of one commit share: rounds and variable catalogues, read once.
private struct CollectionWriteContext {
    private var roundsByName: [String: Round] = [:]
    private var roundsByID: [Int64: Round] = [:]
    private var catalogues: [String: [String: StoredVariable]] = [:]
    /// The database file, which keys the catalogues kept between commits.
    let database: String
    let upserts: UpsertStatements
    /// The store's clock: the time written with each response.
    let clock: @Sendable () -> Date

    init(database: String, upserts: UpsertStatements, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.upserts = upserts
        self.clock = clock
    }

    mutating func apply(_ write: CollectionWrite, in epoch: CommitEpoch, _ db: Database) throws -> CollectionWriteResult {
        switch write {
        case .beginAnonymous(let start):
            return .response(try beginAnonymous(start, db))
        case .savePage(let save):
            if let expected = save.expectedEpoch, expected != epoch { throw ChangedElsewhere(expected: expected, current: epoch) }
            return .response(try savePage(save, db))
        case .submitComplete(let submission):
            return try submitComplete(submission, db)
        }
    }

    private mutating func beginAnonymous(_ start: AnonymousStart, _ db: Database) throws -> ResponseRecord {
        let round = try self.round(named: start.round, db)
        guard round.isCollecting(on: start.today) else { throw StoreError.roundNotCollecting(round.name, phase: round.phase(on: start.today)) }
        guard round.isAnonymous else { throw StoreError.invitationRequired(round: round.name) }
        return try changing {
            let id = try insertResponse(round: round, language: start.language, source: .web, db)
            try db.cachedStatement(sql: "INSERT INTO response_tokens (token_hash, response_id) VALUES (?, ?)").execute(arguments: [start.tokenHash, id])
            return try SQLiteStore.cachedRecord(id, db)!
        }
    }

    private mutating func savePage(_ save: PageSave, _ db: Database) throws -> ResponseRecord {
        let round: Round
        var existing: Int64?
        var before: ResponseRecord?
        switch save.target {
        case .response(let id):
            guard let record = try SQLiteStore.cachedRecord(id, db) else { throw StoreError.unknownResponse(id) }
            guard record.status == .partial else { throw StoreError.responseAlreadySubmitted(id) }
            round = try self.round(id: record.roundID, db)
            existing = id
            before = record
        case .invitation(let invitationID, let roundName):
            round = try self.round(named: roundName, db)
            guard let invitation = try SQLiteStore.invitation(id: invitationID, db) else { throw StoreError.unknownInvitation(invitationID) }
            guard invitation.responseID == nil else { throw StoreError.invitationUsed(invitationID) }
            guard !invitation.isWithdrawn else { throw StoreError.invitationWithdrawn(invitationID) }
            guard invitation.roundID == round.id else { throw StoreError.invitationOfAnotherRound(invitationID, round: round.name) }
        }
        guard round.isCollecting(on: save.today) else { throw StoreError.roundNotCollecting(round.name, phase: round.phase(on: save.today)) }
        let answers = try prepare(save.answers, round: round, db)
        return try changing {
            let responseID: Int64
            if let existing {
                responseID = existing
            } else {
                guard case .invitation(let invitationID, _) = save.target else { throw StoreError.unknownResponse(0) }
                responseID = try insertResponse(round: round, language: save.language, source: .web, db)
                try SQLiteStore.markInvitationUsed(invitationID, response: responseID, db)
            }
            try write(answers, response: responseID, round: round, db)
            let now = Timestamp(clock())
            if save.completes {
                try db.cachedStatement(
                    sql: "UPDATE responses SET status = 'complete', submitted_at = ?, updated_at = ?, current_page = ?, language = ? WHERE id = ?"
                ).execute(arguments: [now.text, now.text, save.currentPage, save.language, responseID])
            } else {
                try db.cachedStatement(sql: "UPDATE responses SET updated_at = ?, current_page = ?, language = ? WHERE id = ?")
                    .execute(binding: [now.text.databaseValue, save.currentPage.databaseValue, save.language.databaseValue, responseID.databaseValue])
            }
            guard var record = before else { return try SQLiteStore.cachedRecord(responseID, db)! }
            record.updatedAt = now
            record.currentPage = save.currentPage
            record.language = save.language
            if save.completes {
                record.status = .complete
                record.submittedAt = now
            }
            return record
        }
    }

    private mutating func submitComplete(_ submission: CompleteSubmission, _ db: Database) throws -> CollectionWriteResult {
        let round = try self.round(named: submission.round, db)
        if let claim = submission.idempotency,
            let earlier = try SQLiteStore.idempotencyRecord(roundID: round.id, client: submission.apiClient ?? "", key: claim.key, db)
        {
            return .replayed(earlier)
        }
        guard round.isCollecting(on: submission.today) else { throw StoreError.roundNotCollecting(round.name, phase: round.phase(on: submission.today)) }
        guard round.definitionHash == submission.definitionHash else {
            throw StoreError.definitionNotPinned(round: round.name, pinned: round.definitionHash, given: submission.definitionHash)
        }
        let answers = try prepare(submission.answers.filter { $0.value != nil }, round: round, db)
        return try changing {
            let id = try insertResponse(round: round, language: submission.language, source: submission.source, apiClient: submission.apiClient, db)
            try write(answers, response: id, round: round, db)
            let now = Timestamp(clock()).text
            try db.cachedStatement(sql: "UPDATE responses SET status = 'complete', submitted_at = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [now, now, id])
            if let claim = submission.idempotency {
                try db.cachedStatement(sql: """
                    INSERT INTO idempotency_keys (round_id, client, key, request_hash, status, body, response_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [round.id, submission.apiClient ?? "", claim.key, claim.requestHash, claim.status, claim.body(id), id, now])
            }
            return .response(try SQLiteStore.cachedRecord(id, db)!)
        }
    }

    /// Runs the changing part of a write: any failure in it is a `PartialWrite`, which aborts the batch.
    private func changing<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch {
            throw PartialWrite(underlying: error)
        }
    }

    private func insertResponse(round: Round, language: String, source: ResponseSource, apiClient: String? = nil, _ db: Database) throws -> Int64 {
        let now = Timestamp(clock()).text
        let insert = try db.cachedStatement(sql: """
            INSERT INTO responses (round_id, definition_hash, language, status, started_at, updated_at, source, api_client)
            VALUES (?, ?, ?, 'partial', ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [round.id, round.definitionHash, language, now, now, source.rawValue, apiClient])
        let id = db.lastInsertedRowID
        let answers = try db.cachedStatement(
            sql: "INSERT INTO \(CollectionTableNames.of(round.surveyID).answers) (response_id, round_id) VALUES (?, ?)")
        try answers.execute(arguments: [id, round.id])
        return id
    }

    /// Answers checked against the catalogue and turned into column values, ready to write.
    struct PreparedAnswers {
        var columns: [Bool: [(String, DatabaseValue)]]
    }

    /// Checks that every variable exists and every value fits its column; refuses before anything is written.
    private mutating func prepare(_ values: [String: AnswerValue?], round: Round, _ db: Database) throws -> PreparedAnswers {
        var columns: [Bool: [(String, DatabaseValue)]] = [false: [], true: []]
        guard !values.isEmpty else { return PreparedAnswers(columns: columns) }
        let catalogue = try catalogue(survey: round.surveyID, db)
        for name in values.keys.sorted() {
            guard let variable = catalogue[name] else { throw StoreError.unknownVariable(name, survey: round.surveyID) }
            columns[variable.isPII]!.append((name, try ColumnValue.databaseValue(values[name]!, as: variable.type, variable: name)))
        }
        return PreparedAnswers(columns: columns)
    }

    /// Upserts prepared answers into the answer and personal tables.
    private func write(_ answers: PreparedAnswers, response: Int64, round: Round, _ db: Database) throws {
        let tables = CollectionTableNames.of(round.surveyID)
        for (personal, assigned) in answers.columns where !assigned.isEmpty {
            let upsert = try upserts.statement(table: personal ? tables.personal : tables.answers, columns: assigned.map(\.0), db)
            try upsert.execute(binding: [response.databaseValue, round.id.databaseValue] + assigned.map(\.1))
        }
    }

    private mutating func round(named name: String, _ db: Database) throws -> Round {
        if let round = roundsByName[name] { return round }
        let round = try SQLiteStore.existingRound(named: name, db)
        remember(round)
        return round
    }

    private mutating func round(id: Int64, _ db: Database) throws -> Round {
        if let round = roundsByID[id] { return round }
        let round = try SQLiteStore.cachedRound(id: id, db)
        remember(round)
        return round
    }

    private mutating func remember(_ round: Round) {
        roundsByName[round.name] = round
        roundsByID[round.id] = round
    }

    private mutating func catalogue(survey: String, _ db: Database) throws -> [String: StoredVariable] {
        if let catalogue = catalogues[survey] { return catalogue }
        let signature = try SQLiteStore.catalogueSignature(db)
        let key = database + "\u{0}" + survey
        if let cached = CatalogueCache.shared[key], cached.signature == signature {
            catalogues[survey] = cached.catalogue
            return cached.catalogue
        }
        let catalogue = Dictionary(uniqueKeysWithValues: try SQLiteStore.variables(survey: survey, db).map { ($0.name, $0) })
        CatalogueCache.shared[key] = (signature, catalogue)
        catalogues[survey] = catalogue
        return catalogue
    }
}

/// The quoted names of a survey's answer tables, made once per survey (the web form needs them
/// on every request, and `AnswerTables` builds them with Foundation string replacement).
enum CollectionTableNames {
    struct Names {
        var answers: String
        var personal: String
    }

    private static let cache = LockedDictionary<String, Names>()

    static func of(_ surveyID: String) -> Names {
        if let names = cache[surveyID] { return names }
        let tables = AnswerTables(surveyID: surveyID)
        let names = Names(answers: quoted(tables.answers), personal: quoted(tables.personal))
        cache[surveyID] = names
        return names
    }

    /// A variable name in double quotes; variable names are identifiers, but a quote is doubled all the same.
    static func quotedIdentifier(_ name: String) -> String {
        name.utf8.contains(UInt8(ascii: "\"")) ? quoted(name) : "\"" + name + "\""
    }
}

/// Variable types per database file and survey, with the schema version they were read at.
final class VariableTypeCache: @unchecked Sendable {
    static let shared = VariableTypeCache()
    private let lock = NSLock()
    private var entries: [String: (signature: Int64, types: [String: VariableType])] = [:]

    func types(key: String, signature: Int64) -> [String: VariableType]? {
        lock.withLock { entries[key].flatMap { $0.signature == signature ? $0.types : nil } }
    }

    func store(_ types: [String: VariableType], key: String, signature: Int64) {
        lock.withLock { entries[key] = (signature, types) }
    }
}

/// Variable catalogues per database file and survey, with the schema version they were read at.
enum CatalogueCache {
    static let shared = LockedDictionary<String, (signature: Int64, catalogue: [String: StoredVariable])>()
}

/// A dictionary behind a lock.
final class LockedDictionary<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Key: Value] = [:]

    subscript(key: Key) -> Value? {
        get { lock.withLock { storage[key] } }
        set { lock.withLock { storage[key] = newValue } }
    }
}

/// The first row of a cached statement, read through its raw `sqlite3` handle: on the web form's
/// path a GRDB `Row` (which copies every column into values first) cost more than the query.
struct RawRow {
    private let handle: OpaquePointer

    /// Binds `argument` to the statement's one parameter, steps once and reads the row with `read`;
    /// nil when there is none. The statement is reset afterwards.
    static func first<R>(of statement: Statement, binding argument: Int64, _ db: Database, _ read: (RawRow) throws -> R) throws -> R? {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, argument)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW else {
            if code == SQLITE_DONE { return nil }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        return try read(RawRow(handle: handle))
    }

    /// The column's integer, real or text value; nil for NULL (and blobs, which no answer is).
    func databaseValue(_ column: Int32) -> DatabaseValue? {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: int64(column).databaseValue
        case SQLITE_FLOAT: sqlite3_column_double(handle, column).databaseValue
        case SQLITE_TEXT: text(column).databaseValue
        default: nil
        }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// The column's text; empty for NULL (the columns read so are NOT NULL).
    func text(_ column: Int32) -> String { optionalText(column) ?? "" }

    func optionalText(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }
}
