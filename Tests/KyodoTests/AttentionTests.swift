import Foundation
import Testing
@testable import Kyodo

@Suite struct AttentionTests {
    /// The demo city as each persona sees its dashboard.
    @Test func eachPersona_seesTheWorkWaitingForThem_soonestFirst_overdueMarked() throws {
        let app = try TestApp(seed: true)
        func dashboard(_ email: String) throws -> String {
            let b = app.browser()
            let signIn = try b.signIn(email, DemoData.password)
            #expect(signIn.header("Location") == "/attention")
            return try b.get("/attention").body
        }
        // The office: the submitted application of the open round, the open review round, the proposal waiting for opinions.
        let office = try dashboard("kyodo@aoba.example.jp")
        #expect(office.contains("形式審査を待つ申請") && office.contains("ふれあいサロン拡充事業") && office.contains("評価の期限")
                && office.contains("担当課の意見を待つ提案"))
        // The childcare department has not given its opinion on the NPO's proposal; parks has.
        let childcare = try dashboard("kosodate@aoba.example.jp")
        #expect(childcare.contains("意見を出す提案") && childcare.contains("公園deあおばっこひろば"))
        #expect(!(try dashboard("kouen@aoba.example.jp")).contains("意見を出す提案"))
        // A council member with items to score in this year's open round.
        let council = try dashboard("sato@aoba.example.jp")
        #expect(council.contains("評価する申請・提案") && council.contains("/review/items/"))
        // The NPO's member: its proposal draft under the open call, the agreement under negotiation.
        let npo = try dashboard("npo@aoba.example.jp")
        #expect(npo.contains("提出前の提案（下書き）") && npo.contains("子育て世代の防災ワークショップ") && npo.contains("内容を確認する協定"))
        // Overdue: a returned application whose resubmission date has passed stands out.
        try app.services.database.write { db in
            try db.execute("UPDATE grant_application SET status = 'returned', resubmit_by = '2020-01-31' WHERE project_title = 'ふれあいサロン拡充事業'")
        }
        let late = try dashboard("npo@aoba.example.jp")
        #expect(late.contains("修正して再提出する申請") && late.contains("attention--overdue") && late.contains("期限超過"))
        #expect(try dashboard("kyodo@aoba.example.jp").contains("差し戻した申請（再提出待ち）"))
    }

    /// Each kind of deadline computed from its record on known dates: Tokyo midnight, month and
    /// fiscal-year boundaries.
    @Test func deadlines_areComputedFromRecords_inTokyoDays() throws {
        let app = try TestApp(seed: true)
        func due(_ items: [AttentionStore.Item], _ kind: String) -> [String] { items.filter { $0.kind == kind }.compactMap(\.due) }
        let npo = try app.count("SELECT id FROM user_account WHERE email = 'npo@aoba.example.jp'")
        try app.services.database.write { db in
            // Submitted one second before Tokyo midnight: the 14 days count from 20 March (JST).
            try db.execute("UPDATE grant_application SET submitted_at = '2027-03-20T14:59:59.000Z' WHERE id = 11")
            // A report due 30 days after a project ending on the last day of the fiscal year.
            try db.execute("UPDATE grant_application SET report_status = 'none', project_end_on = '2027-03-31' WHERE id = 2")
            // A call closing at 00:30 on 1 February in Tokyo (still 31 January in UTC).
            try db.execute("UPDATE call SET closes_at = '2027-01-31T15:30:00.000Z' WHERE id = 5")
            // Minutes sent to the members at 01:00 on 29 March in Tokyo: a week to confirm.
            try db.execute("UPDATE minutes SET status = 'confirming' WHERE meeting_id = 2")
            try db.execute("""
                INSERT INTO workflow_event (record_type, record_id, action, from_state, to_state, actor_label, occurred_at)
                VALUES ('minutes', 2, 'send', 'draft', 'confirming', 'test', '2027-03-28T16:00:00.000Z')
                """)
        }
        try app.services.database.read { db in
            let office = try AttentionStore.office(db, today: "2027-03-01")
            #expect(due(office, "attention.office.check") == ["2027-04-03"])
            #expect(due(office, "attention.office.minutes") == ["2027-04-05"])
            // The agreement in force ends on 15 March 2027: within 60 days of 1 March, not of 1 January... of 2026.
            #expect(due(office, "attention.office.ending") == ["2027-03-15"])
            #expect(due(try AttentionStore.office(db, today: "2026-12-01"), "attention.office.ending").isEmpty)
            let hidamari = try AttentionStore.organisations(db, userID: Int64(try app.count("SELECT id FROM user_account WHERE email = 'hidamari@aoba.example.jp'")), today: "2027-03-01")
            #expect(due(hidamari, "attention.org.draft") == ["2027-02-01"])
            let org = try AttentionStore.organisations(db, userID: Int64(npo), today: "2027-03-01")
            // The next reporting date of the agreement in force, and none once all have passed.
            #expect(due(org, "attention.org.agreementReport") == ["2027-03-15"])
            #expect(due(try AttentionStore.organisations(db, userID: Int64(npo), today: "2027-03-16"), "attention.org.agreementReport").isEmpty)
            let department = try AttentionStore.department(db, departmentID: 4, today: "2026-12-01")
            #expect(due(department, "attention.department.report") == ["2027-03-15"])
            let member = try #require(try CouncilStore.find(db, userID: Int64(try app.count("SELECT id FROM user_account WHERE email = 'sato@aoba.example.jp'"))))
            #expect(due(try AttentionStore.council(db, memberID: member.id), "attention.council.minutes") == ["2027-04-05"])
        }
        // Organisation 2 has no accounts in the demo: give it one.
        let member = try app.createUser("mori@example.jp")
        try app.services.database.write { db in
            try db.execute("INSERT INTO organisation_member (organisation_id, user_id, role, accepted, created_at) VALUES (2, ?, 'editor', 1, '2026-01-01')", [member])
        }
        let report = try app.services.database.read { try AttentionStore.organisations($0, userID: member, today: "2027-03-01") }
        #expect(due(report, "attention.org.report") == ["2027-04-30"])
    }
}
