import Foundation
import HTTP
import Templating

/// A meeting's materials: the office uploads them (PDF, Office files, images — checked by content)
/// as public or for the council only; the public downloads the public ones.
enum MaterialRoutes {
    static let maxFileBytes = 20 * 1024 * 1024

    static func register(in routes: inout RouteTable, services: AppServices) {
        let upload = RouteOptions(
            maxBodyBytes: maxFileBytes + 64 * 1024,
            multipart: MultipartLimits(
                maxFileBytes: maxFileBytes, maxParts: 6, maxFieldBytes: 4096,
                temporaryDirectory: services.files.temporaryDirectory))
        routes.post("/staff/meetings/:id/materials", .record(MeetingPolicy.office), options: upload, uploadMaterial)
        routes.post("/staff/meetings/:id/materials/:material/delete", .record(MeetingPolicy.office), deleteMaterial)
        routes.get("/council/meetings/:id/materials/:material", .publicRecord(MeetingPolicy.meeting), download)
    }

    /// The council's own material: the office and council members.
    static func mayReadPrivate(_ p: Principal) -> Bool { p.isOffice || p.has(.council) }

    static func items(_ list: [MaterialStore.Material]) -> [MaterialItem] {
        list.map {
            .init(
                id: $0.id, meetingID: $0.meetingID, title: $0.title, filename: $0.filename,
                size: DocumentRoutes.sizeText($0.size),
                isPublic: $0.isPublic)
        }
    }

    static func uploadMaterial(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        var form = FormState(try c.request.form(), fields: ["title"], lists: ["public"])
        let title = form.text("title", max: 200, required: true, c)
        let upload = form.upload("file", c)
        guard form.isValid, let title, let (file, type) = upload else {
            // The meeting page again, the upload's errors in its summary.
            var page = MeetingRoutes.formValues(x.meeting)
            for e in form.errors { page.add("material-\(e.field)", e.message) }
            return try MeetingRoutes.page(
                c, x, page,
                agenda: x.meeting.agenda.enumerated().map {
                    MeetingRoutes.AgendaRow(
                        title: $0.element, round: x.meeting.agendaRounds[$0.offset + 1].map(String.init) ?? "")
                }, status: .unprocessableContent)
        }
        let sha = try c.services.files.keep(file.path)
        let name = FileStore.safeFilename(file.filename)
        let isPublic = form.lists["public"]?.contains("1") == true
        try c.services.database.write { db in
            let id = try MaterialStore.insert(
                db, meetingID: x.meeting.id, title: title, filename: name, contentType: type, size: file.size,
                sha256: sha,
                isPublic: isPublic, uploadedBy: c.user?.id, now: c.now)
            try Audit.record(
                db, c.actor, action: "meeting.material_upload", recordType: "meeting", recordID: x.meeting.id,
                after: [
                    "material": .int(id), "title": .string(title), "filename": .string(name), "public": .bool(isPublic),
                ], now: c.now)
        }
        return c.redirect(to: "/staff/meetings/\(x.meeting.id)", flash: "document.flash.uploaded")
    }

    static func load(_ c: RequestContext, _ x: MeetingCase) throws -> MaterialStore.Material {
        let id = try c.request.parameters.require("material", as: Int64.self)
        guard let m = try c.services.database.read({ try MaterialStore.find($0, id: id, meetingID: x.meeting.id) })
        else { throw HTTPError(.notFound) }
        return m
    }

    static func deleteMaterial(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        let m = try load(c, x)
        try c.services.database.write { db in
            try MaterialStore.delete(db, id: m.id)
            try Audit.record(
                db, c.actor, action: "meeting.material_delete", recordType: "meeting", recordID: x.meeting.id,
                before: ["material": .int(m.id), "filename": .string(m.filename)], now: c.now)
        }
        return c.redirect(to: "/staff/meetings/\(x.meeting.id)", flash: "document.flash.deleted")
    }

    static func download(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        let m = try load(c, x)
        guard m.isPublic || mayReadPrivate(c.principal) else { throw HTTPError(.notFound) }
        return try c.services.files.download(
            sha256: m.sha256, filename: m.filename, contentType: m.contentType, size: m.size, isPublic: m.isPublic)
    }
}

/// One material file as the meeting pages list it.
struct MaterialItem: TemplateView {
    let id: Int64
    let meetingID: Int64
    let title: String
    let filename: String
    let size: String
    let isPublic: Bool
    static let fields = Fields<MaterialItem>([
        "id": .int { Int($0.id) }, "meetingID": .int { Int($0.meetingID) }, "title": .text(\.title),
        "filename": .text(\.filename),
        "size": .text(\.size), "isPublic": .bool(\.isPublic),
    ])
}
