import CSQLite

/// A prepared statement owned by one `Database`. Not `Sendable`: SQLite statements belong to
/// their connection and its thread.
public final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let database: Database
    private var columnIndex: Row.ColumnIndex?

    init(database: Database, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw DatabaseError(code: rc, message: database.lastMessage, sql: sql)
        }
        self.handle = stmt
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ values: [any SQLBindable]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw DatabaseError(code: SQLITE_RANGE, message: "statement takes \(expected) values, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let i = Int32(offset + 1)
            let rc: Int32
            switch value.sqlValue {
            case .null: rc = sqlite3_bind_null(handle, i)
            case .integer(let v): rc = sqlite3_bind_int64(handle, i, v)
            case .real(let v): rc = sqlite3_bind_double(handle, i, v)
            case .text(let v): rc = kyodo_sqlite3_bind_text(handle, i, v, Int32(v.utf8.count))
            case .blob(let v): rc = v.withUnsafeBytes { kyodo_sqlite3_bind_blob(handle, i, $0.baseAddress, Int32($0.count)) }
            }
            try check(rc)
        }
    }

    /// Runs the statement to completion, collecting every row.
    func run() throws -> [Row] {
        StatementCounter.increment()
        defer { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }
        var rows: [Row] = []
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return rows }
            guard rc == SQLITE_ROW else { throw DatabaseError(code: rc, message: database.lastMessage, sql: sql) }
            rows.append(readRow())
        }
    }

    private func readRow() -> Row {
        let count = sqlite3_column_count(handle)
        let index = columnIndex ?? Row.ColumnIndex((0..<count).map { String(cString: sqlite3_column_name(handle, $0)) })
        columnIndex = index
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for i in 0..<count {
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, i)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(handle, i)))
            case SQLITE_TEXT:
                let n = Int(sqlite3_column_bytes(handle, i))
                let p = sqlite3_column_text(handle, i)
                values.append(.text(p.map { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) } ?? ""))
            case SQLITE_BLOB:
                let n = Int(sqlite3_column_bytes(handle, i))
                let p = sqlite3_column_blob(handle, i)
                values.append(.blob(p.map { Array(UnsafeRawBufferPointer(start: $0, count: n)) } ?? []))
            default: values.append(.null)
            }
        }
        return Row(columns: index, values: values)
    }

    private func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw DatabaseError(code: rc, message: database.lastMessage, sql: sql) }
    }
}
