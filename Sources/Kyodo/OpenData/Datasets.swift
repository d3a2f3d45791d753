import Foundation
import SQLite
import Templating

/// The datasets the portal publishes besides the organisation directory. Each reads only what is
/// already public: selected proposals, agreements in force, results of published calls, closed
/// pre-evaluations' aggregates, meetings, and published minutes as published (anonymised).
enum Datasets {
    static let all: [Dataset] = [organisations, calls, proposals, agreements, grantResults, reviewAggregates, meetings, minutes]

    /// The directory: registered and inactive organisations, public fields only (a private one is empty).
    static let organisations = Dataset(
        name: "organisations", titleKey: "openData.organisations",
        columns: [
            .column("ID", "整数", "id", example: "1"), .column("名称", "文字列", "name", example: "NPO法人 あおば子育てネットワーク"),
            .column("名称_カナ", "文字列", "nameKana", example: "あおばこそだてねっとわーく"),
            .column("種別", "文字列", "kind", example: "NPO法人"), .column("状態", "文字列", "orgStatus", example: "登録済"),
            .column("活動分野", "文字列", "fields", example: "子ども・子育て・福祉"),
            .column("代表者氏名", "文字列", "representative", example: "山田 太郎"),
            .column("担当者氏名", "文字列", "contact", example: "青葉 花子"),
            .column("メールアドレス", "文字列", "email", example: "info@example.jp"),
            .column("電話番号", "文字列", "phone", example: "045-000-0000"),
            .column("所在地_連結表記", "文字列", "address", example: "青葉市青葉台1-2-3"),
            .column("地区", "文字列", "district", example: "青葉台"),
            .column("設立年月日", "日付", "founded", example: "2012-04-01"),
            .column("会員数", "整数", "members", unit: "人", example: "25"),
            .column("年間予算額", "整数", "budget", unit: "円", example: "1200000"),
            .column("概要", "文字列", "summary", example: "子育てひろばの運営"),
            .column("活動実績", "文字列", "trackRecord", example: "子育て講座 年12回"),
            .column("URL", "文字列", "website", example: "https://example.jp"),
        ],
        rows: { _, c in
            try OpenDataRoutes.records(c).map { r in
                [
                    String(r.id), r.name, r.nameKana, r.kind, r.status, r.activityFields.joined(separator: "・"),
                    r.representativeName ?? "", r.contactName ?? "", r.email ?? "", r.phone ?? "", r.address ?? "",
                    r.district ?? "", r.foundedOn ?? "", r.memberCount.map(String.init) ?? "",
                    r.annualBudget.map(String.init) ?? "", r.summary ?? "", r.trackRecord ?? "", r.website ?? "",
                ]
            }
        },
        updated: { db in try OpenDataStore.lastChange(db, "organisations") }, generation: "organisation")

    static func find(_ name: String) -> Dataset? { all.first { $0.name == name } }

    static let proposals = Dataset(
        name: "proposals", titleKey: "dataset.proposals",
        columns: [
            .column("ID", "整数", "id", example: "12"), .column("事業名", "文字列", "title", example: "公園で親子ひろば"),
            .column("団体名", "文字列", "organisation", example: "NPO法人 あおば子育てネットワーク"),
            .column("担当課", "文字列", "departments", example: "公園緑地課・子育て支援課"),
            .column("協働の形態", "文字列", "form", example: "委託"),
            .column("実施期間_開始", "日付", "periodFrom", example: "2026-06-01"),
            .column("実施期間_終了", "日付", "periodTo", example: "2027-02-28"),
            .column("市への負担要望額", "整数", "requested", unit: "円", example: "600000"),
            .column("年度", "整数", "fiscalYear", example: "2026"), .column("状態", "文字列", "status", example: "採択"),
        ],
        rows: { db, c in
            try ProposalStore.published(db, fiscalYear: nil).map { s in
                [
                    String(s.id), s.title, s.organisation, s.departments, s.form.map { c.t($0.messageKey) } ?? "",
                    s.periodFrom ?? "", s.periodTo ?? "",
                    s.requested?.description ?? "", String(s.fiscalYear), c.t(s.status.messageKey),
                ]
            }
        },
        updated: { db in try OpenDataStore.lastChange(db, "proposals") })

    static let agreements = Dataset(
        name: "agreements", titleKey: "dataset.agreements",
        columns: [
            .column("ID", "整数", "id", example: "3"), .column("事業名", "文字列", "title", example: "公園で親子ひろば"),
            .column("団体名", "文字列", "organisation", example: "みどりの会"),
            .column("担当課", "文字列", "department", example: "公園緑地課"),
            .column("協定期間_開始", "日付", "periodFrom", example: "2026-06-01"),
            .column("協定期間_終了", "日付", "periodTo", example: "2027-02-28"),
            .column("団体負担額", "整数", "organisationShare", unit: "円", example: "100000"),
            .column("市負担額", "整数", "cityShare", unit: "円", example: "300000"),
            .column("締結日", "日付", "concluded", example: "2026-05-20"), .column("状態", "文字列", "status", example: "締結"),
        ],
        rows: { db, c in
            try AgreementStore.published(db).map { a in
                [
                    String(a.id), a.title, a.organisationName, a.departmentName ?? "", a.periodFrom ?? "",
                    a.periodTo ?? "",
                    a.organisationTotal.description, a.cityTotal.description,
                    a.concludedAt.map { DateInput.format(JapaneseCalendar.tokyo($0)) } ?? "", c.t(a.status.messageKey),
                ]
            }
        },
        updated: { db in try OpenDataStore.lastChange(db, "agreements") })

    /// Every call once it is open: its rules as published (closed calls keep theirs).
    static let calls = Dataset(
        name: "calls", titleKey: "dataset.calls",
        columns: [
            .column("ID", "整数", "id", example: "5"), .column("名称", "文字列", "callTitle", example: "令和8年度 公益活動事業補助金"),
            .column("種類", "文字列", "callKind", example: "補助金"), .column("年度", "整数", "fiscalYear", example: "2026"),
            .column("受付開始日時", "日時", "opensAt", example: "2026-11-01 09:00"),
            .column("受付終了日時", "日時", "closesAt", example: "2026-12-20 17:00"),
            .column("予算額", "整数", "ceiling", unit: "円", example: "3000000"),
            .column("上限額", "整数", "maxAmount", unit: "円", example: "500000"),
            .column("補助率", "文字列", "rate", example: "1/2"),
            .column("審査基準", "文字列", "criteria", example: "公益性(30)／実現性(20)"),
            .column("状態", "文字列", "callStatus", example: "受付中"),
        ],
        rows: { db, c in
            try CallStore.list(db, statuses: [.open, .closed, .reviewing, .published, .archived]).map { call in
                [
                    String(call.id), call.title, c.t(call.kind.messageKey), String(call.fiscalYear),
                    dateTime(call.opensAt), dateTime(call.closesAt), call.budgetCeiling?.description ?? "",
                    call.maxAmount?.description ?? "", "\(call.rateNumerator)/\(call.rateDenominator)",
                    call.criteria.map { "\($0.name)(\($0.weight))" }.joined(separator: "／"), c.t(call.status.messageKey),
                ]
            }
        },
        updated: { db in try OpenDataStore.lastChange(db, "calls") })

    /// YYYY-MM-DD HH:MM in Japan time, as the dictionary's 日時 type says.
    static func dateTime(_ date: Date) -> String {
        let t = JapaneseCalendar.tokyo(date)
        return DateInput.format(t) + String(format: " %02d:%02d", t.hour, t.minute)
    }

    static let grantResults = Dataset(
        name: "grant-results", titleKey: "dataset.grantResults",
        columns: [
            .column("募集名", "文字列", "call", example: "令和7年度 公益活動事業補助金"),
            .column("年度", "整数", "fiscalYear", example: "2025"),
            .column("団体名", "文字列", "organisation", example: "こども食堂 ひだまり"),
            .column("事業名", "文字列", "title", example: "子ども食堂の学習支援"),
            .column("交付決定額", "整数", "granted", unit: "円", example: "350000"),
            .column("確定額", "整数", "settled", unit: "円", example: "330000"),
        ],
        rows: { db, _ in
            try GrantStore.publishedResults(db).map {
                [
                    $0.call, String($0.fiscalYear), $0.organisation, $0.title, $0.granted?.description ?? "",
                    $0.settled?.description ?? "",
                ]
            }
        },
        updated: { db in try OpenDataStore.lastChange(db, "grant-results") })

    static let reviewAggregates = Dataset(
        name: "review-aggregates", titleKey: "dataset.reviewAggregates",
        columns: [
            .column("募集名", "文字列", "call", example: "令和7年度 公益活動事業補助金"),
            .column("対象", "文字列", "item", example: "子育てひろば出張事業（…）"),
            .column("順位", "整数", "rank", example: "1"), .column("加重平均", "文字列", "mean", unit: "点", example: "3.67"),
            .column("評価委員数", "整数", "scorers", unit: "人", example: "6"),
            .column("除外委員数", "整数", "recusals", unit: "人", example: "1"),
            .column("会議の意見", "文字列", "opinion", example: "継続的な実施を期待する。"),
        ],
        rows: { db, _ in
            var rows: [[String]] = []
            for call in try CallStore.list(db, statuses: [.published, .archived]) {
                guard var round = try ReviewStore.latestClosed(db, callID: call.id, stage: .pre) else { continue }
                round.memberIDs = try ReviewStore.round(db, id: round.id)?.memberIDs ?? []
                for (a, item) in try ReviewRoundRoutes.aggregates(db, round: round, call: call) {
                    rows.append([
                        call.title, item.title, a.rank.map(String.init) ?? "", ReviewAggregate.format(a.weightedMean),
                        String(a.scorers),
                        String(a.recusals), item.opinion,
                    ])
                }
            }
            return rows
        },
        updated: { db in try OpenDataStore.lastChange(db, "review-aggregates") })

    static let meetings = Dataset(
        name: "council-meetings", titleKey: "dataset.meetings",
        columns: [
            .column("年度", "整数", "fiscalYear", example: "2026"), .column("回", "整数", "number", example: "3"),
            .column("開始日時", "日時", "startsAt", example: "2026-12-10 14:00"),
            .column("終了日時", "日時", "endsAt", example: "2026-12-10 16:00"),
            .column("会場", "文字列", "place", example: "市民活動センター 会議室A"), .column("公開", "文字列", "openness", example: "公開"),
            .column("非公開の理由", "文字列", "closedReason", example: ""),
            .column("議題", "文字列", "agenda", example: "協定について／その他"),
            .column("出席委員数", "整数", "present", unit: "人", example: "6"), .column("状態", "文字列", "status", example: "開催予定"),
        ],
        rows: { db, c in
            try MeetingStore.withDetails(db, try MeetingStore.list(db, fiscalYear: nil)).map { m in
                [
                    String(m.fiscalYear), String(m.number), String(ISO8601Local.tokyo(m.startsAt).prefix(16)),
                    String(ISO8601Local.tokyo(m.endsAt).prefix(16)),
                    m.place, c.t(m.isPublic ? "meeting.public" : "meeting.closed"), m.closedReason,
                    m.agenda.joined(separator: "／"),
                    String(m.presentMembers.count), c.t(m.status.messageKey),
                ]
            }
        },
        updated: { db in try OpenDataStore.lastChange(db, "council-meetings") })

    static let minutes = Dataset(
        name: "minutes", titleKey: "dataset.minutes",
        columns: [
            .column("年度", "整数", "fiscalYear", example: "2026"), .column("回", "整数", "number", example: "1"),
            .column("議題", "文字列", "agendaItem", example: "審査基準について"), .column("発言者", "文字列", "speaker", example: "委員A"),
            .column("発言の要旨", "文字列", "text", example: "評価の観点を具体的に示してほしい。"),
        ],
        rows: { db, _ in
            var rows: [[String]] = []
            for m in try MeetingStore.list(db, fiscalYear: nil).reversed() {
                guard let published = try MeetingStore.published(db, meetingID: m.id) else { continue }
                for item in published.items {
                    for s in item.statements {
                        rows.append([String(m.fiscalYear), String(m.number), item.title, s.speaker, s.text])
                    }
                }
            }
            return rows
        },
        updated: { db in try OpenDataStore.lastChange(db, "minutes") })
}
