import HTTP

/// CSV that opens correctly in Excel on a Japanese PC: UTF-8 with a byte-order mark, CRLF line
/// ends, every field quoted when it holds a comma, quote or line break (RFC 4180).
public enum CSV {
    public static func document(header: [String], rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        for line in [header] + rows {
            out.append(contentsOf: line.map(field).joined(separator: ",").utf8)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return out
    }

    /// One record and its CRLF.
    public static func line(_ row: [String]) -> [UInt8] {
        Array(row.map(field).joined(separator: ",").utf8) + [0x0D, 0x0A]
    }

    static func field(_ value: String) -> String {
        // A leading = + - @ would run as a formula in Excel (CSV injection); a quote mark defuses it.
        var v = value
        if let first = v.first, "=+-@\t\r".contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A download response named `filename` (ASCII fallback plus RFC 6266 UTF-8 name).
    public static func response(_ bytes: [UInt8], filename: String) -> Response {
        var response = Response(status: .ok, contentType: "text/csv; charset=utf-8", body: bytes)
        let ascii = String(filename.unicodeScalars.filter { $0.isASCII && $0 != "\"" }.map(Character.init))
        response.headers.set("Content-Disposition",
                             "attachment; filename=\"\(ascii.isEmpty ? "export.csv" : ascii)\"; filename*=UTF-8''\(Layout.percentEncode(filename))")
        return response
    }
}
