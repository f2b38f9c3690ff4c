import Foundation
import GRDB
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

@Suite struct UpsertSQLTests {
    @Test func anUpsertSetsEveryGivenColumnAndIsWrittenOncePerColumnSet() {
        let sql = UpsertSQL.text(table: "\"answers_shop\"", columns: ["name", "we\"ird"])
        #expect(sql == """
            INSERT INTO "answers_shop" (response_id, round_id, "name", "we""ird")
            VALUES (?, ?, ?, ?)
            ON CONFLICT (response_id) DO UPDATE SET "name" = excluded."name", "we""ird" = excluded."we""ird"
            """)
        #expect(UpsertSQL.text(table: "\"answers_shop\"", columns: ["name", "we\"ird"]) == sql)
        #expect(UpsertSQL.text(table: "\"answers_shop\"", columns: ["we\"ird", "name"]) != sql, "the columns in the order given")
        #expect(UpsertSQL.text(table: "\"pii_answers_shop\"", columns: ["name", "we\"ird"]).hasPrefix("INSERT INTO \"pii_answers_shop\""))
    }
}

@Suite struct LockedDictionaryTests {
    @Test func aBoundedDictionaryStartsAgainEmptyWhenFull() {
        let bounded = LockedDictionary<String, Int>(capacity: 2)
        bounded["a"] = 1
        bounded["b"] = 2
        bounded["a"] = 3
        #expect(bounded["a"] == 3 && bounded["b"] == 2, "replacing a key does not count as a new entry")
        bounded["c"] = 4
        #expect(bounded["a"] == nil && bounded["b"] == nil && bounded["c"] == 4)
        let unbounded = LockedDictionary<Int, Int>()
        for i in 0..<100 { unbounded[i] = i }
        #expect(unbounded[0] == 0 && unbounded[99] == 99)
    }
}
