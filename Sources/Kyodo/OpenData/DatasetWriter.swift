import Foundation

/// Writes a dataset as CSV (the same bytes as `CSV.document`) or JSON (an array of objects, keys
/// in column order, integers as numbers, empty cells as null) in pieces, so a large file goes to
/// disk a buffer at a time instead of being built whole in memory first.
enum DatasetWriter {
    static func write(_ dataset: Dataset, _ rows: [[String]], format: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        let emit: ([UInt8]) throws -> Void = { bytes in
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 16 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if format == "csv" {
            try emit(CSV.document(header: dataset.columns.map(\.name), rows: []))
            for row in rows { try emit(CSV.line(row)) }
        } else {
            try json(dataset, rows, emit)
        }
        try handle.write(contentsOf: buffer)
    }

    static func json(_ dataset: Dataset, _ rows: [[String]], _ emit: ([UInt8]) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let keys = dataset.columns.map(\.name)
        try emit(Array("[".utf8))
        for (index, row) in rows.enumerated() {
            let record = JSONRecord(
                keys: keys,
                values: zip(dataset.columns, row).map { column, value in
                    if value.isEmpty { return .null }
                    if column.isInteger, let n = Int64(value) { return .integer(n) }
                    return .text(value)
                })
            try emit((index == 0 ? [] : Array(",".utf8)) + Array(try encoder.encode(record)))
        }
        try emit(Array("]".utf8))
    }

    /// Files of earlier changes of the same dataset and language are no longer served.
    static func removeOlder(than generation: Int64, name: String, locale: String, in directory: String) {
        let prefix = "\(name)-\(locale)-"
        for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where file.hasPrefix(prefix)
        {
            let number = file.dropFirst(prefix.count).prefix { $0.isNumber }
            if let n = Int64(number), n < generation {
                try? FileManager.default.removeItem(atPath: directory + "/" + file)
            }
        }
    }
}
