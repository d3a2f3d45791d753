import Foundation
import SQLite
import Testing

@Suite struct DatabaseTests {
    private func open() throws -> (TempDirectory, Database) {
        let dir = TempDirectory()
        let db = try Database(path: dir.file("test.db"))
        try db.execute("""
            CREATE TABLE sample (id INTEGER PRIMARY KEY, i INTEGER, d REAL, s TEXT, b BLOB, flag INTEGER,
                                 at TEXT, maybe TEXT, name TEXT UNIQUE, amount INTEGER CHECK (amount >= 0))
            """)
        return (dir, db)
    }

    @Test func bindsAndReadsEveryType() throws {
        let (_, db) = try open()
        let at = Date(timeIntervalSince1970: 1_743_465_600.123) // 2025-04-01T00:00:00.123Z
        try db.execute("INSERT INTO sample (i, d, s, b, flag, at, maybe, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [Int64.max, 1.5, "協働 & <NPO>", [UInt8]([0, 1, 255]), true, at, String?.none, "a"])
        try db.execute("INSERT INTO sample (i, b, flag, name) VALUES (?, ?, ?, ?)", [42, Data([9, 8]), false, "b"])
        let rows = try db.query("SELECT * FROM sample ORDER BY id")
        #expect(try rows[0].get("i", as: Int64.self) == Int64.max)
        #expect(try rows[0].get("d", as: Double.self) == 1.5)
        #expect(try rows[0].get("s", as: String.self) == "協働 & <NPO>")
        #expect(try rows[0].get("b", as: [UInt8].self) == [0, 1, 255])
        #expect(try rows[0].get("flag", as: Bool.self) == true)
        #expect(try rows[0].get("at", as: Date.self) == at)
        #expect(try rows[0].get("at", as: String.self) == "2025-04-01T00:00:00.123Z")
        #expect(try rows[0].optional("maybe", as: String.self) == nil)
        #expect(try rows[1].get("i", as: Int.self) == 42)
        #expect(try rows[1].get("b", as: Data.self) == Data([9, 8]))
        #expect(try rows[1].get("flag", as: Bool.self) == false)
    }

    @Test func wrongTypeOrMissingColumn_isAnError() throws {
        let (_, db) = try open()
        try db.execute("INSERT INTO sample (s, name) VALUES ('text', 'x')")
        let row = try #require(try db.first("SELECT s, maybe FROM sample"))
        #expect(throws: DatabaseError.self) { try row.get("s", as: Int64.self) }
        #expect(throws: DatabaseError.self) { try row.get("maybe", as: String.self) }
        #expect(throws: DatabaseError.self) { try row.get("nope", as: String.self) }
    }

    @Test func constraintErrors_carryCodeAndSQL_butNotValues() throws {
        let (_, db) = try open()
        try db.execute("INSERT INTO sample (name) VALUES (?)", ["secret-name"])
        do {
            try db.execute("INSERT INTO sample (name) VALUES (?)", ["secret-name"])
            Issue.record("expected a unique violation")
        } catch let error as DatabaseError {
            #expect(error.isUniqueViolation)
            #expect(error.sql == "INSERT INTO sample (name) VALUES (?)")
            #expect(!error.description.contains("secret-name"))
        }
        #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO sample (amount) VALUES (?)", [-1]) }
    }

    @Test func foreignKeys_areEnforced() throws {
        let (_, db) = try open()
        try db.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, sample_id INTEGER NOT NULL REFERENCES sample(id))")
        do {
            try db.execute("INSERT INTO child (sample_id) VALUES (99)")
            Issue.record("expected a foreign key violation")
        } catch let error as DatabaseError {
            #expect(error.isForeignKeyViolation)
        }
    }

    @Test func wrongNumberOfValues_isAnError() throws {
        let (_, db) = try open()
        #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO sample (i, s) VALUES (?, ?)", [1]) }
    }

    @Test func transaction_commitsOnSuccess_rollsBackOnThrow() throws {
        struct Stop: Error {}
        let (_, db) = try open()
        try db.transaction { db in try db.execute("INSERT INTO sample (name) VALUES ('kept')") }
        #expect(throws: Stop.self) {
            try db.transaction { db in
                try db.execute("INSERT INTO sample (name) VALUES ('gone')")
                throw Stop()
            }
        }
        #expect(try db.scalar("SELECT group_concat(name) FROM sample", as: String.self) == "kept")
    }

    @Test func nestedTransaction_rollsBackOnlyItsPart() throws {
        struct Stop: Error {}
        let (_, db) = try open()
        try db.transaction { db in
            try db.execute("INSERT INTO sample (name) VALUES ('outer')")
            _ = try? db.transaction { db in
                try db.execute("INSERT INTO sample (name) VALUES ('inner')")
                throw Stop()
            }
        }
        #expect(try db.scalar("SELECT group_concat(name) FROM sample", as: String.self) == "outer")
    }

    @Test func readers_doNotWaitForAWriteInProgress() throws {
        let dir = TempDirectory()
        let pool = try DatabasePool(path: dir.file("pool.db"))
        try pool.write { db in
            try db.execute("CREATE TABLE t (v INTEGER)")
            try db.execute("INSERT INTO t VALUES (1)")
        }
        // Hold the write transaction open while a reader reads: in WAL it sees the old value at once.
        try pool.write { db in
            try db.execute("UPDATE t SET v = 2")
            let seen = try pool.read { r in try r.scalar("SELECT v FROM t", as: Int.self) }
            #expect(seen == 1)
        }
        #expect(try pool.read { try $0.scalar("SELECT v FROM t", as: Int.self) } == 2)
    }

    @Test func backup_whileServing_restoresEveryRow() throws {
        let dir = TempDirectory()
        let pool = try DatabasePool(path: dir.file("live.db"))
        try pool.write { db in
            try db.execute("CREATE TABLE org (id INTEGER PRIMARY KEY, name TEXT)")
            for i in 1...500 { try db.execute("INSERT INTO org (name) VALUES (?)", ["団体\(i)"]) }
        }
        let reader = try Database(path: dir.file("live.db"))
        try reader.execute("BEGIN")
        _ = try reader.query("SELECT count(*) FROM org") // an open read transaction does not block it
        try pool.backup(to: dir.file("copy.db"))
        try reader.execute("COMMIT")
        let restored = try Database(path: dir.file("copy.db"))
        #expect(try restored.scalar("SELECT count(*) FROM org", as: Int.self) == 500)
        #expect(try restored.scalar("SELECT name FROM org WHERE id = 500", as: String.self) == "団体500")
    }
}
