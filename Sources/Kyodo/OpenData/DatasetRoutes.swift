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
        let format = file.hasSuffix(".csv") ? "csv" : file.hasSuffix(".json") ? "json" : ""
        let stem = format.isEmpty ? file : String(file.dropLast(format.count + 1))
        guard let dataset = Datasets.find(stem) else { throw HTTPError(.notFound) }
        if !format.isEmpty, let counter = dataset.generation {
            return try fromDisk(c, dataset, format: format, counter: counter)
        }
        let (rows, updated) = try c.services.database.read { db in (try dataset.rows(db, c), try dataset.updated(db)) }
        switch format {
        case "csv":
            return finish(c, CSV.response(CSV.document(header: dataset.columns.map(\.name), rows: rows), filename: "\(dataset.name).csv"),
                          updated)
        case "json":
            var body: [UInt8] = []
            try DatasetWriter.json(dataset, rows) { body.append(contentsOf: $0) }
            return finish(c, Response(status: .ok, contentType: "application/json; charset=utf-8", body: body), updated)
        default:
            return try c.render(
                DatasetPage(
                    name: dataset.name, title: c.t(dataset.titleKey), rowCount: rows.count, updated: updated,
                    licence: c.services.config.openDataLicence ?? c.t("openData.licence"),
                    columns: dataset.columns.map {
                        .init(name: $0.name, type: $0.type, meaning: c.t($0.meaningKey), unit: $0.unit, example: $0.example)
                    }))
        }
    }

    /// A large dataset is written to a file once per change (per language and format) and sent
    /// from disk by the event loop, so each download costs neither a rebuild nor the file's size in
    /// memory. Its ETag names the change, so an unchanged file is a 304 without reading anything.
    static func fromDisk(_ c: RequestContext, _ dataset: Dataset, format: String, counter: String) throws -> Response {
        let (generation, updated) = try c.services.database.read { db in
            (try ChangeGenerationStore.generation(db, counter), try dataset.updated(db))
        }
        let tag = "\"\(dataset.name)-\(c.locale)-\(generation)-\(format)\""
        if c.request.headers["If-None-Match"] == tag {
            var notModified = Response(status: .notModified)
            notModified.headers.set("ETag", tag)
            return notModified
        }
        let directory = c.services.config.dataDirectory + "/open-data"
        let path = "\(directory)/\(dataset.name)-\(c.locale)-\(generation).\(format)"
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let rows = try c.services.database.read { try dataset.rows($0, c) }
            // Written under a temporary name and renamed, so a reader never sees half a file.
            let temporary = path + ".\(UUID().uuidString).tmp"
            try DatasetWriter.write(dataset, rows, format: format, to: temporary)
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
            DatasetWriter.removeOlder(than: generation, name: dataset.name, locale: c.locale, in: directory)
        }
        let length = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var response = Response(status: .ok, body: .file(path: path, length: length))
        response.headers.set("Content-Type", format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
        if format == "csv" {
            response.headers.set("Content-Disposition", "attachment; filename=\"\(dataset.name).csv\"")
        }
        response.headers.set("ETag", tag)
        response.headers.set("Cache-Control", "no-cache")
        response.headers.set("Access-Control-Allow-Origin", "*")
        if let updated { response.headers.set("Last-Modified", HTTPDate.format(Int(updated.timeIntervalSince1970))) }
        return response
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
