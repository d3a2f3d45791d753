import Foundation
import HTTP
import SQLite
import Templating

/// Files attached to an application: added and removed by the organisation while it may still
/// edit, downloaded by the organisation and the office only.
enum GrantAttachmentRoutes {
    static let other = "その他"

    static func uploadOptions(_ services: AppServices) -> RouteOptions {
        RouteOptions(maxBodyBytes: DocumentRoutes.maxFileBytes + 64 * 1024,
                     multipart: MultipartLimits(maxFileBytes: DocumentRoutes.maxFileBytes, maxParts: 10, maxFieldBytes: 4096,
                                                temporaryDirectory: services.files.temporaryDirectory))
    }

    static func register(in routes: inout RouteTable, services: AppServices) {
        routes.post("/applications/:id/attachments", .record(GrantPolicy.edit), options: uploadOptions(services), addAttachment)
        routes.get("/applications/:id/attachments/:attachment", .record(GrantPolicy.view), downloadAttachment)
        routes.post("/applications/:id/attachments/:attachment/delete", .record(GrantPolicy.edit), deleteAttachment)
    }

    static func addAttachment(_ c: RequestContext) throws -> Response {
        let g = try GrantRoutes.editable(c)
        let name = (try c.request.form()["name"] ?? "").trimmingCharacters(in: .whitespaces)
        do {
            guard g.call.requiredAttachments.contains(name) || name == other else {
                throw HTTPError(.unprocessableContent, message: c.t("application.error.attachmentName"))
            }
            try store(c, applicationID: g.application.id, name: name, stillAllowed: stillEditable(c, g.application.id))
        } catch {
            // A refused file comes back on the draft's page, by the file input, with the name chosen.
            guard let message = fixableRefusal(error) else { throw error }
            return try GrantRoutes.formPage(c, g, GrantForm(g.application), status: .unprocessableContent,
                                            attachment: (name, message))
        }
        return c.redirect(to: "/applications/\(g.application.id)/edit", flash: "document.flash.uploaded")
    }

    /// Checks the uploaded `file` part and keeps it as an attachment named `name`.
    /// `stillAllowed` runs inside the write, before the row is added: a submission that committed
    /// while the file was uploading wins, and the file is not attached after it.
    static func store(_ c: RequestContext, applicationID: Int64, name: String, stillAllowed: (Database) throws -> Void) throws {
        var checked = FormState()
        guard let (file, type) = checked.upload("file", c) else {
            throw HTTPError(.unprocessableContent, message: checked.errors.first?.message)
        }
        let sha = try c.services.files.keep(file.path)
        let filename = FileStore.safeFilename(file.filename)
        try c.services.database.write { db in
            try stillAllowed(db)
            guard let owner = try GrantStore.find(db, id: applicationID)?.organisationID else { throw HTTPError(.notFound) }
            do {
                try UploadQuotaStore.check(db, organisationID: owner, adding: file.size, quota: c.services.config.uploadQuotaBytes)
            } catch let over as UploadQuotaExceeded {
                throw HTTPError(.unprocessableContent, message: c.t("document.error.quota", [DocumentRoutes.sizeText(over.quota),
                                                                                              DocumentRoutes.sizeText(max(0, over.quota - over.used))]))
            }
            let id = try GrantAttachmentStore.insert(db, applicationID: applicationID, name: name, filename: filename, contentType: type,
                                                     size: file.size, sha256: sha, uploadedBy: c.user?.id, now: c.now)
            try Audit.record(db, c.actor, action: "application.attachment_add", recordType: "application", recordID: applicationID,
                             after: ["attachment": .int(id), "name": .string(name), "filename": .string(filename)], now: c.now)
        }
    }

    static func stillEditable(_ c: RequestContext, _ id: Int64) -> (Database) throws -> Void {
        { db in
            guard try GrantStore.isEditable(db, id: id) else { throw HTTPError(.conflict, message: c.t("application.error.notEditable")) }
        }
    }

    static func loadAttachment(_ c: RequestContext, _ g: GrantCase) throws -> GrantAttachmentStore.Attachment {
        let id = try c.request.parameters.require("attachment", as: Int64.self)
        guard let a = try c.services.database.read({ try GrantAttachmentStore.find($0, id: id, applicationID: g.application.id) }) else {
            throw HTTPError(.notFound)
        }
        return a
    }

    static func downloadAttachment(_ c: RequestContext) throws -> Response {
        let g = try GrantRoutes.load(c)
        let a = try loadAttachment(c, g)
        return try c.services.files.download(sha256: a.sha256, filename: a.filename, contentType: a.contentType, size: a.size, isPublic: false)
    }

    static func deleteAttachment(_ c: RequestContext) throws -> Response {
        let g = try GrantRoutes.editable(c)
        let a = try loadAttachment(c, g)
        try c.services.database.write { db in
            try stillEditable(c, g.application.id)(db)
            try GrantAttachmentStore.delete(db, id: a.id)
            try Audit.record(db, c.actor, action: "application.attachment_delete", recordType: "application", recordID: g.application.id,
                             before: ["attachment": .int(a.id), "filename": .string(a.filename)], now: c.now)
        }
        return c.redirect(to: "/applications/\(g.application.id)/edit", flash: "document.flash.deleted")
    }

    /// For templates: the files, and which required ones are still missing.
    static func items(_ attachments: [GrantAttachmentStore.Attachment]) -> [AttachmentItem] {
        attachments.map { .init(id: $0.id, name: $0.name, filename: $0.filename, size: DocumentRoutes.sizeText($0.size)) }
    }

    static func names(_ g: GrantCase, _ attachments: [GrantAttachmentStore.Attachment]) -> [AttachmentName] {
        let present = Set(attachments.map(\.name))
        return (g.call.requiredAttachments + [other]).map { .init(value: $0, missing: !present.contains($0) && $0 != other) }
    }
}
