import Foundation
import HTTP
import Templating

/// An organisation's documents: 規約・定款, activity reports and financial statements per fiscal
/// year. Uploads are checked by extension and content, stored by hash outside `Public/`, and
/// served only to those allowed — public documents of listed organisations to anyone.
enum DocumentRoutes {
    static let maxFileBytes = 10 * 1024 * 1024

    static func register(in routes: inout RouteTable, services: AppServices) {
        let upload = RouteOptions(maxBodyBytes: maxFileBytes + 64 * 1024,
                                  multipart: MultipartLimits(maxFileBytes: maxFileBytes, maxParts: 10, maxFieldBytes: 4096,
                                                             temporaryDirectory: services.files.temporaryDirectory))
        routes.get("/organisations/:id/documents", .record(OrganisationPolicy.edit), showDocuments)
        routes.post("/organisations/:id/documents", .record(OrganisationPolicy.edit), options: upload, uploadDocument)
        routes.get("/organisations/:id/documents/:document", .publicRecord(OrganisationPolicy.view), downloadDocument)
        routes.post("/organisations/:id/documents/:document/delete", .record(OrganisationPolicy.edit), deleteDocument)
        routes.post("/organisations/:id/documents/:document/visibility", .record(OrganisationPolicy.edit), changeVisibility)
    }

    static func item(_ d: DocumentStore.Document, _ c: RequestContext) -> DocumentItem {
        DocumentItem(id: d.id, organisationID: d.organisationID, kind: c.t(d.kind.messageKey), fiscalYear: d.fiscalYear,
                     filename: d.filename, size: sizeText(d.size), isPublic: d.isPublic, uploadedAt: d.uploadedAt)
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }

    static func fields(_ c: RequestContext) -> [FieldView] {
        let thisYear = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(c.now))
        return [
            FieldView("kind", label: c.t("document.kind"), kind: .select(DocumentStore.Kind.allCases.map { ($0.rawValue, c.t($0.messageKey)) }), required: true),
            FieldView("fiscalYear", label: c.t("document.fiscalYear"), kind: .select([("", c.t("document.noYear"))] + (0..<6).map { offset in
                let y = thisYear - offset
                return (String(y), c.format("fiscalYear", .int(y)))
            })),
            FieldView("file", label: c.t("document.file"), kind: .input(type: "file"), required: true, hint: c.t("document.fileHint")),
            FieldView("public", label: c.t("document.visibility"), kind: .checkboxes([("1", c.t("document.makePublic"))])),
        ]
    }

    static func showDocuments(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        return try page(c, org, FormState())
    }

    static func page(_ c: RequestContext, _ org: Organisation, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        let (documents, used) = try c.services.database.read {
            (try DocumentStore.list($0, organisationID: org.id, includePrivate: true), try UploadQuotaStore.used($0, organisationID: org.id))
        }
        return try c.render(DocumentsPage(form: c.formView(form, fields(c)), org: .init(id: org.id, name: org.name),
                                          documents: documents.map { item($0, c) },
                                          usage: c.t("document.usage", [sizeText(used), sizeText(c.services.config.uploadQuotaBytes)])),
                            status: status)
    }

    static func uploadDocument(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        let fieldsData = try c.request.form()
        var form = FormState(fieldsData, fields: ["kind", "fiscalYear"], lists: ["public"])
        let kind = DocumentStore.Kind(rawValue: form["kind"])
        if kind == nil { form.add("kind", c.t("document.error.kind")) }
        let year = form["fiscalYear"].isEmpty ? nil : Int(form["fiscalYear"]).flatMap { (1900...2200).contains($0) ? $0 : nil }
        if !form["fiscalYear"].isEmpty && year == nil { form.add("fiscalYear", c.t("document.error.year")) }
        let upload = form.upload("file", c)
        guard form.isValid, let kind, let (file, type) = upload else { return try page(c, org, form, status: .unprocessableContent) }
        let sha = try c.services.files.keep(file.path)
        let name = FileStore.safeFilename(file.filename)
        let isPublic = form.lists["public"]?.contains("1") == true
        do {
        try c.services.database.write { db in
            try UploadQuotaStore.check(db, organisationID: org.id, adding: file.size, quota: c.services.config.uploadQuotaBytes)
            let id = try DocumentStore.insert(db, organisationID: org.id, kind: kind, fiscalYear: year, filename: name, contentType: type,
                                              size: file.size, sha256: sha, isPublic: isPublic, uploadedBy: c.user?.id, now: c.now)
            try Audit.record(db, c.actor, action: "organisation.document_upload", recordType: "organisation", recordID: org.id,
                             after: ["document": .int(id), "kind": .string(kind.rawValue), "filename": .string(name), "public": .bool(isPublic)], now: c.now)
        }
        } catch let over as UploadQuotaExceeded {
            form.add("file", c.t("document.error.quota", [sizeText(over.quota), sizeText(max(0, over.quota - over.used))]))
            return try page(c, org, form, status: .unprocessableContent)
        }
        return c.redirect(to: "/organisations/\(org.id)/documents", flash: "document.flash.uploaded")
    }

    static func loadDocument(_ c: RequestContext, _ org: Organisation) throws -> DocumentStore.Document {
        let id = try c.request.parameters.require("document", as: Int64.self)
        guard let d = try c.services.database.read({ try DocumentStore.find($0, id: id, organisationID: org.id) }) else { throw HTTPError(.notFound) }
        return d
    }

    static func downloadDocument(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        let d = try loadDocument(c, org)
        guard OrganisationPolicy.canDownload(c.principal, org, d) else { throw HTTPError(.notFound) }
        return try c.services.files.download(sha256: d.sha256, filename: d.filename, contentType: d.contentType, size: d.size, isPublic: d.isPublic)
    }

    static func deleteDocument(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        let d = try loadDocument(c, org)
        try c.services.database.write { db in
            try DocumentStore.delete(db, id: d.id)
            try Audit.record(db, c.actor, action: "organisation.document_delete", recordType: "organisation", recordID: org.id,
                             before: ["document": .int(d.id), "filename": .string(d.filename)], now: c.now)
        }
        return c.redirect(to: "/organisations/\(org.id)/documents", flash: "document.flash.deleted")
    }

    static func changeVisibility(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        let d = try loadDocument(c, org)
        let makePublic = (try c.request.form()["public"]) == "1"
        try c.services.database.write { db in
            try DocumentStore.setPublic(db, id: d.id, makePublic)
            try Audit.record(db, c.actor, action: "organisation.document_visibility", recordType: "organisation", recordID: org.id,
                             before: ["document": .int(d.id), "public": .bool(d.isPublic)], after: ["document": .int(d.id), "public": .bool(makePublic)], now: c.now)
        }
        return c.redirect(to: "/organisations/\(org.id)/documents", flash: "document.flash.saved")
    }
}
