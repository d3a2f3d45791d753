import Foundation
import HTTP
import SQLite
import Templating

/// An item as one council member meets it: the round and call it belongs to, the member's own
/// review (never anyone else's) and whether they are recused.
public struct ReviewItemCase: Sendable {
    public var item: ReviewItem
    public var round: ReviewRound
    public var call: Call
    public var member: CouncilMember?
    public var review: Review?
    public var recused: Bool
}

/// A review as the workflow moves it: with its member's account, the round and the call's criteria.
public struct ReviewCase: Sendable {
    public var review: Review
    public var memberUserID: Int64?
    public var memberInTerm: Bool
    public var round: ReviewRound
    public var criteria: Int
    public var recused: Bool
}

/// Who may see and do what in council scoring. A council member sees the items of the rounds
/// they are assigned to, except those they are recused from (404, like anything else they may not
/// see), and only ever their own scores; the office runs rounds and reads aggregates once a round
/// is closed; nobody else learns a round exists.
enum ReviewPolicy {
    static func isAssigned(_ x: ReviewItemCase) -> Bool { x.member.map { x.round.memberIDs.contains($0.id) } ?? false }

    static func canScore(_ p: Principal, _ x: ReviewItemCase) -> Bool { p.has(.council) && isAssigned(x) && !x.recused }

    static func loadItem(_ c: RequestContext) throws -> ReviewItemCase? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        guard let user = c.user else { return nil }
        return try c.services.database.read { db in try itemCase(db, itemID: id, userID: user.id) }
    }

    static func itemCase(_ db: Database, itemID: Int64, userID: Int64) throws -> ReviewItemCase? {
        guard let item = try ReviewStore.item(db, id: itemID), let round = try ReviewStore.round(db, id: item.roundID),
            let call = try CallStore.find(db, id: round.callID)
        else { return nil }
        let member = try CouncilStore.find(db, userID: userID)
        let review = try member.flatMap { try ReviewStore.review(db, itemID: item.id, memberID: $0.id) }
        let recused = try member.map { try ReviewStore.isRecused(db, itemID: item.id, memberID: $0.id) } ?? false
        return ReviewItemCase(item: item, round: round, call: call, member: member, review: review, recused: recused)
    }

    static func loadReview(_ db: Database, id: Int64, today: String) throws -> ReviewCase? {
        guard let review = try ReviewStore.findReview(db, id: id),
            let item = try ReviewStore.item(db, id: review.itemID),
            let round = try ReviewStore.round(db, id: item.roundID),
            let call = try CallStore.find(db, id: round.callID),
            let member = try CouncilStore.find(db, id: review.memberID)
        else { return nil }
        return ReviewCase(
            review: review, memberUserID: member.userID, memberInTerm: member.inTerm(today), round: round,
            criteria: call.criteria.count, recused: try ReviewStore.isRecused(db, itemID: item.id, memberID: member.id))
    }

    static func loadRound(_ c: RequestContext) throws -> ReviewRound? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        return try c.services.database.read { try ReviewStore.round($0, id: id) }
    }

    static let score = RecordRule.record("review.score", load: loadItem, allow: canScore)
    /// Declaring a conflict: any assigned member, recused already or not.
    static let assigned = RecordRule.record("review.assigned", load: loadItem) { p, x in
        p.has(.council) && isAssigned(x)
    }
    static let round = RecordRule.record("review.round", load: loadRound) { p, _ in p.isOffice }
}
