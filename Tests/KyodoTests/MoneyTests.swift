import Foundation
import Testing
@testable import Kyodo

/// Money is one bounded type: nothing a form sends can overflow, and what is wrong is said next to
/// the field with the user's input kept.
@Suite struct MoneyTests {
    @Test func parse_acceptsWhatPeopleType_andRefusesTheRest() {
        func yen(_ text: String) -> Int64? { if case .success(let y)? = Yen.parse(text) { y.value } else { nil } }
        #expect(yen("50000") == 50_000 && yen("５万") == 50_000 && yen("1.5万円") == 15_000 && yen("３，０００") == 3_000)
        #expect(yen("¥1,234") == 1_234 && yen("2億") == 200_000_000 && yen("1000000000000") == 1_000_000_000_000)
        #expect(Yen.parse("") == nil)
        #expect(Yen.parse("-1") == .failure(.notANumber) && Yen.parse("12.5") == .failure(.notANumber))
        #expect(Yen.parse("abc") == .failure(.notANumber) && Yen.parse("1e9") == .failure(.notANumber))
        #expect(Yen.parse("1000000000001") == .failure(.tooLarge) && Yen.parse("5000000000000000000") == .failure(.tooLarge))
        #expect(Yen.parse("99999999999999999999999999") == .failure(.tooLarge) && Yen.parse("9999999999999億") == .failure(.tooLarge))
    }

    @Test func arithmetic_isChecked() {
        let max = Yen(Yen.max) ?? .zero
        #expect(max.adding(1) == nil && Yen.sum([max, max]) == nil && Yen.total([max, max]) == max)
        #expect(Yen(-1 as Int64) == nil && (5 as Yen).subtracting(6) == nil && (5 as Yen).remaining(after: 6) == .zero)
        #expect(max.times(3, over: 4) == Yen(750_000_000_000 as Int64) && max.times(1, over: 0) == nil)
        var call = Call()
        call.rateDenominator = 0
        #expect(call.subsidyLimit(eligibleExpense: 1_000) == .zero)
    }

    private func draftingApp() throws -> (TestApp, Browser, callID: Int64) {
        let app = try TestApp()
        let rep = try app.createUser("rep@example.jp")
        try app.createOrganisation("申請する会", member: rep)
        var call = Call()
        call.title = "補助金"; call.status = .open; call.maxAmount = 500_000
        call.opensAt = app.services.now().addingTimeInterval(-86_400); call.closesAt = app.services.now().addingTimeInterval(10 * 86_400)
        call.eligibleKinds = [.npo]
        let callID = try app.services.database.write { [app] in try CallStore.insert($0, call, now: app.services.now()) }
        let b = app.browser()
        try b.signIn("rep@example.jp", "correct-horse-battery")
        try b.get("/calls/\(callID)")
        try b.post("/calls/\(callID)/applications", [])
        return (app, b, callID)
    }

    /// Found on main: two lines of 5×10¹⁸ yen trapped on Int overflow and stopped the server.
    @Test func hugeBudgetLines_are422_withInputKept_andTheServerLives() throws {
        let (app, b, _) = try draftingApp()
        try b.get("/applications/1/edit")
        let huge = "5000000000000000000"
        let r = try b.post("/applications/1/edit", GrantTests.draft(requested: huge, income: [("自己資金", huge), ("補助金", huge)],
                                                                   expense: [("講師謝金", huge, true), ("会場費", huge, true)]))
        #expect(r.status == 422)
        #expect(r.body.contains("金額が大きすぎます") && r.body.contains("value=\"\(huge)\""))
        #expect(r.body.contains("id=\"f-inc1Amount\"") && r.body.contains("aria-describedby=\"f-inc1Amount-error\""))
        // Each line in range, but the total past 1兆円.
        let big = "900000000000"
        let total = try b.post("/applications/1/edit", GrantTests.draft(requested: "1", income: [("a", big), ("b", big)]))
        #expect(total.status == 422 && total.body.contains("合計額が大きすぎます"))
        #expect(try app.get("/healthz").status == 200)
        #expect(try app.services.database.read { try GrantStore.find($0, id: 1)?.budget.isEmpty } == true)
    }

    @Test func amountsTypedWithUnits_areSaved_andWrongOnesShownBack() throws {
        let (app, b, _) = try draftingApp()
        try b.get("/applications/1/edit")
        #expect(try b.post("/applications/1/edit", GrantTests.draft(requested: "20万", income: [("自己資金", "20万"), ("補助金", "２０万円")],
                                                                    expense: [("講師謝金", "40万", true)])).status == 303)
        let saved = try #require(try app.services.database.read { try GrantStore.find($0, id: 1) })
        #expect(saved.requestedAmount == 200_000 && saved.income == 400_000)
        try b.get("/applications/1/edit")
        let bad = try b.post("/applications/1/edit", GrantTests.draft(requested: "たくさん", expense: [("講師謝金", "5万くらい", true)]))
        #expect(bad.status == 422 && bad.body.contains("value=\"5万くらい\"") && bad.body.contains("value=\"たくさん\""))
    }

    @Test func thousandsOfRows_areCapped_withOneMessage() throws {
        let (app, b, _) = try draftingApp()
        try b.get("/applications/1/edit")
        var fields = GrantTests.draft(requested: "1")
        for i in 1...5_000 { fields += [("exp\(i)Category", "費目\(i)"), ("exp\(i)Amount", "1")] }
        let r = try b.post("/applications/1/edit", fields)
        #expect(r.status == 422 && r.body.contains("行が多すぎます"))
        #expect(try app.get("/healthz").status == 200)
    }

    /// Found on main: a withdrawn application and a new one from the same organisation trapped the
    /// staff list on `Dictionary(uniqueKeysWithValues:)`; the CSV's totals read 0.
    @Test func withdrawnAndNewApplication_listAndCSVWork_withTotals() throws {
        let (app, b, callID) = try draftingApp()
        try b.get("/applications/1/edit")
        try b.post("/applications/1/edit", GrantTests.draft(requested: "400000"))
        try b.get("/applications/1")
        #expect(try b.post("/applications/1/transitions/submit", []).status == 303)
        try b.get("/applications/1")
        #expect(try b.post("/applications/1/transitions/withdraw", [("confirmed", "1")]).status == 303)
        try b.get("/calls/\(callID)")
        #expect(try b.post("/calls/\(callID)/applications", []).header("Location") == "/applications/2/edit")
        try b.get("/applications/2/edit")
        try b.post("/applications/2/edit", GrantTests.draft(requested: "400000"))
        try b.get("/applications/2")
        #expect(try b.post("/applications/2/transitions/submit", []).status == 303)
        try app.createUser("staff@example.jp", roles: [.staff])
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        let list = try staff.get("/staff/calls/\(callID)/applications")
        #expect(list.status == 200 && list.body.contains("取下げ"))
        let csv = try staff.get("/staff/calls/\(callID)/applications.csv")
        #expect(csv.status == 200 && csv.body.contains("800000,800000,800000"))
    }
}
