import Foundation
import Templating

/// `reviews/council`: the council's members and the form adding one.
struct CouncilPage: PageView {
    struct Row: TemplateView {
        let id: Int64
        let name: String
        let affiliation: String
        let category: String
        let position: String
        let termFrom: String
        let termTo: String
        let inTerm: Bool
        let linked: Bool
        let conflicts: Int
        static let fields = Fields<Row>([
            "id": .int { Int($0.id) }, "name": .text(\.name), "affiliation": .text(\.affiliation),
            "category": .text(\.category),
            "position": .text(\.position), "termFrom": .text(\.termFrom), "termTo": .text(\.termTo),
            "inTerm": .bool(\.inTerm),
            "linked": .bool(\.linked), "conflicts": .int(\.conflicts),
        ])
    }

    static let templates = ["reviews/council"]
    var template: String { "reviews/council" }
    let form: FormView
    let members: [Row]
    static let fields = Fields<CouncilPage>(Fields.form(\.form) + [("members", .list(\.members))])
}

/// `reviews/council-member`: one member's record, with its history.
struct CouncilMemberPage: PageView {
    static let templates = ["reviews/council-member"]
    var template: String { "reviews/council-member" }
    let form: FormView
    let id: Int64
    let name: String
    let history: TemplateValue
    static let fields = Fields<CouncilMemberPage>(
        Fields.form(\.form) + [
            ("id", .int { Int($0.id) }), ("name", .text(\.name)),
            ("history", .value(\.history)),
        ])
}

/// `reviews/round-new`: opening a round on a call.
struct RoundFormPage: PageView {
    static let templates = ["reviews/round-new"]
    var template: String { "reviews/round-new" }
    let form: FormView
    let call: CallCard
    let items: [String]
    static let fields = Fields<RoundFormPage>(
        Fields.form(\.form) + [
            ("call", .view(\.call)), ("items", .texts(\.items)),
            ("hasItems", .bool { !$0.items.isEmpty }),
        ])
}

/// One item's combined scores, formatted.
struct AggregateView: TemplateView {
    let itemID: Int64
    let title: String
    let href: String
    let rank: String
    let mean: String
    let total: Int
    let minimum: String
    let maximum: String
    let spread: String
    let scorers: Int
    let recusals: Int
    let criterionMeans: [String]
    let opinion: String

    init(_ a: ReviewAggregate, item: ReviewItem) {
        itemID = item.id; title = item.title; href = item.href; opinion = item.opinion
        rank = a.rank.map(String.init) ?? "—"; mean = ReviewAggregate.format(a.weightedMean); total = a.total
        minimum = ReviewAggregate.format(a.minimum); maximum = ReviewAggregate.format(a.maximum)
        spread = ReviewAggregate.format(a.standardDeviation); scorers = a.scorers; recusals = a.recusals
        criterionMeans = a.criterionMeans.map(ReviewAggregate.format)
    }

    static let fields = Fields<AggregateView>([
        "itemID": .int { Int($0.itemID) }, "title": .text(\.title), "href": .text(\.href), "rank": .text(\.rank),
        "mean": .text(\.mean),
        "total": .int(\.total), "minimum": .text(\.minimum), "maximum": .text(\.maximum), "spread": .text(\.spread),
        "scorers": .int(\.scorers), "recusals": .int(\.recusals), "criterionMeans": .texts(\.criterionMeans),
        "opinion": .text(\.opinion),
    ])
}

/// `reviews/round`: a round for the office — progress, recusals, and once closed the ranking.
struct RoundPage: PageView {
    struct Progress: TemplateView {
        let itemID: Int64
        let title: String
        let href: String
        let submitted: Int
        let expected: Int
        static let fields = Fields<Progress>([
            "itemID": .int { Int($0.itemID) }, "title": .text(\.title), "href": .text(\.href),
            "submitted": .int(\.submitted),
            "expected": .int(\.expected),
        ])
    }

    struct RecusalRow: TemplateView {
        let item: String
        let member: String
        let automatic: Bool
        let reason: String
        let at: Date
        static let fields = Fields<RecusalRow>([
            "item": .text(\.item), "member": .text(\.member), "automatic": .bool(\.automatic),
            "reason": .text(\.reason), "at": .date(\.at),
        ])
    }

    struct Submitted: TemplateView {
        let reviewID: Int64
        let label: String
        static let fields = Fields<Submitted>(["reviewID": .int { Int($0.reviewID) }, "label": .text(\.label)])
    }

    static let templates = ["reviews/round"]
    var template: String { "reviews/round" }
    let id: Int64
    let call: CallCard
    let stage: String
    let dueOn: String
    let status: String
    let closed: Bool
    let closedReason: String
    let members: [String]
    let progress: [Progress]
    let recusals: [RecusalRow]
    let criteria: [String]
    let aggregates: [AggregateView]
    /// The column the ranking is sorted by.
    let sort: String
    let actions: [ActionButton]
    /// Submitted reviews the office may reopen (named by member and item, never their scores).
    let reopenable: [Submitted]
    let errors: [FormView.Problem]
    let timeline: TemplateValue
    static let fields = Fields<RoundPage>([
        "id": .int { Int($0.id) }, "call": .view(\.call), "stage": .text(\.stage), "dueOn": .text(\.dueOn),
        "status": .text(\.status),
        "closed": .bool(\.closed), "closedReason": .text(\.closedReason), "members": .texts(\.members),
        "progress": .list(\.progress),
        "recusals": .list(\.recusals), "criteria": .texts(\.criteria), "aggregates": .list(\.aggregates),
        "actions": .list(\.actions),
        "sortRank": .bool { $0.sort != "spread" && $0.sort != "scorers" && $0.sort != "title" },
        "sortSpread": .bool { $0.sort == "spread" },
        "sortScorers": .bool { $0.sort == "scorers" }, "sortTitle": .bool { $0.sort == "title" },
        "reopenable": .list(\.reopenable), "errors": .list(\.errors), "hasErrors": .bool { !$0.errors.isEmpty },
        "timeline": .value(\.timeline),
    ])
}

/// `reviews/queue`: a council member's items to score, with due dates and progress.
struct ReviewQueuePage: PageView {
    struct Entry: TemplateView {
        let itemID: Int64
        let title: String
        let call: String
        let stage: String
        let dueOn: String
        let state: String
        let open: Bool
        let done: Bool
        let recused: Bool
        let overdue: Bool
        static let fields = Fields<Entry>([
            "itemID": .int { Int($0.itemID) }, "title": .text(\.title), "call": .text(\.call), "stage": .text(\.stage),
            "dueOn": .text(\.dueOn), "state": .text(\.state), "open": .bool(\.open), "done": .bool(\.done),
            "recused": .bool(\.recused),
            "overdue": .bool(\.overdue),
        ])
    }

    static let templates = ["reviews/queue"]
    var template: String { "reviews/queue" }
    let member: String
    let entries: [Entry]
    let done: Int
    let total: Int
    let notMember: Bool
    static let fields = Fields<ReviewQueuePage>([
        "member": .text(\.member), "entries": .list(\.entries), "done": .int(\.done), "total": .int(\.total),
        "notMember": .bool(\.notMember),
    ])
}

/// `reviews/item`: one item's scoring form for the member — every criterion on its scale with its
/// description, a comment per criterion and overall, a recommendation. Only their own review.
struct ReviewItemPage: PageView {
    struct Criterion: TemplateView {
        let position: Int
        let name: String
        let description: String
        let weight: Int
        let options: [FieldWidget.Option]
        let comment: String
        let error: String?
        static let fields = Fields<Criterion>([
            "position": .int(\.position), "name": .text(\.name), "description": .text(\.description),
            "weight": .int(\.weight),
            "options": .list(\.options), "comment": .text(\.comment), "error": .text(\.error),
        ])
    }

    static let templates = ["reviews/item"]
    var template: String { "reviews/item" }
    let itemID: Int64
    let title: String
    let href: String
    let call: String
    let stage: String
    let dueOn: String
    let submitted: Bool
    let canEdit: Bool
    let outOfTerm: Bool
    let criteria: [Criterion]
    let form: FormView
    static let fields = Fields<ReviewItemPage>(
        Fields.form(\.form) + [
            ("itemID", .int { Int($0.itemID) }), ("title", .text(\.title)), ("href", .text(\.href)),
            ("call", .text(\.call)),
            ("stage", .text(\.stage)), ("dueOn", .text(\.dueOn)), ("submitted", .bool(\.submitted)),
            ("canEdit", .bool(\.canEdit)),
            ("outOfTerm", .bool(\.outOfTerm)), ("criteria", .list(\.criteria)),
        ])
}
