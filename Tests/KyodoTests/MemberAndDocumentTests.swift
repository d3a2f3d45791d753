import Foundation
import Testing
@testable import Kyodo

@Suite struct MemberTests {
    @Test func anotherOrganisationsEditor_gets404OnEdit() throws {
        let app = try TestApp()
        let a = try app.createUser("a@example.jp"), b = try app.createUser("b@example.jp")
        let orgA = try app.createOrganisation("A会", member: a, role: .editor)
        let orgB = try app.createOrganisation("B会", status: .pending, member: b)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        #expect(try browser.get("/organisations/\(orgA)/edit").status == 200)
        for path in ["/organisations/\(orgB)/edit", "/organisations/\(orgB)/members", "/organisations/\(orgB)/documents", "/organisations/\(orgB)"] {
            #expect(try browser.get(path).status == 404, "\(path)")
        }
        try browser.get("/organisations/\(orgA)/edit")
        #expect(try browser.post("/organisations/\(orgB)/edit", registrationForm()).status == 404)
        #expect(try app.organisation(orgB)?.name == "B会")
        // An active organisation's public page is fine, its edit page is not.
        let orgC = try app.createOrganisation("C会", member: b)
        #expect(try browser.get("/organisations/\(orgC)").status == 200)
        #expect(try browser.get("/organisations/\(orgC)/edit").status == 404)
    }

    @Test func profileEdit_isAudited_andHistoryShowsTheChange() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        let id = try app.createOrganisation("旧しい名前の会", kana: "きゅうのかい", member: user)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        try browser.get("/organisations/\(id)/edit")
        let saved = try browser.post("/organisations/\(id)/edit", registrationForm(["name": "新しい名前の会", "phone": "03-1111-2222"]))
        #expect(saved.status == 303)
        let page = try browser.get("/organisations/\(id)/edit")
        #expect(page.body.contains("団体情報の変更"))
        #expect(page.body.contains("旧しい名前の会") && page.body.contains("新しい名前の会"))
        let event = try #require(try app.services.database.read { try AuditStore.history($0, recordType: "organisation", recordID: id).last })
        #expect(event.before["name"] == "旧しい名前の会" && event.after["name"] == "新しい名前の会")
        #expect(event.after["phone"] == "03-1111-2222")
        #expect(event.before["kind"] == nil) // unchanged fields are not recorded
    }

    @Test func representative_invitesEditor_handsOver_andRemoves() throws {
        let app = try TestApp()
        let rep = try app.createUser("rep@example.jp")
        let id = try app.createOrganisation("会", member: rep)
        let browser = app.browser()
        try browser.signIn("rep@example.jp", "correct-horse-battery")
        try browser.get("/organisations/\(id)/members")
        #expect(try browser.post("/organisations/\(id)/members", [("name", "新人 さん"), ("email", "new@example.jp")]).status == 303)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'new@example.jp' AND body LIKE '%/invitations/%'") == 1)
        try browser.get("/organisations/\(id)/members")
        #expect(try browser.post("/organisations/\(id)/members", [("name", "新人 さん"), ("email", "new@example.jp")]).body.contains("すでにメンバー"))
        let newID = try #require(try app.services.database.read { try UserStore.find($0, email: "new@example.jp")?.id })

        // An editor may edit but not manage members.
        let token = try app.services.database.write { [app] in try AccountTokenStore.issue($0, purpose: .invitation, userID: newID, createdBy: nil, now: app.services.now()) }
        let editor = app.browser()
        try editor.get("/invitations/\(token)")
        try editor.post("/invitations/\(token)", [("displayName", "新人 さん"), ("password", "newcomer-passphrase"), ("confirm", "newcomer-passphrase")])
        #expect(try editor.get("/organisations/\(id)/edit").status == 200)
        try editor.get("/organisations/\(id)/members")
        #expect(try editor.post("/organisations/\(id)/members", [("name", "X"), ("email", "x@example.jp")]).status == 404) // the member-management rule refuses before the handler

        try browser.get("/organisations/\(id)/members")
        #expect(try browser.post("/organisations/\(id)/members/\(rep)/remove", []).status == 409)
        #expect(try browser.post("/organisations/\(id)/members/\(newID)/representative", []).status == 303)
        let roles = try app.services.database.read { try MemberStore.memberships($0, userID: newID)[id] }
        #expect(roles == .representative)
        #expect(try app.services.database.read { try MemberStore.memberships($0, userID: rep)[id] } == .editor)
        try editor.get("/organisations/\(id)/members")
        #expect(try editor.post("/organisations/\(id)/members/\(rep)/remove", []).status == 303)
        #expect(try app.services.database.read { try MemberStore.memberships($0, userID: rep)[id] } == nil)
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action IN ('organisation.member_add', 'organisation.representative_change', 'organisation.member_remove')") == 3)
    }

    @Test func personInSeveralOrganisations_switchesBetweenThem() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        let first = try app.createOrganisation("一の会", kana: "いち", member: user)
        let second = try app.createOrganisation("二の会", kana: "に", member: user, role: .editor)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        let before = try browser.get("/my/organisations")
        #expect(before.body.contains("一の会") && before.body.contains("二の会"))
        #expect(try browser.post("/my/organisations/\(second)/select", []).status == 303)
        let after = try browser.get("/my/organisations")
        let marker = try #require(after.body.range(of: "card--current"))
        #expect(after.body[marker.lowerBound...].prefix(300).contains("二の会"))
        #expect(try browser.post("/my/organisations/\(first + 100)/select", []).status == 404)
    }

    @Test func inactive_isHiddenByDefault_andRepresentativeCanReactivate() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        let id = try app.createOrganisation("休止予定の会", kana: "きゅうし", member: user)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        try browser.get("/organisations/\(id)/edit")
        #expect(try browser.post("/organisations/\(id)/activity", []).body.contains("団体一覧に「休止中」と表示され"))
        #expect(try app.organisation(id)?.status == .active)
        #expect(try browser.post("/organisations/\(id)/activity", [("confirmed", "1")]).status == 303)
        #expect(try app.organisation(id)?.status == .inactive)
        #expect(!(try app.get("/organisations").body.contains("休止予定の会")))
        #expect(try app.get("/organisations?inactive=1").body.contains("休止予定の会"))
        #expect(try app.get("/organisations/\(id)").status == 200)
        try browser.get("/organisations/\(id)/edit")
        try browser.post("/organisations/\(id)/activity", [])
        #expect(try app.organisation(id)?.status == .active)
    }
}

@Suite struct DocumentTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    @Test func upload_privateByDefault_servedOnlyToMembers_withContentDisposition() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        let id = try app.createOrganisation("書類の会", member: user)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        try browser.get("/organisations/\(id)/documents")
        let uploaded = try browser.postMultipart("/organisations/\(id)/documents", [("kind", "articles"), ("fiscalYear", "")],
                                                 files: [("file", "定款.pdf", Self.pdf)])
        #expect(uploaded.status == 303)
        let doc = try #require(try app.services.database.read { try DocumentStore.list($0, organisationID: id, includePrivate: true).first })
        #expect(doc.contentType == "application/pdf" && !doc.isPublic)
        #expect(FileManager.default.fileExists(atPath: app.services.files.path(for: doc.sha256)))
        #expect(!app.services.files.path(for: doc.sha256).contains("/Public/"))
        let download = try browser.get("/organisations/\(id)/documents/\(doc.id)")
        #expect(download.status == 200)
        #expect(download.body == String(decoding: Self.pdf, as: UTF8.self))
        #expect(download.header("Content-Disposition")?.hasPrefix("attachment;") == true)
        #expect(download.header("Content-Disposition")?.contains("filename*=UTF-8''%E5%AE%9A%E6%AC%BE.pdf") == true)
        #expect(try app.get("/organisations/\(id)/documents/\(doc.id)").status == 404)
        #expect(!(try app.get("/organisations/\(id)").body.contains("定款.pdf")))
        try browser.get("/organisations/\(id)/documents")
        try browser.post("/organisations/\(id)/documents/\(doc.id)/visibility", [("public", "1")])
        #expect(try app.get("/organisations/\(id)/documents/\(doc.id)").status == 200)
        #expect(try app.get("/organisations/\(id)").body.contains("定款.pdf"))
    }

    /// Files are stored once per content: deleting one of two documents with the same bytes keeps
    /// the file; deleting the last removes it at the next maintenance run (not while an upload of
    /// the same bytes could be about to name it).
    @Test func aDeletedDocumentsFile_goesWhenNothingNamesIt() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        let id = try app.createOrganisation("書類の会", member: user)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        for name in ["定款.pdf", "定款の写し.pdf"] {
            try browser.get("/organisations/\(id)/documents")
            try browser.postMultipart("/organisations/\(id)/documents", [("kind", "articles")], files: [("file", name, Self.pdf)])
        }
        let docs = try app.services.database.read { try DocumentStore.list($0, organisationID: id, includePrivate: true) }
        #expect(docs.count == 2 && docs[0].sha256 == docs[1].sha256)
        let file = app.services.files.path(for: docs[0].sha256)
        let later = app.services.now().addingTimeInterval(2 * 3600)
        try browser.get("/organisations/\(id)/documents")
        #expect(try browser.post("/organisations/\(id)/documents/\(docs[0].id)/delete", []).status == 303)
        try Maintenance.run(app.services, now: later)
        #expect(FileManager.default.fileExists(atPath: file)) // the other document still names it
        try browser.get("/organisations/\(id)/documents")
        #expect(try browser.post("/organisations/\(id)/documents/\(docs[1].id)/delete", []).status == 303)
        try Maintenance.run(app.services, now: app.services.now())
        #expect(FileManager.default.fileExists(atPath: file)) // touched within the hour: left alone
        #expect(try Maintenance.run(app.services, now: later).files == 1)
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    /// An upload from someone not signed in is refused from its head: nothing of it reaches the disk.
    @Test func anAnonymousUpload_isRefusedBeforeItsBodyIsRead() throws {
        let app = try TestApp()
        let id = try app.createOrganisation("書類の会")
        let refused = try HTTPClient(port: app.port).send(
            "POST", "/organisations/\(id)/documents",
            headers: ["Content-Type": "multipart/form-data; boundary=x", "Cookie": "kyodo_session=forged"],
            body: "--x\r\n", declaredLength: 9 * 1024 * 1024)
        // 403, not the 408 a server waiting for the other 9 MiB would end with.
        #expect(refused.status == 403)
        let temporary = (try? FileManager.default.contentsOfDirectory(atPath: app.services.files.temporaryDirectory)) ?? []
        #expect(temporary.isEmpty)
    }

    @Test func overLimitUpload_is413_andLeavesNoFile() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        let id = try app.createOrganisation("大きい会", member: user)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        try browser.get("/organisations/\(id)/documents")
        let big = Self.pdf + [UInt8](repeating: 0x41, count: DocumentRoutes.maxFileBytes)
        let response = try browser.postMultipart("/organisations/\(id)/documents", [("kind", "articles")], files: [("file", "big.pdf", big)])
        #expect(response.status == 413)
        let stored = FileManager.default.enumerator(atPath: app.services.files.root)?.compactMap { $0 as? String }.filter { !$0.hasPrefix("tmp") && $0.count > 10 } ?? []
        #expect(stored.isEmpty)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: app.services.files.temporaryDirectory))?.isEmpty == true)
        #expect(try app.count("SELECT count(*) FROM organisation_document") == 0)
    }

    @Test func wrongTypeOrDisguisedFile_isRefusedWithAMessage() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        let id = try app.createOrganisation("会", member: user)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        try browser.get("/organisations/\(id)/documents")
        let exe = try browser.postMultipart("/organisations/\(id)/documents", [("kind", "articles")], files: [("file", "virus.exe", Self.pdf)])
        #expect(exe.status == 422 && exe.body.contains("この形式のファイルは登録できません"))
        try browser.get("/organisations/\(id)/documents")
        let fake = try browser.postMultipart("/organisations/\(id)/documents", [("kind", "articles")], files: [("file", "fake.pdf", Array("<html>".utf8))])
        #expect(fake.status == 422 && fake.body.contains("拡張子と一致しません"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: app.services.files.temporaryDirectory))?.isEmpty == true)
    }
}
