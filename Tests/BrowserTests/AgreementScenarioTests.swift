import Foundation
import Kyodo
import Testing

/// An agreement in a real browser, with JavaScript on and off: drafted from a selected proposal,
/// changed into a second version, confirmed by both sides, concluded; then Chromium prints it to
/// PDF and the PDF is checked (A4, both parties on page 1) with poppler's pdfinfo and pdftotext.
@Suite(.serialized) struct AgreementScenarioTests {
    static func startApp() throws -> (App, String, Int64) {
        let (app, directory) = try RegistrationScenarioTests.startApp()
        let member = app.services.passwords.hash("member-passphrase")
        let department = app.services.passwords.hash("department-passphrase")
        try app.services.database.write { db in
            let now = Date()
            let rep = try UserStore.create(
                db, email: "rep@example.jp", displayName: "山田 花子", roles: [], passwordHash: member, now: now)
            _ = try UserStore.create(
                db, email: "kouen@example.jp", displayName: "公園 一郎", roles: [.department], department: "公園緑地課",
                passwordHash: department, now: now)
            var org = Organisation()
            org.name = "NPO法人 ブラウザ協定の会"; org.nameKana = "ぶらうざきょうていのかい"; org.kind = .npo; org.status = .active
            org.representativeName = "山田 花子"; org.activityFields = [3]
            let orgID = try OrganisationStore.insert(db, org, now: now)
            try MemberStore.add(db, organisationID: orgID, userID: rep, role: .representative, now: now)
            var call = Call()
            call.kind = .proposal; call.title = "協働事業提案"; call.status = .published
            call.opensAt = now.addingTimeInterval(-30 * 86_400); call.closesAt = now.addingTimeInterval(-86_400)
            let callID = try CallStore.insert(db, call, now: now)
            let parks = try DepartmentStore.findOrCreate(db, name: "公園緑地課", now: now)
            let id = try ProposalStore.create(db, callID: callID, organisationID: orgID, theme: nil, now: now)
            guard var p = try ProposalStore.find(db, id: id) else { return }
            p.title = "公園で親子ひろば"; p.purpose = "親子の居場所をつくる"; p.content = "月2回ひろばを開く"
            p.periodFrom = "2026-06-01"; p.periodTo = "2027-02-28";
            p.departments = [Department(id: parks, name: "公園緑地課")]
            p.budget = [.init(direction: .expense, category: "講師謝金", amount: 300_000, eligible: true, note: "")]
            try ProposalStore.update(db, p, now: now)
            for (from, to) in [
                (Proposal.Status.draft, Proposal.Status.submitted), (.submitted, .consultation),
                (.consultation, .review),
                (.review, .selected),
            ] {
                _ = try ProposalStore.setStatus(db, id: id, from: from, to: to, now: now)
            }
            for side in PreConfirmation.Side.allCases {
                var sheet = PreConfirmation(side: side)
                for item in PreConfirmation.items { sheet.answers[item] = "回答" }
                sheet.submitted = true
                _ = try AgreementStore.saveSheet(db, sourceType: "proposal", sourceID: id, sheet, now: now)
            }
        }
        return (app, directory, 1)
    }

    @Test(arguments: [true, false])
    func twoDraftsBothConfirmConcludedAndPrintedToA4(javascript: Bool) throws {
        try ScenarioRun.run("agreement", javascript: javascript, start: Self.startApp) { b, base, _ in
            try scenario(b, base: base)
        }
    }

    private func act(_ b: WebDriver, _ base: String, _ action: String) throws {
        try b.open(base + "/agreements/1")
        try b.click("form[action$='/transitions/\(action)'] button")
        try b.waitFor(".flash")
    }

    private func scenario(_ b: WebDriver, base: String) throws {
        // The office drafts the agreement from the proposal and opens the negotiation (version 1).
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try b.open(base + "/proposals/1/pre-confirmation")
        try b.click("form[action='/agreements'] button")
        try b.waitFor(".flash")
        try act(b, base, "negotiate")
        try b.signOut()

        // The department writes the second draft.
        try b.signIn(base, "kouen@example.jp", "department-passphrase")
        try b.open(base + "/agreements/1/edit")
        try b.type("#f-risk", "事業の実施に伴う事故の責任は、原因を作った者が負う。")
        try b.type("#f-ownership", "成果物の著作権は甲乙の共有とする。")
        try b.click("form[action$='/edit'] button[type='submit']")
        try b.waitFor(".flash")
        #expect(try b.pageSource().contains("第2版"))
        try b.signOut()

        // Both sides confirm; the office concludes.
        try b.signIn(base, "rep@example.jp", "member-passphrase")
        try act(b, base, "confirm-organisation")
        try b.signOut()
        try b.signIn(base, "kouen@example.jp", "department-passphrase")
        try act(b, base, "confirm-city")
        try b.signOut()
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try act(b, base, "conclude")
        #expect(try b.pageSource().contains("締結"))
        try b.signOut()

        // Chromium prints the public print view to PDF: A4, both parties on page 1.
        let pdf = NSTemporaryDirectory() + "kyodo-agreement-\(UUID().uuidString).pdf"
        defer { try? FileManager.default.removeItem(atPath: pdf) }
        try Self.run(
            WebDriver.chromiumBinary,
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--print-to-pdf=\(pdf)", base + "/agreements/1/print?lang=ja",
            ])
        let info = try Self.run("/usr/bin/pdfinfo", [pdf])
        #expect(info.contains("(A4)"), "\(info)")
        let page1 = try Self.run("/usr/bin/pdftotext", ["-f", "1", "-l", "1", "-enc", "UTF-8", pdf, "-"])
        #expect(
            page1.contains("NPO法人 ブラウザ協定の会") && page1.contains("公園緑地課") && page1.contains("協定書"), "\(page1.prefix(400))"
        )
        try? FileManager.default.copyItem(
            atPath: pdf, toPath: RegistrationScenarioTests.outputDirectory + "/agreement.pdf")
    }

    /// Runs a command and returns what it printed; a failure is an error with its output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw WebDriver.Failure(
                description: "\(executable) exited with \(process.terminationStatus): \(output.prefix(300))")
        }
        return output
    }
}
