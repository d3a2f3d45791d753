import Crypto
import Foundation
import HTTP
import Templating

/// `/open-data/NAME.csv`, `/open-data/NAME.json` and the data dictionary `/open-data/NAME` of each
/// dataset: CSV for Excel (UTF-8 BOM, CRLF, formula cells neutralised), JSON with typed values,
/// an ETag and Last-Modified so a harvester can skip unchanged files.
enum DatasetRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/open-data/:file", .anyone, serve)
    }

    static func serve(_ c: RequestContext) throws -> Response {
        let file = try c.request.parameters.require("file", as: String.self)
        let stem =
            file.hasSuffix(".csv")
            ? String(file.dropLast(4)) : file.hasSuffix(".json") ? String(file.dropLast(5)) : file
        guard let dataset = Datasets.find(stem) else { throw HTTPError(.notFound) }
        let (rows, updated) = try c.services.database.read { db in (try dataset.rows(db, c), try dataset.updated(db)) }
        if file.hasSuffix(".csv") {
            return finish(
                c,
                CSV.response(
                    CSV.document(header: dataset.columns.map(\.name), rows: rows), filename: "\(dataset.name).csv"),
                updated)
        }
        if file.hasSuffix(".json") {
            let records = rows.map { row in
                JSONRecord(
                    keys: dataset.columns.map(\.name),
                    values: zip(dataset.columns, row).map { column, value in
                        if value.isEmpty { return .null }
                        if column.isInteger, let n = Int64(value) { return .integer(n) }
                        return .text(value)
                    })
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let body = Array(try encoder.encode(records))
            return finish(c, Response(status: .ok, contentType: "application/json; charset=utf-8", body: body), updated)
        }
        return try c.render(
            DatasetPage(
                name: dataset.name, title: c.t(dataset.titleKey), rowCount: rows.count, updated: updated,
                licence: c.t("openData.licence"),
                columns: dataset.columns.map {
                    .init(name: $0.name, type: $0.type, meaning: c.t($0.meaningKey), unit: $0.unit, example: $0.example)
                }))
    }

    /// ETag from the bytes; 304 when the client already has them.
    static func finish(_ c: RequestContext, _ response: Response, _ updated: Date?) -> Response {
        var response = response
        guard case .bytes(let body) = response.body else { return response }
        let tag = "\"" + Digest.sha256Hex(body).prefix(32) + "\""
        if c.request.headers["If-None-Match"] == tag {
            var notModified = Response(status: .notModified)
            notModified.headers.set("ETag", tag)
            return notModified
        }
        response.headers.set("ETag", tag)
        response.headers.set("Cache-Control", "no-cache")
        if let updated { response.headers.set("Last-Modified", HTTPDate.format(Int(updated.timeIntervalSince1970))) }
        return response
    }
}

/// `open-data/dataset`: one dataset's data dictionary.
struct DatasetPage: PageView {
    struct Column: TemplateView {
        let name: String
        let type: String
        let meaning: String
        let unit: String
        let example: String
        static let fields = Fields<Column>([
            "name": .text(\.name), "type": .text(\.type), "meaning": .text(\.meaning), "unit": .text(\.unit),
            "example": .text(\.example),
        ])
    }

    static let templates = ["open-data/dataset"]
    var template: String { "open-data/dataset" }
    let name: String
    let title: String
    let rowCount: Int
    let updated: Date?
    let licence: String
    let columns: [Column]
    static let fields = Fields<DatasetPage>([
        "name": .text(\.name), "title": .text(\.title), "rowCount": .int(\.rowCount), "updated": .date(\.updated),
        "licence": .text(\.licence),
        "columns": .list(\.columns),
    ])
}
