import Foundation
import HTTP
import Templating

/// A council member's side: the queue of items to score, each item's scoring form (saved as a
/// draft, submitted once), and declaring a conflict of interest. Blind by construction: these
/// pages read the member's own review and nothing of anyone else's.
enum ReviewScoringRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/review", .roles([.council]), queue)
        routes.get("/review/items/:id", .record(ReviewPolicy.score), show)
        routes.post("/review/items/:id", .record(ReviewPolicy.score), save)
        routes.post("/review/items/:id/conflict", .record(ReviewPolicy.assigned), declareConflict)
    }

    static func queue(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let today = ReviewRoundRoutes.today(c)
        let (member, entries) = try c.services.database.read { db -> (CouncilMember?, [ReviewStore.QueueEntry]) in
            guard let m = try CouncilStore.find(db, userID: user.id) else { return (nil, []) }
            return (m, try ReviewStore.queue(db, memberID: m.id))
        }
        let rows = entries.map { e -> ReviewQueuePage.Entry in
            let done = e.status == .submitted
            let state =
                e.recused
                ? c.t("review.state.recused")
                : done
                    ? c.t("review.state.submitted")
                    : e.status == .draft ? c.t("review.state.draft") : c.t("review.state.todo")
            return .init(
                itemID: e.item.id, title: e.item.title, call: e.callTitle, stage: c.t(e.stage.messageKey),
                dueOn: e.dueOn, state: state,
                open: e.roundOpen && !e.recused, done: done, recused: e.recused,
                overdue: e.roundOpen && !done && !e.recused && e.dueOn < today)
        }
        let counted = rows.filter { !$0.recused }
        return try c.render(
            ReviewQueuePage(
                member: member?.name ?? "", entries: rows, done: counted.filter(\.done).count, total: counted.count,
                notMember: member == nil))
    }

    static func page(
        _ c: RequestContext, _ x: ReviewItemCase, _ form: FormState, status: HTTPStatus = .ok
    ) throws -> Response {
        let submitted = x.review?.status == .submitted
        let outOfTerm = !(x.member?.inTerm(ReviewRoundRoutes.today(c)) ?? false)
        let criteria = x.call.criteria.enumerated().map { i, k -> ReviewItemPage.Criterion in
            let position = i + 1, name = "score\(position)"
            let chosen = form[name]
            return .init(
                position: position, name: k.name, description: k.description, weight: k.weight,
                options: (k.scaleMin...max(k.scaleMin, k.scaleMax)).map {
                    .init(
                        value: String($0), label: String($0), selected: chosen == String($0),
                        optionID: "f-\(name)-\($0)")
                },
                comment: form["comment\(position)"], error: form.error(for: name))
        }
        let fields = [
            FieldView(
                "recommendation", label: c.t("review.recommendation"),
                kind: .select(
                    [("", c.t("form.choose"))]
                        + Review.Recommendation.allCases.map { ($0.rawValue, c.t($0.messageKey)) }),
                required: true),
            FieldView("comment", label: c.t("review.comment"), kind: .textarea),
        ]
        return try c.render(
            ReviewItemPage(
                itemID: x.item.id, title: x.item.title, href: x.item.href, call: x.call.title,
                stage: c.t(x.round.stage.messageKey),
                dueOn: x.round.dueOn, submitted: submitted,
                canEdit: !submitted && x.round.status == .open && !outOfTerm, outOfTerm: outOfTerm,
                criteria: criteria, form: c.formView(form, fields)), status: status)
    }

    static func show(_ c: RequestContext) throws -> Response {
        let x = try c.record(ReviewItemCase.self)
        var form = FormState()
        if let r = x.review {
            form.values["recommendation"] = r.recommendation?.rawValue ?? ""
            form.values["comment"] = r.comment
            for s in r.scores {
                form.values["score\(s.position)"] = String(s.score); form.values["comment\(s.position)"] = s.comment
            }
        }
        return try page(c, x, form)
    }

    static func save(_ c: RequestContext) throws -> Response {
        let x = try c.record(ReviewItemCase.self)
        guard let member = x.member else { throw HTTPError(.notFound) }
        let count = x.call.criteria.count
        let names = (1...max(1, count)).flatMap { ["score\($0)", "comment\($0)"] }
        var form = FormState(try c.request.form(), fields: names + ["recommendation", "comment", "intent"])
        let submitting = form["intent"] == "submit"
        var review = x.review ?? Review()
        review.itemID = x.item.id; review.memberID = member.id
        review.scores = []
        for (i, k) in x.call.criteria.enumerated() {
            let position = i + 1
            let comment = form.text("comment\(position)", max: 2_000, c) ?? ""
            if let score = form.integer(
                "score\(position)", in: k.scaleMin...max(k.scaleMin, k.scaleMax), required: submitting, c)
            {
                review.scores.append(.init(position: position, score: score, comment: comment))
            }
        }
        review.recommendation =
            form["recommendation"].isEmpty ? nil : form.choice("recommendation", Review.Recommendation.self, c)
        if submitting && review.recommendation == nil && form.error(for: "recommendation") == nil {
            form.add("recommendation", c.t("form.error.required"))
        }
        review.comment = form.text("comment", max: 4_000, c) ?? ""
        guard form.isValid else { return try page(c, x, form, status: .unprocessableContent) }
        let today = ReviewRoundRoutes.today(c)
        guard member.inTerm(today) else { throw HTTPError(.conflict, message: c.t("review.error.outOfTerm")) }
        try c.services.database.write { db in
            // Read again inside the write: the round may have closed, or the review been submitted, a moment ago.
            guard try ReviewStore.round(db, id: x.round.id)?.status == .open else {
                throw HTTPError(.conflict, message: c.t("review.error.roundClosed"))
            }
            guard !(try ReviewStore.isRecused(db, itemID: x.item.id, memberID: member.id)) else {
                throw HTTPError(.notFound)
            }
            guard let id = try ReviewStore.saveDraft(db, review, now: c.now) else {
                throw HTTPError(.conflict, message: c.t("review.error.submitted"))
            }
            try Audit.record(
                db, c.actor, action: "review.save", recordType: "review", recordID: id,
                after: ["item": .int(x.item.id)], now: c.now)
            if submitting {
                try ReviewWorkflow.workflow(today: today).take(
                    .submit, id: id, by: c.principal, actor: c.actor, entry: .button, in: db, now: c.now)
            }
        }
        return c.redirect(
            to: submitting ? "/review" : "/review/items/\(x.item.id)",
            flash: submitting ? "review.flash.submitted" : "review.flash.saved")
    }

    static func declareConflict(_ c: RequestContext) throws -> Response {
        let x = try c.record(ReviewItemCase.self)
        guard let member = x.member else { throw HTTPError(.notFound) }
        var form = FormState(try c.request.form(), fields: ["reason"])
        guard let reason = form.text("reason", max: 1_000, required: true, c) else {
            throw HTTPError(.unprocessableContent, message: c.t("review.error.conflictReason"))
        }
        try c.services.database.write { db in
            guard try ReviewStore.review(db, itemID: x.item.id, memberID: member.id)?.status != .submitted else {
                throw HTTPError(.conflict, message: c.t("review.error.submitted"))
            }
            guard !(try ReviewStore.isRecused(db, itemID: x.item.id, memberID: member.id)) else {
                throw HTTPError(.conflict, message: c.t("review.error.alreadyRecused"))
            }
            try ReviewStore.recuse(
                db, itemID: x.item.id, memberID: member.id, automatic: false, reason: reason, now: c.now)
            try Audit.record(
                db, c.actor, action: "review.conflict", recordType: "review_item", recordID: x.item.id,
                after: ["member": .int(member.id), "reason": .string(reason)], now: c.now)
        }
        return c.redirect(to: "/review", flash: "review.flash.conflict")
    }
}
