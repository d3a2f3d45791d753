import Foundation
import SQLite
@testable import Kyodo

extension TestApp {
    /// Adds an organisation directly; returns its id.
    @discardableResult
    func createOrganisation(_ name: String, kana: String = "てすとだんたい", status: OrganisationStatus = .active, kind: OrganisationKind = .npo,
                            fields: [Int] = [3], district: String? = "chuo", summary: String = "", trackRecord: String = "",
                            publicFields: Set<String> = OrganisationField.defaultPublic, member: Int64? = nil, role: MemberRole = .representative,
                            configure: (inout Organisation) -> Void = { _ in }) throws -> Int64 {
        var org = Organisation()
        org.name = name; org.nameKana = kana; org.status = status; org.kind = kind; org.activityFields = fields
        org.districtCode = district; org.summary = summary; org.trackRecord = trackRecord; org.publicFields = publicFields
        org.representativeName = "代表 太郎"
        configure(&org)
        let now = services.now()
        return try services.database.write { db in
            let id = try OrganisationStore.insert(db, org, now: now)
            if let member { try MemberStore.add(db, organisationID: id, userID: member, role: role, now: now) }
            return id
        }
    }

    func organisation(_ id: Int64) throws -> Organisation? {
        try services.database.read { try OrganisationStore.find($0, id: id) }
    }
}

/// A complete, valid registration form; tests override single fields.
func registrationForm(_ overrides: [String: String] = [:], fields: [String] = ["13", "1"], publicFields: [String] = ["representative_name", "summary"]) -> [(String, String)] {
    var values: [String: String] = [
        "name": "NPO法人 みらい子育て応援団", "nameKana": "みらいこそだておうえんだん", "kind": "npo", "representativeName": "山田 花子",
        "contactName": "佐藤 次郎", "email": "info@mirai.example.jp", "phone": "045-123-4567", "address": "青葉市中央1-2-3",
        "district": "chuo", "foundedOn": "2015-04-01", "memberCount": "25", "annualBudget": "1200000",
        "summary": "地域の子育て家庭を応援する活動をしています。", "trackRecord": "子育てサロンを毎月開催。", "website": "https://mirai.example.jp",
        "accountName": "山田 花子", "accountEmail": "hanako@mirai.example.jp", "password": "mirai-passphrase-1", "confirm": "mirai-passphrase-1",
    ]
    for (k, v) in overrides { values[k] = v }
    return values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + fields.map { ("fields", $0) } + publicFields.map { ("public", $0) }
}

extension Browser {
    /// Posts `multipart/form-data` with the last page's CSRF token.
    @discardableResult
    func postMultipart(_ target: String, _ fields: [(String, String)], files: [(field: String, filename: String, content: [UInt8])]) throws -> HTTPClient.Response {
        let boundary = "----kyodo-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        let token = lastPage.flatMap(Browser.csrfToken) ?? ""
        for (name, value) in [("_csrf", token)] + fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.content + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        let response = try HTTPClient(port: port).send("POST", target,
            headers: cookieHeader.merging(["Content-Type": "multipart/form-data; boundary=\(boundary)"]) { a, _ in a },
            body: String(decoding: body, as: UTF8.self))
        return response
    }
}
