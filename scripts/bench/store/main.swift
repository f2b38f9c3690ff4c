// Store benchmark: bulk insert through the raw sqlite3 path vs GRDB's statement layer, a scan of
// 20 columns, the long (one row per answer) layout for comparison, and a CSV for `sqlite3 .import`.
// Run through scripts/bench/store.sh, which times each mode and its peak memory.
import Diagnostics
import Expressions
import Foundation
import GRDB
import Store
import SurveyDefinition

/// A deterministic generator (SplitMix64), so every mode sees the same data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An ESEM-shaped survey: 90 stored variables of the types and mix of the ESEM items.
enum ESEMShape {
    static let at = SourceLocation(file: "bench.yaml", line: 1, column: 1)

    static func list(_ name: String, _ count: Int) -> ChoiceList {
        ChoiceList(name: name, choices: (1...count).map { Choice(value: String($0), label: ["sv": "v\($0)", "en": "v\($0)"], location: at) }, location: at)
    }

    static var document: SurveyDocument {
        var questions: [Question] = []
        func add(_ name: String, _ type: QuestionType, list: String? = nil, pii: Bool = false, rows: Int = 0) {
            questions.append(Question(
                name: name, type: type, choiceList: list, isPII: pii,
                rows: (0..<rows).map { MatrixRow(name: "r\($0)", label: ["sv": "r", "en": "r"], location: at) }, location: at))
        }
        for i in 0..<18 { add("single_\(i)", .selectOne, list: "l10") }        // legal form, region, sector, stage…
        for i in 0..<12 { add("multi_\(i)", .selectMultiple, list: "l8") }     // barriers, SDGs, target groups…
        for i in 0..<20 { add("count_\(i)", .integer) }                        // fte, volunteers, founded…
        for i in 0..<8 { add("share_\(i)", .decimal) }                         // income mix, fin_met…
        for i in 0..<10 { add("flag_\(i)", .boolean) }                         // consent, registered, target_any…
        for i in 0..<2 { add("date_\(i)", .date) }
        for i in 0..<6 { add("text_\(i)", .text) }                             // other texts, comments
        add("voice", .matrix, list: "l5", rows: 12)                            // 5-point scales
        add("contact_email", .email, pii: true)
        add("contact_name", .text, pii: true)
        let survey = Survey(
            id: "esem-bench", version: "1", title: ["sv": "bench", "en": "bench"], languages: ["sv", "en"],
            choiceLists: [list("l10", 10), list("l8", 8), list("l5", 5)],
            pages: [Page(id: "all", questions: questions, location: at)], location: at)
        return SurveyDocument(survey: survey, sourceText: "esem-bench \(questions.count) questions")
    }

    static let words = ["social", "företag", "kooperativ", "Malmö", "hållbar", "omställning", "nätverk", "finansiering", "åäö"]

    /// One response's values, index-aligned with `variables`; about 15% left unanswered.
    static func values(_ variables: [Variable], _ rng: inout SplitMix64, into values: inout [AnswerValue?]) {
        for (i, variable) in variables.enumerated() {
            if variable.type != .text, rng.next() % 100 < 15 { values[i] = nil; continue }
            switch variable.type {
            case .choice:
                let n: UInt64 = variable.choiceList == "l10" ? 10 : 5
                values[i] = .choice(String(1 + rng.next() % n))
            case .choices:
                var codes: [String] = []
                for code in 1...8 where rng.next() % 4 == 0 { codes.append(String(code)) }
                values[i] = codes.isEmpty ? nil : .choices(codes)
            case .integer: values[i] = .integer(Int64(rng.next() % 250))
            case .decimal: values[i] = .decimal(Double(rng.next() % 10_000) / 100)
            case .boolean: values[i] = .boolean(rng.next() % 2 == 0)
            case .date: values[i] = .date(CalendarDate(daysSinceEpoch: 18_000 + Int(rng.next() % 2_000)))
            case .text:
                if rng.next() % 100 < 70 { values[i] = nil; continue }
                values[i] = .text((0..<(1 + Int(rng.next() % 6))).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " "))
            }
        }
        if let email = variables.firstIndex(where: { $0.name == "contact_email" }) {
            values[email] = rng.next() % 3 == 0 ? nil : .text("person\(rng.next() % 1_000_000)@example.se")
        }
    }

    /// The 20 variables the scan reads: a realistic indicator set.
    static let scanned = (0..<6).map { "single_\($0)" } + (0..<4).map { "multi_\($0)" } + (0..<5).map { "count_\($0)" }
        + (0..<3).map { "share_\($0)" } + ["flag_0", "voice_r0"]
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func openRound(_ path: String) throws -> SQLiteStore {
    let store = try SQLiteStore(path: path)
    _ = try store.openRound(RoundRequest(
        name: "bench", document: ESEMShape.document, opens: CalendarDate(year: 2025, month: 1, day: 1), closes: CalendarDate(year: 2025, month: 12, day: 31)))
    return store
}

func report(_ mode: String, rows: Int, _ elapsed: Double) {
    print(String(format: "%@: %d rows in %.2f s = %.0f rows/s", mode, rows, elapsed, Double(rows) / elapsed))
}

let arguments = CommandLine.arguments
guard arguments.count >= 4, let rows = Int(arguments[2]) else {
    print("usage: store-bench bulk|grdb|scan|csv|long ROWS PATH")
    exit(2)
}
let mode = arguments[1], path = arguments[3]
let document = ESEMShape.document
let variables = document.survey.variables
var rng = SplitMix64(state: 2025)
var buffer = [AnswerValue?](repeating: nil, count: variables.count)
/// 10,000 distinct generated responses, used in turn, so that the timings measure storage, not generation.
let generated: [[AnswerValue?]] = (0..<10_000).map { _ in
    ESEMShape.values(variables, &rng, into: &buffer)
    return buffer
}
func row(_ i: Int) -> [AnswerValue?] { generated[i % generated.count] }

switch mode {
case "bulk":
    let store = try openRound(path)
    let elapsed = try seconds {
        try store.insertCompleteResponses(round: "bench", document: document, source: .import) { inserter in
            for i in 0..<rows {
                try inserter.insert(row(i), info: ImportedResponseInfo(language: i % 5 == 0 ? "en" : "sv"))
            }
        }
    }
    report("bulk insert, raw sqlite3 (\(variables.count) variables)", rows: rows, elapsed)

case "grdb":
    // The same three inserts per response, through GRDB's Statement.execute(arguments:).
    let store = try openRound(path)
    let pool = try DatabasePool(path: path)
    let personal = Set(variables.filter(\.isPII).map(\.name))
    let plain = variables.filter { !personal.contains($0.name) }, pii = variables.filter { personal.contains($0.name) }
    func insertSQL(_ table: String, _ vs: [Variable]) -> String {
        "INSERT INTO \(table) (response_id, round_id\(vs.map { ", \"\($0.name)\"" }.joined())) VALUES (?, ?\(String(repeating: ", ?", count: vs.count)))"
    }
    func value(_ v: AnswerValue?) -> (any DatabaseValueConvertible)? {
        switch v {
        case nil: nil
        case .integer(let n): n
        case .decimal(let d): d
        case .boolean(let b): b ? 1 : 0
        case .text(let s), .choice(let s): s
        case .date(let d): d.description
        case .choices(let c): c.joined(separator: " ")
        }
    }
    let roundID = try store.round(named: "bench")!.id
    let now = Timestamp.now().text
    let elapsed = try seconds {
        try pool.write { db in
            let response = try db.makeStatement(sql: """
                INSERT INTO responses (round_id, definition_hash, language, status, started_at, updated_at, submitted_at, source)
                VALUES (?, ?, ?, 'complete', ?, ?, ?, 'import')
                """)
            let answers = try db.makeStatement(sql: insertSQL("answers_esem_bench", plain))
            let personalAnswers = try db.makeStatement(sql: insertSQL("pii_answers_esem_bench", pii))
            let plainIndices = variables.indices.filter { !personal.contains(variables[$0].name) }
            let piiIndices = variables.indices.filter { personal.contains(variables[$0].name) }
            for i in 0..<rows {
                let buffer = row(i)
                try response.execute(arguments: [roundID, document.contentHash, i % 5 == 0 ? "en" : "sv", now, now, now])
                let id = db.lastInsertedRowID
                let keys: [(any DatabaseValueConvertible)?] = [id, roundID]
                try answers.execute(arguments: StatementArguments(keys + plainIndices.map { value(buffer[$0]) }))
                if piiIndices.contains(where: { buffer[$0] != nil }) {
                    try personalAnswers.execute(arguments: StatementArguments(keys + piiIndices.map { value(buffer[$0]) }))
                }
            }
        }
    }
    report("bulk insert, GRDB statements (\(variables.count) variables)", rows: rows, elapsed)

case "scan":
    let store = try SQLiteStore(path: path)
    var sum = 0.0, answered = 0, selected = 0
    var read = 0
    let elapsed = try seconds {
        read = try store.scanResponses(round: "bench", variables: ESEMShape.scanned, selection: .complete) { row in
            for i in 0..<row.variableCount where !row.isNull(i) {
                answered += 1
                if i < 6 || i >= 10 { sum += row.decimal(i)! } else { selected += row.withUTF8(i) { $0.count } ?? 0 }
            }
        }
    }
    report("scan of \(ESEMShape.scanned.count) variables", rows: read, elapsed)
    print("  (checksum: \(answered) answers, sum \(Int(sum)), \(selected) bytes of codes)")

case "csv":
    // The same data as CSV (header of variable names), for sqlite3 .import.
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    var text = "language," + variables.map(\.name).joined(separator: ",") + "\n"
    for i in 0..<rows {
        text += (i % 5 == 0 ? "en" : "sv")
        for value in row(i) {
            text += ","
            switch value {
            case nil: break
            case .integer(let n): text += String(n)
            case .decimal(let d): text += String(d)
            case .boolean(let b): text += b ? "1" : "0"
            case .text(let s), .choice(let s): text += s
            case .date(let d): text += d.description
            case .choices(let c): text += c.joined(separator: " ")
            }
        }
        text += "\n"
        if text.utf8.count > 1 << 20 { handle.write(Data(text.utf8)); text = "" }
    }
    handle.write(Data(text.utf8))
    try handle.close()
    print("wrote \(rows) rows to \(path)")

case "long":
    // The alternative layout: one row per answer (response, variable, value), then the
    // 20-variable read as a scan ordered by response.
    let pool = try DatabasePool(path: path)
    let scannedIDs = Set(ESEMShape.scanned.compactMap { name in variables.firstIndex { $0.name == name } })
    var answers = 0
    let insert = try seconds {
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE answers_long (response_id INTEGER NOT NULL, variable INTEGER NOT NULL, value, PRIMARY KEY (response_id, variable)) WITHOUT ROWID")
            let statement = try db.makeStatement(sql: "INSERT INTO answers_long VALUES (?, ?, ?)")
            for response in 0..<rows {
                for (variable, value) in row(response).enumerated() {
                    let stored: (any DatabaseValueConvertible)? = switch value {
                    case nil: nil
                    case .integer(let n): n
                    case .decimal(let d): d
                    case .boolean(let b): b ? 1 : 0
                    case .text(let s), .choice(let s): s
                    case .date(let d): d.description
                    case .choices(let c): c.joined(separator: " ")
                    }
                    guard let stored else { continue }
                    try statement.execute(arguments: [response, variable, stored])
                    answers += 1
                }
            }
        }
    }
    report("long layout insert (\(answers) answer rows)", rows: rows, insert)
    var seen = 0
    let scan = try seconds {
        try pool.read { db in
            let list = scannedIDs.sorted().map(String.init).joined(separator: ",")
            let cursor = try Row.fetchCursor(db, sql: "SELECT response_id, variable, value FROM answers_long WHERE variable IN (\(list)) ORDER BY response_id")
            while let row = try cursor.next() { _ = row[2] as DatabaseValue; seen += 1 }
        }
    }
    report("long layout read of \(ESEMShape.scanned.count) variables (\(seen) answer rows)", rows: rows, scan)

default:
    print("unknown mode \(mode)")
    exit(2)
}
