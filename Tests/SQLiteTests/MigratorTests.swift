import SQLite
import Testing

@Suite struct MigratorTests {
    private func setUp(_ files: [String: String]) throws -> TempDirectory {
        let dir = TempDirectory()
        try FileManagerHelper.mkdir(dir.file("Migrations"))
        for (name, sql) in files { try dir.write("Migrations/" + name, sql) }
        return dir
    }

    @Test func appliesInOrder_once_andReportsStatus() throws {
        let dir = try setUp(["0001_a.sql": "CREATE TABLE a (id INTEGER);", "0002_b.sql": "CREATE TABLE b (a_id INTEGER); INSERT INTO a VALUES (1);"])
        let db = try Database(path: dir.file("m.db"))
        let migrator = try Migrator(directory: dir.file("Migrations"))
        #expect(try migrator.migrate(db) == ["0001_a", "0002_b"])
        #expect(try migrator.migrate(db) == [])
        #expect(try db.scalar("SELECT count(*) FROM a", as: Int.self) == 1)
        let status = try migrator.status(db)
        #expect(status.map(\.migration.name) == ["0001_a", "0002_b"])
        #expect(status.allSatisfy { $0.appliedAt != nil })
    }

    @Test func failingMigration_rollsBackAndStops() throws {
        let dir = try setUp(["0001_a.sql": "CREATE TABLE a (id INTEGER);", "0002_bad.sql": "CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);"])
        let db = try Database(path: dir.file("m.db"))
        #expect(throws: Migrator.Failure.self) { try Migrator(directory: dir.file("Migrations")).migrate(db) }
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'b'", as: Int.self) == 0)
        #expect(try db.scalar("SELECT count(*) FROM schema_migration", as: Int.self) == 1)
    }

    @Test func changedChecksum_refusesToStart() throws {
        let dir = try setUp(["0001_a.sql": "CREATE TABLE a (id INTEGER);"])
        let db = try Database(path: dir.file("m.db"))
        try Migrator(directory: dir.file("Migrations")).migrate(db)
        try dir.write("Migrations/0001_a.sql", "CREATE TABLE a (id INTEGER, extra TEXT);")
        let error = #expect(throws: Migrator.Failure.self) { try Migrator(directory: dir.file("Migrations")).migrate(db) }
        #expect(error?.description.contains("changed after it was applied") == true)
    }

    @Test func gapInNumbers_refusesToStart() throws {
        let dir = try setUp(["0001_a.sql": "SELECT 1;", "0003_c.sql": "SELECT 1;"])
        let error = #expect(throws: Migrator.Failure.self) { try Migrator(directory: dir.file("Migrations")) }
        #expect(error?.description.contains("0002") == true)
    }

    @Test func duplicateNumber_refusesToStart() throws {
        let dir = try setUp(["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 1;"])
        let error = #expect(throws: Migrator.Failure.self) { try Migrator(directory: dir.file("Migrations")) }
        #expect(error?.description.contains("share number") == true)
    }

    @Test func badFileName_refusesToStart() throws {
        let dir = try setUp(["1_a.sql": "SELECT 1;"])
        #expect(throws: Migrator.Failure.self) { try Migrator(directory: dir.file("Migrations")) }
    }

    @Test func appliedFileMissing_refusesToStart() throws {
        let dir = try setUp(["0001_a.sql": "SELECT 1;", "0002_b.sql": "SELECT 1;"])
        let db = try Database(path: dir.file("m.db"))
        try Migrator(directory: dir.file("Migrations")).migrate(db)
        try FileManagerHelper.remove(dir.file("Migrations/0002_b.sql"))
        let error = #expect(throws: Migrator.Failure.self) { try Migrator(directory: dir.file("Migrations")).migrate(db) }
        #expect(error?.description.contains("file is missing") == true)
    }
}

import Foundation
enum FileManagerHelper {
    static func mkdir(_ path: String) throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    static func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: path) }
}
