import Foundation
import HTTP
import SQLite
import Templating

/// The office's side of council scoring: opening a round on a call, following it, closing it
/// (early with a reason), reopening a member's review with a reason, the ranking with each item's
/// aggregate, the council's opinion per item, and the CSV.
enum ReviewRoundRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/staff/calls/:id/rounds/new", .roles([.staff, .admin]), newForm)
        routes.post("/staff/calls/:id/rounds", .roles([.staff, .admin]), create)
        routes.get("/staff/rounds/:id", .record(ReviewPolicy.round), show)
        routes.post("/staff/rounds/:id/transitions/:action", .record(ReviewPolicy.round), transition)
        routes.post("/staff/rounds/:id/opinions", .record(ReviewPolicy.round), saveOpinions)
        routes.post("/staff/rounds/:id/reopen", .record(ReviewPolicy.round), reopen)
        routes.get("/staff/rounds/:id/results.csv", .record(ReviewPolicy.round), exportCSV)
    }

    static func today(_ c: RequestContext) -> String { DateInput.format(JapaneseCalendar.tokyo(c.now)) }

    /// The records a round at `stage` scores: accepted applications before the decision, approved
    /// ones after; proposals in 公開審査 before, those being carried out after.
    static func candidates(_ db: Database, call: Call, stage: ReviewRound.Stage) throws -> [ReviewItem] {
        if call.kind == .proposal {
            let states: [Proposal.Status] =
                stage == .pre ? [.review] : [.agreement, .inProgress, .reported, .evaluation]
            return try ProposalStore.forCall(db, callID: call.id, status: nil, limit: 10_000, offset: 0).filter {
                states.contains($0.status)
            }
            .compactMap { s in
                guard let p = try ProposalStore.find(db, id: s.id) else { return nil }
                var item = ReviewItem()
                item.recordType = "proposal"; item.recordID = p.id; item.organisationID = p.organisationID
                item.title = "\(p.title)（\(p.organisationName)）"
                return item
            }
        }
        let wanted: GrantApplication.Status = stage == .pre ? .accepted : .approved
        return try GrantStore.summaries(db, callID: call.id).filter { $0.status == wanted }.map { a in
            var item = ReviewItem()
            item.recordType = "application"; item.recordID = a.id; item.organisationID = a.organisationID
            item.title = "\(a.projectTitle)（\(a.organisationName)）"
            return item
        }
    }

    static func loadCall(_ c: RequestContext) throws -> Call {
        let id = try c.request.parameters.require("id", as: Int64.self)
        guard let call = try c.services.database.read({ try CallStore.find($0, id: id) }) else {
            throw HTTPError(.notFound)
        }
        return call
    }

    static func fields(_ c: RequestContext, members: [CouncilMember]) -> [FieldView] {
        [
            FieldView(
                "stage", label: c.t("review.stage"),
                kind: .select(ReviewRound.Stage.allCases.map { ($0.rawValue, c.t($0.messageKey)) }),
                required: true),
            FieldView("dueOn", label: c.t("review.dueOn"), kind: .input(type: "date"), required: true),
            FieldView(
                "members", label: c.t("review.members"), kind: .checkboxes(members.map { ($0.rawValue(), $0.name) }),
                required: true,
                hint: c.t("review.membersHint")),
        ]
    }

    static func formPage(
        _ c: RequestContext, _ call: Call, _ form: FormState, status: HTTPStatus = .ok
    ) throws -> Response {
        let stage = ReviewRound.Stage(rawValue: form["stage"]) ?? .pre
        let (members, items) = try c.services.database.read { db in
            (try CouncilStore.all(db).filter { $0.inTerm(today(c)) }, try candidates(db, call: call, stage: stage))
        }
        return try c.render(
            RoundFormPage(
                form: c.formView(form, fields(c, members: members)), call: CallCard(call, c), items: items.map(\.title)),
            status: status)
    }

    static func newForm(_ c: RequestContext) throws -> Response {
        let call = try loadCall(c)
        var form = FormState()
        form.values["stage"] =
            ReviewRound.Stage(rawValue: c.request.query["stage"] ?? "")?.rawValue ?? ReviewRound.Stage.pre.rawValue
        // Every member in term, by default.
        form.lists["members"] = try c.services.database.read { try CouncilStore.all($0) }.filter { $0.inTerm(today(c)) }
            .map { $0.rawValue() }
        return try formPage(c, call, form)
    }

    static func create(_ c: RequestContext) throws -> Response {
        let call = try loadCall(c)
        var form = FormState(try c.request.form(), fields: ["stage", "dueOn"], lists: ["members"])
        let stage = form.choice("stage", ReviewRound.Stage.self, c)
        let due = form.date("dueOn", required: true, c)
        let everyone = try c.services.database.read { try CouncilStore.all($0) }
        let picked = Set(form.lists["members"] ?? [])
        let members = everyone.filter { picked.contains($0.rawValue()) }
        if members.isEmpty { form.add("members", c.t("review.error.noMembers")) }
        if members.contains(where: { !$0.inTerm(today(c)) }) || members.count < picked.count {
            form.add("members", c.t("review.error.outOfTermMember"))
        }
        if call.criteria.isEmpty { form.add("stage", c.t("review.error.noCriteria")) }
        guard form.isValid, let stage, let due else {
            return try formPage(c, call, form, status: .unprocessableContent)
        }
        let id = try c.services.database.write { db -> Int64 in
            let items = try candidates(db, call: call, stage: stage)
            guard !items.isEmpty else { throw HTTPError(.conflict, message: c.t("review.error.noItems")) }
            let id = try ReviewStore.open(
                db, callID: call.id, stage: stage, dueOn: DateInput.format(due), members: members, items: items,
                reason: c.t("review.automaticReason"), now: c.now)
            try Audit.record(
                db, c.actor, action: "review_round.open", recordType: "review_round", recordID: id,
                after: [
                    "call": .int(call.id), "stage": .string(stage.rawValue), "due_on": .string(DateInput.format(due)),
                    "members": .string(members.map(\.name).joined(separator: "、")), "items": .int(Int64(items.count)),
                ],
                now: c.now)
            return id
        }
        return c.redirect(to: "/staff/rounds/\(id)", flash: "review.flash.opened")
    }

    /// Aggregates of a round's items, ranked.
    static func aggregates(_ db: Database, round: ReviewRound, call: Call) throws -> [(ReviewAggregate, ReviewItem)] {
        let items = try ReviewStore.items(db, roundID: round.id)
        let reviews = try ReviewStore.reviews(db, roundID: round.id)
        let recusals = try ReviewStore.recusals(db, roundID: round.id)
        let weights = call.criteria.map(\.weight)
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ranked = ReviewAggregate.ranked(
            items.map { item in
                let recused = Set(recusals.filter { $0.itemID == item.id }.map(\.memberID))
                return ReviewAggregate(
                    itemID: item.id, weights: weights,
                    reviews: reviews.filter {
                        $0.itemID == item.id && !recused.contains($0.memberID) && round.memberIDs.contains($0.memberID)
                    },
                    recusals: recused.count)
            })
        return ranked.compactMap { a in byID[a.itemID].map { (a, $0) } }
    }

    static func show(_ c: RequestContext) throws -> Response { try page(c, try c.record(ReviewRound.self)) }

    static func page(
        _ c: RequestContext, _ round: ReviewRound, errors: FormState = FormState(), refused: RefusedStep? = nil,
        status: HTTPStatus = .ok
    ) throws -> Response {
        let (call, items, reviews, recusals, members, events, ranked) = try c.services.database.read { db in
            let call = try CallStore.find(db, id: round.callID) ?? Call()
            return (
                call, try ReviewStore.items(db, roundID: round.id), try ReviewStore.reviews(db, roundID: round.id),
                try ReviewStore.recusals(db, roundID: round.id),
                try CouncilStore.all(db).filter { round.memberIDs.contains($0.id) },
                try WorkflowStore.timeline(db, recordType: "review_round", recordID: round.id),
                round.status == .closed ? try aggregates(db, round: round, call: call) : []
            )
        }
        let names = Dictionary(members.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        // The ranking table sorts by rank (default), weighted mean's spread, number of scorers or title.
        let sort = c.request.query["sort"] ?? "rank"
        let sorted: [(ReviewAggregate, ReviewItem)] =
            switch sort {
            case "spread": ranked.sorted { ($0.0.standardDeviation ?? -1) > ($1.0.standardDeviation ?? -1) }
            case "scorers": ranked.sorted { $0.0.scorers > $1.0.scorers }
            case "title": ranked.sorted { $0.1.title < $1.1.title }
            default: ranked
            }
        let titles = Dictionary(items.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        return try c.render(
            RoundPage(
                id: round.id, call: CallCard(call, c), stage: c.t(round.stage.messageKey), dueOn: round.dueOn,
                status: c.t(round.status.messageKey),
                closed: round.status == .closed, closedReason: round.closedReason, members: members.map(\.name),
                progress: items.map { item in
                    let recused = recusals.filter { $0.itemID == item.id }.count
                    return .init(
                        itemID: item.id, title: item.title, href: item.href,
                        submitted: reviews.filter { $0.itemID == item.id && $0.status == .submitted }.count,
                        expected: max(0, round.memberIDs.count - recused))
                },
                recusals: recusals.map {
                    .init(
                        item: titles[$0.itemID] ?? "", member: $0.memberName, automatic: $0.automatic,
                        reason: $0.reason,
                        at: $0.recordedAt)
                },
                criteria: call.criteria.map { "\($0.name)（×\($0.weight)）" },
                aggregates: sorted.map { AggregateView($0.0, item: $0.1) }, sort: sort,
                actions: RoundWorkflow.workflow.buttons(for: c.principal, on: round).map {
                    ActionButton(action: $0.action.rawValue, label: c.t($0.labelKey), comment: $0.commentRequired)
                }.marking(refused),
                reopenable: round.status == .open
                    ? reviews.filter { $0.status == .submitted }.map {
                        .init(reviewID: $0.id, label: "\(names[$0.memberID] ?? "")：\(titles[$0.itemID] ?? "")")
                    } : [],
                errors: errors.errors.map { .init(field: $0.field, message: $0.message) },
                timeline: TimelinePanel.data(events, c)), status: status)
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let round = try c.record(ReviewRound.self)
        let action = try RoundWorkflow.workflow.action(c)
        let form = FormState(try c.request.form(), fields: ["comment"])
        if action == .closeEarly && form["comment"].isEmpty {
            var errors = FormState()
            errors.add("comment-\(action.rawValue)", c.t("review.error.closeReason"))
            return try page(c, round, errors: errors, status: .unprocessableContent)
        }
        do {
            try RoundWorkflow.workflow.take(action, id: round.id, comment: form["comment"], c) { db, _, t in
                if t.action == .closeEarly { try ReviewStore.setClosedReason(db, id: round.id, form["comment"]) }
            }
        } catch {
            guard let message = fixableRefusal(error) else { throw error }
            let refused = RefusedStep(action: action.rawValue, message: message, comment: form["comment"])
            return try page(c, round, refused: refused, status: .unprocessableContent)
        }
        return c.redirect(to: "/staff/rounds/\(round.id)", flash: "review.flash.closed")
    }

    static func saveOpinions(_ c: RequestContext) throws -> Response {
        let round = try c.record(ReviewRound.self)
        let data = try c.request.form()
        try c.services.database.write { db in
            for item in try ReviewStore.items(db, roundID: round.id) {
                guard let text = data["opinion\(item.id)"]?.trimmingCharacters(in: .whitespacesAndNewlines),
                    text != item.opinion
                else { continue }
                guard text.count <= 4_000 else {
                    throw HTTPError(.unprocessableContent, message: c.t("form.error.tooLong", ["4000"]))
                }
                try ReviewStore.setOpinion(db, itemID: item.id, text)
                try Audit.record(
                    db, c.actor, action: "review_item.opinion", recordType: "review_item", recordID: item.id,
                    before: ["opinion": .string(item.opinion)], after: ["opinion": .string(text)], now: c.now)
            }
        }
        return c.redirect(to: "/staff/rounds/\(round.id)", flash: "review.flash.opinions")
    }

    static func reopen(_ c: RequestContext) throws -> Response {
        let round = try c.record(ReviewRound.self)
        var form = FormState(try c.request.form(), fields: ["review", "comment"])
        guard let reviewID = Int64(form["review"]) else {
            form.add("review", c.t("form.error.choice"))
            return try page(c, round, errors: form, status: .unprocessableContent)
        }
        if form["comment"].isEmpty {
            form.add("comment-reopen", c.t("review.error.reopenReason"))
            return try page(c, round, errors: form, status: .unprocessableContent)
        }
        // The review must belong to this round; anything else is not there.
        let belongs = try c.services.database.read { db in
            try ReviewStore.findReview(db, id: reviewID).flatMap { try ReviewStore.item(db, id: $0.itemID) }?.roundID
                == round.id
        }
        guard belongs else { throw HTTPError(.notFound) }
        try ReviewWorkflow.workflow(today: today(c)).take(.reopen, id: reviewID, comment: form["comment"], c)
        return c.redirect(to: "/staff/rounds/\(round.id)", flash: "review.flash.reopened")
    }

    static func exportCSV(_ c: RequestContext) throws -> Response {
        let round = try c.record(ReviewRound.self)
        guard round.status == .closed else { throw HTTPError(.conflict, message: c.t("review.error.notClosed")) }
        let (call, ranked) = try c.services.database.read { db -> (Call, [(ReviewAggregate, ReviewItem)]) in
            let call = try CallStore.find(db, id: round.callID) ?? Call()
            return (call, try aggregates(db, round: round, call: call))
        }
        let header =
            [
                "review.rank", "review.item", "review.mean", "review.total", "review.min", "review.max",
                "review.spread", "review.scorers",
                "review.recusals",
            ].map { c.t($0) } + call.criteria.map(\.name) + [c.t("review.opinion")]
        let rows = ranked.map { a, item -> [String] in
            let v = AggregateView(a, item: item)
            return [
                v.rank, v.title, v.mean, String(v.total), v.minimum, v.maximum, v.spread, String(v.scorers),
                String(v.recusals),
            ]
                + v.criterionMeans + [v.opinion]
        }
        return CSV.response(CSV.document(header: header, rows: rows), filename: "review-round-\(round.id).csv")
    }
}

extension CouncilMember {
    /// The member's id as a form value.
    func rawValue() -> String { String(id) }
}
