/// One result row: values by column name, typed on read. A wrong type or a missing column is a
/// programming error reported as a `DatabaseError`, not a silent default.
public struct Row: Sendable {
    let columns: ColumnIndex
    public let values: [SQLValue]

    final class ColumnIndex: Sendable {
        let names: [String]
        let positions: [String: Int]
        init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (i, n) in names.enumerated() where positions[n] == nil { positions[n] = i }
            self.positions = positions
        }
    }

    public var columnNames: [String] { columns.names }

    public func value(_ column: String) throws -> SQLValue {
        guard let i = columns.positions[column] else {
            throw DatabaseError(code: 1, message: "no column named \(column) in result")
        }
        return values[i]
    }

    /// A non-NULL value of type T.
    public func get<T: SQLReadable>(_ column: String, as type: T.Type = T.self) throws -> T {
        let raw = try value(column)
        guard let v = T(sqlValue: raw) else {
            throw DatabaseError(code: 20, message: "column \(column) holds \(raw.kind), not \(T.self)")
        }
        return v
    }

    /// NULL becomes nil; any other value must be a T.
    public func optional<T: SQLReadable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        let raw = try value(column)
        if raw == .null { return nil }
        return try get(column, as: type)
    }

    public subscript(column: String) -> SQLValue? {
        columns.positions[column].map { values[$0] }
    }
}

extension SQLValue {
    var kind: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}
