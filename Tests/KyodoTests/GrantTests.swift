import Foundation
import Testing
@testable import Kyodo

@Suite struct GrantTests {
    /// An open grant call (max ¥500,000, rate 1/2) and a registered NPO with a representative.
    private func setUp(kind: OrganisationKind = .npo, status: OrganisationStatus = .active) throws -> (TestApp, Browser, callID: Int64) {
        let app = try TestApp()
        let rep = try app.createUser("rep@example.jp")
        try app.createOrganisation("申請する会", status: status, kind: kind, member: rep)
        var call = Call()
        call.title = "令和8年度 公益活動事業補助金"; call.status = .open; call.maxAmount = 500_000; call.rateNumerator = 1; call.rateDenominator = 2
        call.opensAt = app.services.now().addingTimeInterval(-86_400); call.closesAt = app.services.now().addingTimeInterval(10 * 86_400)
        call.eligibleKinds = [.npo, .voluntary]
        call.criteria = [.init(name: "公益性", description: "", weight: 1, scaleMin: 1, scaleMax: 5)]
        let callID = try app.services.database.write { [app] in try CallStore.insert($0, call, now: app.services.now()) }
        let browser = app.browser()
        try browser.signIn("rep@example.jp", "correct-horse-battery")
        return (app, browser, callID)
    }

    static func draft(requested: String, income: [(String, String)] = [("自己資金", "400000"), ("補助金", "400000")],
                      expense: [(String, String, Bool)] = [("講師謝金", "500000", true), ("会場費", "300000", true)]) -> [(String, String)] {
        var fields: [(String, String)] = [("projectTitle", "子育てひろば出張事業"), ("purpose", "孤立しがちな親子の居場所をつくる"),
                                          ("content", "公民館で月2回ひろばを開く"), ("beneficiaries", "乳幼児と保護者"), ("place", "中央公民館"),
                                          ("schedule", "6月〜翌2月"), ("requestedAmount", requested)]
        for (i, line) in income.enumerated() { fields += [("inc\(i + 1)Category", line.0), ("inc\(i + 1)Amount", line.1), ("inc\(i + 1)Note", "")] }
        fields += [("inc\(income.count + 1)Category", ""), ("inc\(income.count + 1)Amount", ""), ("inc\(income.count + 1)Note", "")]
        for (i, line) in expense.enumerated() {
            fields += [("exp\(i + 1)Category", line.0), ("exp\(i + 1)Amount", line.1), ("exp\(i + 1)Note", "")]
            if line.2 { fields.append(("exp\(i + 1)Eligible", "1")) }
        }
        return fields
    }

    @Test func member_startsDraft_fromTheCallPage_andSavesBudgetLines() throws {
        let (app, b, callID) = try setUp()
        let page = try b.get("/calls/\(callID)")
        #expect(page.body.contains("この募集に申請する") && page.body.contains("「申請する会」として申請します"))
        #expect(try b.post("/calls/\(callID)/applications", []).status == 303)
        try b.get("/applications/1/edit")
        #expect(try b.post("/applications/1/edit", Self.draft(requested: "４００,０００")).status == 303)
        let saved = try #require(try app.services.database.read { try GrantStore.find($0, id: 1) })
        #expect(saved.requestedAmount == 400_000 && saved.income == 800_000 && saved.expense == 800_000 && saved.budget.count == 4)
        // Starting again leads to the same application, not a second one.
        try b.get("/calls/\(callID)")
        #expect(try b.post("/calls/\(callID)/applications", []).header("Location") == "/applications/1/edit")
        let edit = try b.get("/applications/1/edit")
        #expect(edit.body.contains("value=\"講師謝金\"") && edit.body.contains("name=\"exp5Category\"")) // two lines + three blank rows
        // Once applied, the call page leads to the application instead of offering to apply again.
        let after = try b.get("/calls/\(callID)")
        #expect(after.body.contains("申請を見る") && after.body.contains("href=\"/applications/1\"") && !after.body.contains("この募集に申請する"))
    }

    @Test func submit_refusesOverMaximum_overRate_unbalanced_andAfterDeadline() throws {
        let (app, b, callID) = try setUp()
        try b.get("/calls/\(callID)")
        try b.post("/calls/\(callID)/applications", [])
        func submitAfterSaving(_ fields: [(String, String)]) throws -> HTTPClient.Response {
            try b.get("/applications/1/edit")
            try b.post("/applications/1/edit", fields)
            try b.get("/applications/1")
            return try b.post("/applications/1/transitions/submit", [])
        }
        let overMax = try submitAfterSaving(Self.draft(requested: "600000", income: [("自己資金", "600000"), ("補助金", "600000")],
                                                      expense: [("講師謝金", "1200000", true)]))
        #expect(overMax.status == 422 && overMax.body.contains("上限額を超えています"))
        // Eligible expenses 500,001 × 1/2 = 250,000.5 → 250,000 at most.
        let overRate = try submitAfterSaving(Self.draft(requested: "250001", income: [("自己資金", "550001"), ("補助金", "250001")],
                                                       expense: [("講師謝金", "500001", true), ("交際費", "300001", false)]))
        #expect(overRate.status == 422 && overRate.body.contains("補助率"))
        let unbalanced = try submitAfterSaving(Self.draft(requested: "100000", income: [("自己資金", "1")]))
        #expect(unbalanced.status == 422 && unbalanced.body.contains("一致していません"))
        let page = try b.get("/applications/1")
        #expect(page.body.contains("収入の合計と支出の合計が一致していません"))
        let ok = try submitAfterSaving(Self.draft(requested: "250000", income: [("自己資金", "550002"), ("補助金", "250000")],
                                                  expense: [("講師謝金", "500001", true), ("交際費", "300001", false)]))
        #expect(ok.status == 303)
        #expect(try app.services.database.read { try GrantStore.find($0, id: 1)?.status } == .submitted)
        #expect(try b.get("/applications/1/edit").status == 409)

        // After the deadline, a returned application cannot be sent again.
        try app.createUser("staff@example.jp", roles: [.staff])
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        try staff.get("/applications/1")
        #expect(try staff.post("/applications/1/transitions/return", [("comment", "")]).status == 422)
        #expect(try staff.post("/applications/1/transitions/return", [("comment", "見積書を添付してください"), ("checked", "form"), ("resubmitBy", "2026-12-10")]).status == 303)
        let reasons = try app.services.database.read { try WorkflowStore.timeline($0, recordType: "application", recordID: 1).last?.comment } ?? ""
        #expect(reasons.contains("見積書を添付してください") && reasons.contains("確認できなかった項目: 収支予算が整合している") && reasons.contains("再提出の期限: 令和8年12月10日"))
        // The corrected version is kept beside the first, and staff see what changed.
        try b.get("/applications/1/edit")
        try b.post("/applications/1/edit", Self.draft(requested: "240000", income: [("自己資金", "560002"), ("補助金", "240000")],
                                                     expense: [("講師謝金", "500001", true), ("交際費", "300001", false)]))
        try b.get("/applications/1")
        #expect(try b.post("/applications/1/transitions/resubmit", []).status == 303)
        let review = try staff.get("/applications/1")
        #expect(review.body.contains("前回の提出からの変更（第2版）") && review.body.contains("補助金申請額") && review.body.contains("240000"))
        #expect(!(try b.get("/applications/1").body.contains("前回の提出からの変更"))) // the organisation sees its own page
        try staff.post("/applications/1/transitions/return", [("comment", "もう一度確認してください")])
        app.clock.advance(by: 11 * 86_400)
        let later = app.browser() // the earlier session has long expired
        try later.signIn("rep@example.jp", "correct-horse-battery")
        try later.get("/applications/1")
        let late = try later.post("/applications/1/transitions/resubmit", [])
        #expect(late.status == 422 && late.body.contains("締切を過ぎています"))
    }

    @Test func staffAccept_listShowsCounts_andWithdrawalEndsIt() throws {
        let (app, b, callID) = try setUp()
        try b.get("/calls/\(callID)")
        try b.post("/calls/\(callID)/applications", [])
        try b.get("/applications/1/edit")
        try b.post("/applications/1/edit", Self.draft(requested: "400000"))
        try b.get("/applications/1")
        #expect(try b.post("/applications/1/transitions/submit", []).status == 303)
        try app.createUser("staff@example.jp", roles: [.staff])
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        let list = try staff.get("/staff/calls/\(callID)/applications")
        #expect(list.body.contains("子育てひろば出張事業") && list.body.contains("提出済み 1") && list.body.contains("¥400,000"))
        #expect(!(try staff.get("/staff/calls/\(callID)/applications?status=accepted").body.contains("子育てひろば出張事業")))
        #expect(try staff.get("/staff/calls/\(callID)/applications?status=submitted").body.contains("子育てひろば出張事業"))
        try staff.get("/applications/1")
        #expect(try staff.post("/applications/1/transitions/accept", [("checked", "form"), ("checked", "budget")]).status == 422)
        #expect(try staff.post("/applications/1/transitions/accept", GrantRoutes.checklist.map { ("checked", $0) }).status == 303)
        #expect(try staff.post("/applications/1/transitions/withdraw", []).status == 404) // only the organisation withdraws
        try b.get("/applications/1")
        #expect(try b.post("/applications/1/transitions/withdraw", [("confirmed", "1")]).status == 303)
        let timeline = try app.services.database.read { try WorkflowStore.timeline($0, recordType: "application", recordID: 1) }
        #expect(timeline.map(\.action) == ["submit", "accept", "withdraw"])
    }

    @Test func unverifiedOrIneligibleOrganisations_cannotApply() throws {
        let (app1, pending, callID) = try setUp(status: .pending)
        defer { _ = app1 }
        try pending.get("/calls/\(callID)")
        let refused = try pending.post("/calls/\(callID)/applications", [])
        #expect(refused.status == 409 && refused.body.contains("登録済の団体だけ"))
        let (app2, company, otherCall) = try setUp(kind: .company)
        defer { _ = app2 }
        try company.get("/calls/\(otherCall)")
        #expect(try company.post("/calls/\(otherCall)/applications", []).body.contains("対象としていません"))
    }

    @Test func requiredAttachments_mustBePresentToSubmit() throws {
        let (app, b, callID) = try setUp()
        try app.services.database.write { [app] db in
            var call = try CallStore.find(db, id: callID)!
            call.requiredAttachments = ["事業計画書"]
            try CallStore.update(db, call, now: app.services.now())
        }
        try b.get("/calls/\(callID)")
        try b.post("/calls/\(callID)/applications", [])
        try b.get("/applications/1/edit")
        try b.post("/applications/1/edit", Self.draft(requested: "400000"))
        try b.get("/applications/1")
        let refused = try b.post("/applications/1/transitions/submit", [])
        #expect(refused.status == 422 && refused.body.contains("添付書類がそろっていません"))
        // No dead end: the application's page again, the reason next to the button, not the conflict page.
        #expect(refused.body.contains("id=\"f-action-submit-error\"") && refused.body.contains("/transitions/submit")
                && !refused.body.contains("ほかの操作により"))
        let edit = try b.get("/applications/1/edit")
        #expect(edit.body.contains("未提出: 事業計画書"))
        let bad = try b.postMultipart("/applications/1/attachments", [("name", "関係ない書類")], files: [("file", "plan.pdf", DocumentTests.pdf)])
        #expect(bad.status == 422 && bad.body.contains("id=\"attachment-error\""))
        // A file of the wrong type comes back on the draft's page with the reason by the file input and the name kept.
        try b.get("/applications/1/edit")
        let wrong = try b.postMultipart("/applications/1/attachments", [("name", "事業計画書")],
                                        files: [("file", "plan.exe", Array("MZ not a document".utf8))])
        #expect(wrong.status == 422 && wrong.body.contains("id=\"attachment-error\"") && wrong.body.contains("<option value=\"事業計画書\" selected>"))
        #expect(wrong.body.contains("id=\"f-projectTitle\""))
        try b.get("/applications/1/edit")
        #expect(try b.postMultipart("/applications/1/attachments", [("name", "事業計画書")], files: [("file", "計画.pdf", DocumentTests.pdf)]).status == 303)
        #expect(try b.get("/applications/1/attachments/1").header("Content-Disposition")?.contains("attachment") == true)
        #expect(try app.get("/applications/1/attachments/1").status == 303) // anonymous: sign in first
        try b.get("/applications/1")
        #expect(try b.post("/applications/1/transitions/submit", []).status == 303)
    }

    @Test func subsidyLimit_roundsDownToTheYen() {
        var call = Call()
        call.rateNumerator = 2; call.rateDenominator = 3
        #expect(call.subsidyLimit(eligibleExpense: 100_001) == 66_667)
        call.rateNumerator = 1; call.rateDenominator = 2
        #expect(call.subsidyLimit(eligibleExpense: 999) == 499)
    }
}

@Suite struct GrantDecisionTests {
    /// Two accepted applications under a call with a ¥500,000 ceiling.
    private func setUp() throws -> (TestApp, Browser) {
        let app = try TestApp()
        var call = Call()
        call.title = "上限のある募集"; call.status = .open; call.budgetCeiling = 500_000; call.maxAmount = 400_000
        call.opensAt = app.services.now().addingTimeInterval(-86_400); call.closesAt = app.services.now().addingTimeInterval(86_400)
        call.eligibleKinds = [.npo]; call.criteria = [.init(name: "公益性", description: "", weight: 1, scaleMin: 1, scaleMax: 5)]
        let callID = try app.services.database.write { [app] in try CallStore.insert($0, call, now: app.services.now()) }
        for (i, requested) in ([400_000, 300_000] as [Yen]).enumerated() {
            let org = try app.createOrganisation("団体\(i)", kana: "だんたい")
            try app.services.database.write { [app] db in
                let id = try GrantStore.create(db, callID: callID, organisationID: org, now: app.services.now())
                var a = try GrantStore.find(db, id: id)!
                a.projectTitle = "事業\(i)"; a.requestedAmount = requested
                try GrantStore.update(db, a, now: app.services.now())
                try GrantStore.forceStatus(db, id: id, .accepted, now: app.services.now())
            }
        }
        try app.createUser("staff@example.jp", roles: [.staff])
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        return (app, staff)
    }

    @Test func approvals_cannotExceedTheBudgetCeiling() throws {
        let (app, staff) = try setUp()
        let page = try staff.get("/applications/1")
        #expect(page.body.contains("予算の残り") && page.body.contains("¥500,000"))
        #expect(try staff.post("/applications/1/decision", [("decision", "approve"), ("grantedAmount", "400000"), ("conditions", "実績報告を期限内に提出すること")]).status == 303)
        try staff.get("/applications/2")
        let over = try staff.post("/applications/2/decision", [("decision", "approve"), ("grantedAmount", "200000"), ("conditions", "")])
        #expect(over.status == 409 && over.body.contains("残りは ¥100,000 です"))
        #expect(try app.services.database.read { try GrantStore.find($0, id: 2)?.status } == .accepted)
        let tooMuch = try staff.post("/applications/2/decision", [("decision", "approve"), ("grantedAmount", "350000"), ("conditions", "")])
        #expect(tooMuch.status == 422) // more than requested
        #expect(try staff.post("/applications/2/decision", [("decision", "approve"), ("grantedAmount", "100000"), ("conditions", "")]).status == 303)
        let approved = try #require(try app.services.database.read { try GrantStore.find($0, id: 1) })
        #expect(approved.status == .approved && approved.grantedAmount == 400_000 && approved.conditions == "実績報告を期限内に提出すること")
        #expect(try app.services.database.read { try GrantStore.grantedTotal($0, callID: 1) } == 500_000)
        #expect(try staff.get("/applications/1").body.contains("¥400,000"))
    }

    @Test func rejection_needsAReason() throws {
        let (app, staff) = try setUp()
        try staff.get("/applications/1")
        #expect(try staff.post("/applications/1/decision", [("decision", "reject"), ("reason", " ")]).status == 422)
        // 不交付 asks for confirmation on a page of its own, carrying the reason.
        let confirm = try staff.post("/applications/1/decision", [("decision", "reject"), ("reason", "公益性が認められないため")])
        #expect(confirm.status == 200 && confirm.body.contains("name=\"confirmed\" value=\"1\"")
                && confirm.body.contains("value=\"公益性が認められないため\"") && confirm.body.contains("href=\"/applications/1\""))
        #expect(try app.services.database.read { try GrantStore.find($0, id: 1)?.status } == .accepted)
        #expect(try staff.post("/applications/1/decision", [("decision", "reject"), ("reason", "公益性が認められないため"),
                                                           ("confirmed", "1")]).status == 303)
        #expect(try app.services.database.read { try GrantStore.find($0, id: 1)?.status } == .rejected)
        let events = try app.services.database.read { try WorkflowStore.timeline($0, recordType: "application", recordID: 1) }
        #expect(events.last?.comment == "公益性が認められないため")
    }

    @Test func results_arePublicOnlyFromPublication_withCSVAndPrintView() throws {
        let (app, staff) = try setUp()
        try staff.get("/applications/1")
        try staff.post("/applications/1/decision", [("decision", "approve"), ("grantedAmount", "300000"), ("conditions", "")])
        #expect(try app.get("/calls/1/results").status == 404)
        try app.services.database.write { [app] db in
            for action in [CallAction.close, .review, .publish] {
                try CallWorkflow.workflow.take(action, id: 1, by: .system, actor: .system(), entry: .button, in: db, now: app.services.now())
            }
        }
        let results = try app.get("/calls/1/results")
        #expect(results.status == 200 && results.body.contains("団体0") && results.body.contains("事業0")
                && results.body.contains("<td class=\"amount\">300,000</td>") && results.body.contains("交付決定額（円）"))
        #expect(!results.body.contains("事業1")) // accepted but not granted: not listed
        let csv = try staff.get("/staff/calls/1/applications.csv")
        let rows = CSVParser.parse(String(csv.body.dropFirst()))
        #expect(rows[0].prefix(3) == ["申請番号", "団体名", "事業名"])
        #expect(rows.count == 3 && rows[1][5] == "300000")
        let print = try staff.get("/applications/1/print")
        #expect(print.status == 200 && print.body.contains("補助金交付申請書") && print.body.contains("/static/css/print.css"))
        #expect(try app.get("/applications/1/print").status == 303) // sign in first
    }
}

@Suite struct GrantReportTests {
    /// An approved application (granted ¥300,000 at rate 1/2) and its representative's browser.
    private func setUp() throws -> (TestApp, Browser, Browser) {
        let app = try TestApp()
        let rep = try app.createUser("rep@example.jp")
        let org = try app.createOrganisation("報告する会", member: rep)
        var call = Call()
        call.title = "募集"; call.status = .reviewing; call.rateNumerator = 1; call.rateDenominator = 2
        call.opensAt = Date(timeIntervalSince1970: 0); call.closesAt = Date(timeIntervalSince1970: 86_400); call.eligibleKinds = [.npo]
        let callID = try app.services.database.write { [app] in try CallStore.insert($0, call, now: app.services.now()) }
        try app.services.database.write { [app] db in
            let id = try GrantStore.create(db, callID: callID, organisationID: org, now: app.services.now())
            try GrantStore.forceStatus(db, id: id, .approved, now: app.services.now())
            try GrantStore.recordGrant(db, id: id, amount: 300_000, conditions: "", now: app.services.now())
        }
        try app.createUser("staff@example.jp", roles: [.staff])
        let member = app.browser(), staff = app.browser()
        try member.signIn("rep@example.jp", "correct-horse-battery")
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        return (app, member, staff)
    }

    private func report(_ b: Browser, eligible: String) throws {
        try b.get("/applications/1/report")
        try b.post("/applications/1/report", [("projectEndOn", "2026-02-28"), ("outcomes", "延べ240組の親子が参加した"),
                                              ("inc1Category", "補助金"), ("inc1Amount", "300000"), ("inc1Note", ""),
                                              ("exp1Category", "講師謝金"), ("exp1Amount", eligible), ("exp1Eligible", "1"), ("exp1Note", ""),
                                              ("exp2Category", "懇親会"), ("exp2Amount", "50000"), ("exp2Note", "")])
    }

    @Test func settlement_isRateTimesActualEligible_whenBelowTheGrant() throws {
        let (app, member, staff) = try setUp()
        try member.get("/applications/1/report")
        #expect(try member.post("/applications/1/report/transitions/submit", []).body.contains("事業の終了日を入力してください"))
        try report(member, eligible: "400001")
        try member.get("/applications/1/report")
        #expect(try member.postMultipart("/applications/1/report/files", [], files: [("file", "ひろばの様子.pdf", DocumentTests.pdf)]).status == 303)
        let page = try member.get("/applications/1/report")
        #expect(page.body.contains("ひろばの様子.pdf"))
        #expect(page.body.contains("提出期限: 令和8年3月30日")) // 30 days after 2026-02-28
        #expect(try member.post("/applications/1/report/transitions/submit", []).status == 303)
        try staff.get("/applications/1/report")
        #expect(try staff.post("/applications/1/report/transitions/accept", []).status == 303)
        #expect(try staff.post("/applications/1/report/transitions/settle", []).status == 303)
        let settled = try app.services.database.read { try GrantReportStore.find($0, applicationID: 1) }
        #expect(settled.status == .settled && settled.settledAmount == 200_000) // 400,001 × 1/2 = 200,000.5 → 200,000 < 300,000
        #expect(try staff.get("/applications/1/report").body.contains("確定額: ¥200,000"))
    }

    @Test func settlement_isCappedAtTheGrant_andReturnedReportsCanBeCorrected() throws {
        let (app, member, staff) = try setUp()
        try report(member, eligible: "900000")
        try member.get("/applications/1/report")
        try member.post("/applications/1/report/transitions/submit", [])
        try staff.get("/applications/1/report")
        #expect(try staff.post("/applications/1/report/transitions/return", [("comment", "領収書の写しを添付してください")]).status == 303)
        try report(member, eligible: "900000")
        try member.get("/applications/1/report")
        #expect(try member.post("/applications/1/report/transitions/submit", []).status == 303)
        try staff.get("/applications/1/report")
        try staff.post("/applications/1/report/transitions/accept", [])
        try staff.post("/applications/1/report/transitions/settle", [])
        #expect(try app.services.database.read { try GrantReportStore.find($0, applicationID: 1).settledAmount } == 300_000)
        #expect(try member.post("/applications/1/report", [("outcomes", "書き換え")]).status == 409)
    }
}
