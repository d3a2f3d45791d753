import CSQLite

/// One SQLite connection. Not `Sendable`: a connection and its cached statements are used by one
/// thread at a time; `DatabasePool` hands them out.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var statements: [String: Statement] = [:]
    private var transactionDepth = 0
    static let maxCachedStatements = 256
    public var cachedStatementCount: Int { statements.count }

    /// Opens (creating if needed) the database at `path` with the settings every connection uses.
    public init(path: String, readOnly: Bool = false) throws {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw DatabaseError(code: rc, message: "\(message) (\(path))")
        }
        handle = db
        self.path = path
        try check(sqlite3_extended_result_codes(db, 1))
        // A writer holding the lock for a moment must make others wait, not fail.
        try check(sqlite3_busy_timeout(db, 5000))
        if !readOnly { try execute("PRAGMA journal_mode = WAL") }
        // In WAL mode, NORMAL syncs only at checkpoints: a power loss can lose the last
        // transactions but never corrupts the database (https://sqlite.org/pragma.html#pragma_synchronous).
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = ON")
        // 8 MiB page cache per connection: the default 2 MiB re-reads hot tables from the OS on
        // every count, while 32 MiB across 16 worker connections cost 100 MB of RSS on the
        // 10,000-organisation benchmark. (A memory map was worse: RSS counts it per connection.)
        try execute("PRAGMA cache_size = -8192")
        try execute("PRAGMA temp_store = MEMORY")
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Runs one statement and returns its rows. The prepared statement is cached by its SQL text.
    @discardableResult
    public func query(_ sql: String, _ values: [any SQLBindable] = []) throws -> [Row] {
        let statement = try cachedStatement(sql)
        try statement.bind(values)
        return try statement.run()
    }

    /// Runs one statement that returns no rows we need.
    public func execute(_ sql: String, _ values: [any SQLBindable] = []) throws {
        _ = try query(sql, values)
    }

    /// The first row, or nil.
    public func first(_ sql: String, _ values: [any SQLBindable] = []) throws -> Row? {
        try query(sql, values).first
    }

    /// One value from the first row's first column.
    public func scalar<T: SQLReadable>(_ sql: String, _ values: [any SQLBindable] = [], as type: T.Type = T.self) throws -> T? {
        guard let row = try first(sql, values), let value = row.values.first else { return nil }
        return T(sqlValue: value)
    }

    /// Runs a script of several statements (a migration file), without caching.
    public func executeScript(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        guard rc == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw DatabaseError(code: rc, message: message, sql: String(sql.prefix(200)))
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in a transaction: commit when it returns, roll back when it throws, rethrowing
    /// the original error. Writes use BEGIN IMMEDIATE so the write lock is taken up front and a
    /// deadlock between two upgrading readers cannot happen. Nested calls use savepoints.
    public func transaction<T>(immediate: Bool = true, _ body: (Database) throws -> T) throws -> T {
        let savepoint = "sp\(transactionDepth)"
        if transactionDepth == 0 {
            try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        } else {
            try execute("SAVEPOINT \(savepoint)")
        }
        transactionDepth += 1
        // The depth goes down exactly once on every path: when COMMIT or RELEASE itself fails
        // (busy, disk full) the transaction is rolled back like a failed body, not counted twice.
        defer { transactionDepth -= 1 }
        let result: T
        do {
            result = try body(self)
            try execute(transactionDepth == 1 ? "COMMIT" : "RELEASE \(savepoint)")
        } catch {
            if transactionDepth == 1 {
                try? execute("ROLLBACK")
            } else {
                try? execute("ROLLBACK TO \(savepoint)")
                try? execute("RELEASE \(savepoint)")
            }
            throw error
        }
        return result
    }

    /// How many transactions and savepoints are open on this connection (0 outside any).
    public var openTransactions: Int { transactionDepth }

    private func cachedStatement(_ sql: String) throws -> Statement {
        if let s = statements[sql] { return s }
        // The app's SQL is a fixed set of texts, but a text built from input (an IN list of any
        // length) would grow the cache without end; past the bound it starts again.
        if statements.count >= Self.maxCachedStatements { statements.removeAll() }
        let s = try Statement(database: self, sql: sql)
        statements[sql] = s
        return s
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw DatabaseError(code: rc, message: lastMessage) }
    }
}
