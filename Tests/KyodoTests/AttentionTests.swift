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
}
