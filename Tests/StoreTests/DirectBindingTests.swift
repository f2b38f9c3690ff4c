import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import Store

@Suite struct DirectBindingTests {
    @Test func bindsEveryKindOfValueAndRebindsOnEachRun() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)")
            let insert = try db.cachedStatement(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?)")
            try insert.execute(binding: [7.databaseValue, 2.5.databaseValue, "Åsa <b>".databaseValue, Data([0, 255]).databaseValue, .null])
            try insert.execute(binding: [8.databaseValue, .null, "två".databaseValue, .null, "x".databaseValue])
            // GRDB's own arguments still work on the same statement afterwards.
            try insert.execute(arguments: [9, 0.5, "tre", nil, nil])
        }
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM t ORDER BY i") }
        #expect(rows.count == 3)
        #expect(rows[0]["i"] as Int64? == 7 && rows[0]["d"] as Double? == 2.5 && rows[0]["s"] as String? == "Åsa <b>")
        #expect(rows[0]["b"] as Data? == Data([0, 255]) && rows[0]["n"] as String? == nil)
        #expect(rows[1]["d"] as Double? == nil && rows[1]["s"] as String? == "två" && rows[1]["b"] as Data? == nil, "nothing left over from the first run")
        #expect(rows[1]["n"] as String? == "x")
        #expect(rows[2]["i"] as Int64? == 9 && rows[2]["s"] as String? == "tre")
    }

    @Test func aFailedRunIsAnErrorNamingTheStatement() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (i INTEGER NOT NULL)")
            let insert = try db.cachedStatement(sql: "INSERT INTO t VALUES (?)")
            let error = #expect(throws: DatabaseError.self) { try insert.execute(binding: [.null]) }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
            #expect(error?.sql == "INSERT INTO t VALUES (?)")
            try insert.execute(binding: [1.databaseValue])
        }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 1)
    }
}

@Suite struct UpsertStatementsTests {
    @Test func anUpsertSetsEveryGivenColumn() {
        let sql = UpsertStatements.text(table: "\"answers_shop\"", columns: ["name", "we\"ird"])
        #expect(sql == """
            INSERT INTO "answers_shop" (response_id, round_id, "name", "we""ird")
            VALUES (?, ?, ?, ?)
            ON CONFLICT (response_id) DO UPDATE SET "name" = excluded."name", "we""ird" = excluded."we""ird"
            """)
    }

    @Test func theWriterKeepsAtMostCapacityUpsertsPrepared() throws {
        let queue = try DatabaseQueue()
        let upserts = UpsertStatements(capacity: 3)
        let columns = ["a", "b", "c", "d", "e"]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (response_id INTEGER PRIMARY KEY, round_id INTEGER, a, b, c, d, e)")
            func prepared() -> [String] {
                var texts: [String] = []
                var statement = sqlite3_next_stmt(db.sqliteConnection, nil)
                while let current = statement {
                    let sql = String(cString: sqlite3_sql(current))
                    if sql.contains("ON CONFLICT") { texts.append(sql) }
                    statement = sqlite3_next_stmt(db.sqliteConnection, current)
                }
                return texts
            }
            // One column set per save, each set again on the next round: the same statement is reused.
            for round in 0..<2 {
                for (i, column) in columns.prefix(3).enumerated() {
                    let upsert = try upserts.statement(table: "t", columns: [column], db)
                    try upsert.execute(binding: [Int64(i).databaseValue, 1.databaseValue, Int64(round).databaseValue])
                }
            }
            #expect(prepared().count == 3)
            #expect(try upserts.statement(table: "t", columns: ["a"], db) === upserts.statement(table: "t", columns: ["a"], db))

            let fourth = try upserts.statement(table: "t", columns: ["d"], db)
            try fourth.execute(binding: [0.databaseValue, 1.databaseValue, "x".databaseValue])
            #expect(prepared() == [UpsertStatements.text(table: "t", columns: ["d"])], "the earlier three were let go")
            for column in columns.dropFirst() {
                try upserts.statement(table: "t", columns: [column, "a"], db).execute(binding: [5.databaseValue, 1.databaseValue, 2.databaseValue, 3.databaseValue])
                #expect(prepared().count <= 3)
            }
        }
        let row = try queue.read { try Row.fetchOne($0, sql: "SELECT a, d, e FROM t WHERE response_id = 0") }
        #expect(row?["a"] as Int64? == 1 && row?["d"] as String? == "x")
    }
}
