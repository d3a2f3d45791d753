import Foundation
import Testing
@testable import Kyodo

@Suite struct RegistrationTests {
    @Test func selfRegistration_createsAccountAndPendingOrganisation() throws {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        let browser = app.browser()
        try browser.get("/organisations/new")
        let response = try browser.post("/organisations", registrationForm())
        #expect(response.status == 303)
        let location = try #require(response.header("Location"))
        let id = try #require(Int64(location.split(separator: "/").last!))
        let org = try #require(try app.organisation(id))
        #expect(org.status == .pending)
        #expect(org.activityFields == [1, 13])
        #expect(org.publicFields == ["representative_name", "summary"])
        let page = try browser.get(location)
        #expect(page.status == 200)
        #expect(page.body.contains("申請中"))
        #expect(try app.count("SELECT count(*) FROM organisation_member WHERE organisation_id = ? AND role = 'representative'", [id]) == 1)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'staff@example.jp'") == 1)
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'organisation.register' AND record_id = ?", [id]) == 1)
        // Not public until verified.
        #expect(try app.get(location).status == 404)
        #expect(!(try app.get("/organisations").body.contains("みらい子育て応援団")))
    }

    @Test func validation_showsMessagesNextToFields_andKeepsInput() throws {
        let app = try TestApp()
        let browser = app.browser()
        try browser.get("/organisations/new")
        let response = try browser.post("/organisations", registrationForm([
            "name": "", "nameKana": "未来子育て", "phone": "12-34", "foundedOn": "2999-01-01", "memberCount": "-3",
            "email": "not-an-address", "website": "mirai.example.jp", "password": "short", "confirm": "short",
        ], fields: []))
        #expect(response.status == 422)
        for message in ["団体名を入力してください", "ひらがな・カタカナ", "電話番号の形式が正しくありません", "未来の日付", "0以上の整数",
                        "メールアドレスの形式", "http:// または https://", "活動分野を1つ以上", "パスワードは10文字以上"] {
            #expect(response.body.contains(message), "missing: \(message)")
        }
        #expect(response.body.contains("value=\"未来子育て\""))
        #expect(response.body.contains("aria-describedby=\"f-name-error\""))
        #expect(response.body.contains("href=\"#f-nameKana\""))
        #expect(try app.count("SELECT count(*) FROM organisation") == 0)
        #expect(try app.count("SELECT count(*) FROM user_account") == 0)
    }

    @Test func fullWidthDigitsAndKanaVariants_areAccepted() throws {
        let app = try TestApp()
        let browser = app.browser()
        try browser.get("/organisations/new")
        let response = try browser.post("/organisations", registrationForm([
            "nameKana": "ミライ　コソダテ　オウエンダン", "phone": "０４５－１２３－４５６７", "memberCount": "１２", "annualBudget": "1,200,000",
            "foundedOn": "２０１５-０４-０１",
        ]))
        #expect(response.status == 303)
        let org = try #require(try app.organisation(1))
        #expect(org.phone == "045-123-4567")
        #expect(org.memberCount == 12)
        #expect(org.annualBudget == 1_200_000)
        #expect(org.foundedOn == "2015-04-01")
        #expect(org.nameKana == "みらい こそだて おうえんだん")
    }

    @Test func phoneNumbers_inJapaneseFormats() {
        #expect(Normalize.phone("03-1234-5678") == "03-1234-5678")
        #expect(Normalize.phone("09012345678") == "09012345678")
        #expect(Normalize.phone("090 1234 5678") == "090-1234-5678")
        #expect(Normalize.phone("（045）123-4567") == "045-123-4567")
        #expect(Normalize.phone("１２３") == nil)
        #expect(Normalize.phone("+81-3-1234-5678") == nil)
        #expect(Normalize.phone("03-1234-567a") == nil)
    }

    @Test func existingEmail_isAskedToSignInFirst() throws {
        let app = try TestApp()
        try app.createUser("hanako@mirai.example.jp")
        let browser = app.browser()
        try browser.get("/organisations/new")
        let response = try browser.post("/organisations", registrationForm())
        #expect(response.status == 422)
        #expect(response.body.contains("ログインしてから団体を登録してください"))
    }

    @Test func signedInPerson_registersAnotherOrganisation_withoutAccountFields() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        try app.createOrganisation("第一の会", member: user)
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        let form = try browser.get("/organisations/new")
        #expect(!form.body.contains("f-accountEmail"))
        let response = try browser.post("/organisations", registrationForm(["name": "第二の会", "accountEmail": "", "password": ""]))
        #expect(response.status == 303)
        let mine = try browser.get("/my/organisations")
        #expect(mine.body.contains("第一の会") && mine.body.contains("第二の会"))
    }

    @Test func staffVerify_andReturnWithReason_andResubmit() throws {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        let owner = try app.createUser("owner@example.jp")
        let returned = try app.createOrganisation("差戻しの会", status: .pending, member: owner)
        let verified = try app.createOrganisation("登録の会", status: .pending, member: owner)
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        let queue = try staff.get("/staff/organisations?status=pending")
        #expect(queue.body.contains("差戻しの会") && queue.body.contains("登録の会"))
        try staff.get("/staff/organisations/\(returned)")
        let noReason = try staff.post("/staff/organisations/\(returned)/return", [("reason", "")])
        #expect(noReason.status == 422)
        #expect(noReason.body.contains("差戻しの理由を入力してください"))
        #expect(try staff.post("/staff/organisations/\(returned)/return", [("reason", "規約の写しを添付してください。")]).status == 303)
        #expect(try staff.post("/staff/organisations/\(verified)/verify", []).status == 303)
        #expect(try app.organisation(verified)?.status == .active)
        #expect(try app.get("/organisations/\(verified)").status == 200)
        #expect(try staff.post("/staff/organisations/\(verified)/verify", []).status == 409)

        let applicant = app.browser()
        try applicant.signIn("owner@example.jp", "correct-horse-battery")
        let page = try applicant.get("/organisations/\(returned)")
        #expect(page.body.contains("差戻し") && page.body.contains("規約の写しを添付してください。"))
        try applicant.get("/organisations/\(returned)/edit")
        #expect(try applicant.post("/organisations/\(returned)/resubmit", []).status == 303)
        #expect(try app.organisation(returned)?.status == .pending)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'owner@example.jp'") == 2)
    }

    @Test func counterRegistration_isActiveAtOnce_andInvitesTheRepresentative() throws {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        try staff.get("/staff/organisations/new")
        let response = try staff.post("/staff/organisations", registrationForm(["accountEmail": "paper@example.jp", "accountName": "紙 申請"]))
        #expect(response.status == 303)
        let org = try #require(try app.organisation(1))
        #expect(org.status == .active)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'paper@example.jp' AND body LIKE '%/invitations/%'") == 1)
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'organisation.register_at_counter'") == 1)
    }
}
