/// An SQLite failure: the result code, SQLite's message and the SQL text. Bound values are never
/// included, so an error that reaches a log cannot leak a password hash or personal data.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// SQLITE_CONSTRAINT and its extended codes (unique, foreign key, check, not null…).
    public var isConstraintViolation: Bool { code & 0xFF == 19 }
    /// SQLITE_BUSY or SQLITE_LOCKED (any extended code): the database stayed locked past the timeout.
    public var isBusy: Bool { code & 0xFF == 5 || code & 0xFF == 6 }
    /// SQLITE_CONSTRAINT_UNIQUE or SQLITE_CONSTRAINT_PRIMARYKEY.
    public var isUniqueViolation: Bool { code == 2067 || code == 1555 }
    public var isForeignKeyViolation: Bool { code == 787 }

    public var description: String {
        var s = "SQLite error \(code): \(message)"
        if let sql { s += " — in: \(sql)" }
        return s
    }
}
