import Foundation
import Templating

enum ReviewAction: String, WorkflowAction {
    case submit, reopen
}

/// A member's review: 下書き → 提出 (locked); the office may reopen it with a reason while the round is open.
enum ReviewWorkflow {
    typealias Flow = Workflow<ReviewCase, Review.Status, ReviewAction>

    /// Everything a submission needs, read inside the transaction.
    static let complete: Flow.Guard = { x, _, _ in
        if x.round.status != .open { return "review.error.roundClosed" }
        if x.recused { return "review.error.recused" }
        if !x.memberInTerm { return "review.error.outOfTerm" }
        if x.review.scores.count < x.criteria || x.review.recommendation == nil { return "review.error.incomplete" }
        return nil
    }
    static let roundOpen: Flow.Guard = { x, _, _ in x.round.status == .open ? nil : "review.error.roundClosed" }

    static func workflow(today: String) -> Flow {
        Flow(
            recordType: "review",
            transitions: [
                .init(
                    .submit, from: [.draft], to: .submitted, labelKey: "review.submit",
                    allowed: { p, x in p.has(.council) && p.user?.id == x.memberUserID }, guards: [complete]),
                .init(
                    .reopen, from: [.submitted], to: .draft, labelKey: "review.reopen", commentRequired: true,
                    allowed: { p, _ in p.isOffice }, guards: [roundOpen]),
            ],
            load: { db, id in try ReviewPolicy.loadReview(db, id: id, today: today) },
            state: { $0.review.status },
            id: { $0.review.id },
            setState: { db, id, from, to, now in
                try ReviewStore.setReviewStatus(db, id: id, from: from, to: to, now: now)
            })
    }
}

enum RoundAction: String, WorkflowAction {
    case close
    case closeEarly = "close-early"
}

/// A round: 受付中 → 締切. Closed when everyone has submitted, or early by the office with a reason.
enum RoundWorkflow {
    typealias Flow = Workflow<ReviewRound, ReviewRound.Status, RoundAction>
    static let office: @Sendable (Principal, ReviewRound) -> Bool = { p, _ in p.isOffice }
    static let everyoneIn: Flow.Guard = { r, db, _ in
        try ReviewStore.allSubmitted(db, roundID: r.id) ? nil : "review.error.notAllIn"
    }

    static let workflow = Flow(
        recordType: "review_round",
        transitions: [
            .init(.close, from: [.open], to: .closed, labelKey: "review.close", allowed: office, guards: [everyoneIn]),
            .init(
                .closeEarly, from: [.open], to: .closed, labelKey: "review.closeEarly", commentRequired: true,
                allowed: office),
        ],
        load: { db, id in try ReviewStore.round(db, id: id) },
        state: { $0.status },
        id: { $0.id },
        setState: { db, id, from, to, now in try ReviewStore.setRoundStatus(db, id: id, from: from, to: to, now: now) })
}
