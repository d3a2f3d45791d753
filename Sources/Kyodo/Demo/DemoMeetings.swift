import Foundation
import SQLite
import Templating

/// Demo council meetings of this fiscal year: 第1回 with published minutes, 第2回 held without
/// minutes yet, 第3回 with draft minutes naming a member inside the text, as staff type them.
extension DemoData {
    static func seedMeetings(_ db: Database, services: AppServices) throws -> Int {
        let now = services.now()
        let year = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(now))
        let system = AuditActor.system("kyodo seed-demo")
        let members = try CouncilStore.all(db)
        guard members.count >= 4 else { return 0 }
        func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int) -> Date {
            JapaneseCalendar.startOfDay(.init(year: y, month: m, day: d, hour: h))
        }
        let plans: [(Int, Date, String, [String])] = [
            (1, at(year, 6, 12, 14), "市役所本庁舎3階 第1会議室", ["令和\(year - 2018)年度の会議の進め方について", "公益活動事業補助金の審査について"]),
            (2, at(year, 9, 12, 14), "市役所本庁舎3階 第1会議室", ["協働事業提案の公開審査", "その他"]),
            (3, at(year, 12, 10, 14), "市民活動センター 会議室A", ["協働事業の協定について", "事後評価の進め方について"]),
        ]
        var ids: [Int64] = []
        for (number, start, place, agenda) in plans {
            var m = Meeting()
            m.fiscalYear = year; m.number = number; m.startsAt = start; m.endsAt = start.addingTimeInterval(2 * 3600);
            m.place = place
            m.observers = "傍聴席10席（先着順）。開会の15分前から会場で受け付けます。"; m.others = "事務局（市民協働推進課）3名、担当課職員"
            m.agenda = agenda
            m.attendance = Dictionary(
                members.enumerated().map { ($0.element.id, $0.offset != 5) }, uniquingKeysWith: { first, _ in first })
            let id = try MeetingStore.insert(db, m, now: now)
            try Audit.record(
                db, system, action: "meeting.create", recordType: "meeting", recordID: id,
                after: ["fiscal_year": AuditValue(year), "number": AuditValue(number)], now: now)
            ids.append(id)
        }
        let vice = members[1], third = members[2], fourth = members[3]
        func statements(_ rows: [(Int, Minutes.Speaker, String)]) -> [Minutes.Statement] {
            rows.map { .init(agendaPosition: $0.0, speaker: $0.1, text: $0.2) }
        }
        // 第1回: published.
        let first = statements([
            (1, .chair, "それでは、本年度第1回の会議を始めます。"),
            (1, .office, "本年度は6回の開催を予定しています。"),
            (2, .member(third.id), "審査基準の「協働の効果」について、評価の観点を具体的に示してほしい。"),
            (2, .member(fourth.id), "地域の課題との関係を申請書に書きやすくする工夫が必要だと思う。協定の締結前に役割分担を確認する場を設けるべきだ。"),
            (2, .office, "申請の手引きに記入例を加えます。"),
        ])
        _ = try MeetingStore.saveMinutes(
            db, meetingID: ids[0], revision: 0, summaries: [1: "会議の年間予定を確認した。", 2: "審査基準の運用について意見を交わした。"],
            statements: first, now: now)
        let saved = try MeetingStore.minutes(db, meetingID: ids[0])
        for (from, to) in [
            (Minutes.Status.draft, Minutes.Status.confirming), (.confirming, .approved), (.approved, .published),
        ] {
            _ = try MeetingStore.setMinutesStatus(db, meetingID: ids[0], from: from, to: to, now: now)
            try WorkflowStore.record(
                db, recordType: "minutes", recordID: ids[0],
                action: to == .confirming ? "send" : to == .approved ? "approve" : "publish",
                from: from.rawValue, to: to.rawValue, actor: system, comment: "", now: now)
        }
        let pseudonyms = Anonymiser.pseudonyms(existing: [:], statements: saved.statements)
        let labels: (Minutes.Speaker) -> String = { s in
            switch s {
            case .member(let id): "委員" + (pseudonyms[id] ?? "?")
            case .chair: "会長"
            case .viceChair: "副会長"
            case .office: "事務局"
            case .department: "担当課"
            case .organisation(let n): n
            }
        }
        let snapshot = PublishedMinutes(
            items: plans[0].3.enumerated().map { i, title in
                .init(
                    title: title, summary: saved.summaries[i + 1] ?? "",
                    statements: saved.statements.filter { $0.agendaPosition == i + 1 }.map {
                        .init(id: $0.id, speaker: labels($0.speaker), text: $0.text)
                    })
            })
        try MeetingStore.publish(db, meetingID: ids[0], pseudonyms: pseudonyms, snapshot: snapshot)
        // 第3回: minutes begun, naming a member inside the text (flagged for the office before publishing).
        _ = try MeetingStore.saveMinutes(
            db, meetingID: ids[2], revision: 0, summaries: [1: "協定書の様式について協議した。"],
            statements: statements([
                (1, .chair, "協定書の様式について事務局から説明をお願いします。"),
                (1, .office, "役割分担と経費の負担を一つの表にまとめました。"),
                (1, .viceChair, "リスク負担の条項は、保険の加入と合わせて示すべきです。"),
                (
                    1, .member(third.id),
                    "\(vice.name.split(separator: " ").first.map(String.init) ?? "")副会長の意見に賛成です。成果の権利帰属も明記してください。"
                ),
            ]), now: now)
        return ids.count
    }
}
