import Foundation
import SQLite
import Testing

/// Found on main: when COMMIT itself failed the depth went down twice, the transaction stayed
/// open, and every later transaction on that connection failed until restart.
@Suite struct TransactionFailureTests {
    @Test func failedCommit_rollsBack_andTheConnectionStaysUsable() throws {
        let dir = TempDirectory()
        let db = try Database(path: dir.file("t.db"))
        // A deferred foreign key is checked at COMMIT, so COMMIT is what fails.
        try db.executeScript("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """)
        #expect(throws: DatabaseError.self) {
            try db.transaction { db in try db.execute("INSERT INTO child (parent_id) VALUES (42)") }
        }
        #expect(db.openTransactions == 0)
        #expect(try db.scalar("SELECT count(*) FROM child", as: Int.self) == 0)
        try db.transaction { db in
            try db.execute("INSERT INTO parent (id) VALUES (1)")
            try db.transaction { db in try db.execute("INSERT INTO child (parent_id) VALUES (1)") }
        }
        #expect(try db.scalar("SELECT count(*) FROM child", as: Int.self) == 1 && db.openTransactions == 0)
    }

    @Test func statementCache_isBounded() throws {
        let dir = TempDirectory()
        let db = try Database(path: dir.file("c.db"))
        for i in 0..<1_000 { try db.execute("SELECT \(i)") }
        #expect(db.cachedStatementCount <= 256)
    }
}
