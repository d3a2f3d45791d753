import Crypto
import Foundation

/// Applies `NNNN_name.sql` files in order, each in its own IMMEDIATE transaction together with its
/// `schema_migration` row (version, name, SHA-256 checksum). Applied files must never change:
/// an edited, missing, duplicated or out-of-sequence file stops start-up with a clear message.
public struct Migrator {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String
        public var checksum: String { Digest.sha256Hex(Array(sql.utf8)) }
    }

    public struct Status: Sendable {
        public let migration: Migration
        public let appliedAt: String?
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let migrations: [Migration]

    /// Reads every `.sql` file of `directory`, checking names, numbering and sequence.
    public init(directory: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sql") }.sorted()
        var migrations: [Migration] = []
        for file in files {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), stem[..<underscore].count == 4,
                  let version = Int(stem[..<underscore]), !stem[stem.index(after: underscore)...].isEmpty else {
                throw Failure(description: "migration \(file): name must be NNNN_name.sql")
            }
            let sql = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem), sql: sql))
        }
        try self.init(migrations: migrations)
    }

    public init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (i, m) in sorted.enumerated() {
            if i > 0, sorted[i - 1].version == m.version {
                throw Failure(description: "migrations \(sorted[i - 1].name) and \(m.name) share number \(m.version)")
            }
            guard m.version == i + 1 else {
                throw Failure(description: "migration \(m.name): expected number \(String(i + 1).leftPad(4)) — numbers must run 0001, 0002, … without gaps")
            }
        }
        self.migrations = sorted
    }

    /// Applies what is pending; returns the names applied.
    @discardableResult
    public func migrate(_ db: Database) throws -> [String] {
        try ensureTable(db)
        let applied = try verifyApplied(db)
        var done: [String] = []
        for m in migrations where applied[m.version] == nil {
            do {
                try db.transaction { db in
                    try db.executeScript(m.sql)
                    try db.execute("INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                                   [m.version, m.name, m.checksum, Date()])
                }
            } catch let error as DatabaseError {
                throw Failure(description: "migration \(m.name) failed and was rolled back: \(error.message)")
            }
            done.append(m.name)
        }
        return done
    }

    /// Every migration with the time it was applied (nil when pending).
    public func status(_ db: Database) throws -> [Status] {
        try ensureTable(db)
        let applied = try verifyApplied(db)
        return migrations.map { Status(migration: $0, appliedAt: applied[$0.version]) }
    }

    private func ensureTable(_ db: Database) throws {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS schema_migration (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL
            ) STRICT
            """)
    }

    /// Applied rows must match the files exactly: same name, same checksum, none missing.
    private func verifyApplied(_ db: Database) throws -> [Int: String] {
        var applied: [Int: String] = [:]
        // Versions are unique (the loader refuses duplicates); the first wins rather than trapping.
        let byVersion = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for row in try db.query("SELECT version, name, checksum, applied_at FROM schema_migration ORDER BY version") {
            let version: Int = try row.get("version")
            let name: String = try row.get("name")
            guard let file = byVersion[version] else {
                throw Failure(description: "migration \(name) is applied to the database but its file is missing")
            }
            guard file.name == name else {
                throw Failure(description: "migration \(String(version).leftPad(4)) is applied as \(name) but the file is \(file.name)")
            }
            guard try row.get("checksum", as: String.self) == file.checksum else {
                throw Failure(description: "migration \(name) was changed after it was applied; add a new migration instead of editing it")
            }
            applied[version] = try row.get("applied_at")
        }
        return applied
    }
}
