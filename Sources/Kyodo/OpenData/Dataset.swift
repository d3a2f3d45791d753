import Foundation
import SQLite
import Templating

/// A published dataset: its columns (name, type, meaning, unit, example — the data dictionary)
/// and its rows, read from public records only. Column names follow the Digital Agency's
/// 推奨データセット style (Japanese names, _カナ for readings, dates as YYYY-MM-DD, yen as integers).
struct Dataset: Sendable {
    struct Column: Sendable {
        let name: String
        /// 文字列 / 整数 / 日付 / 日時.
        let type: String
        /// Message key of what it means.
        let meaningKey: String
        let unit: String
        let example: String

        var isInteger: Bool { type == "整数" }
    }

    let name: String
    let titleKey: String
    let columns: [Column]
    let rows: @Sendable (Database, RequestContext) throws -> [[String]]
    /// When the data last changed: the newest update among its records.
    let updated: @Sendable (Database) throws -> Date?
    /// The change counter (kept by triggers) of a dataset large enough to be written to a file once
    /// per change and sent from disk; nil for small ones, made for each request.
    var generation: String? = nil

}

extension Dataset.Column {
    static func column(
        _ name: String, _ type: String, _ key: String, unit: String = "", example: String
    ) -> Dataset.Column {
        Dataset.Column(name: name, type: type, meaningKey: "dataset.column.\(key)", unit: unit, example: example)
    }
}

/// A JSON value, written with the keys in column order.
enum JSONCell: Encodable {
    case text(String)
    case integer(Int64)
    case null

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .integer(let n): try c.encode(n)
        case .null: try c.encodeNil()
        }
    }
}

/// One JSON record: an ordered object (JSONEncoder keeps the insertion order of an ordered key list).
struct JSONRecord: Encodable {
    let keys: [String]
    let values: [JSONCell]

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in zip(keys, values) { try c.encode(v, forKey: Key(k)) }
    }
}
