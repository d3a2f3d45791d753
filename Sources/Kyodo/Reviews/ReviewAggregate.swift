import Foundation

/// The council's scores of one item, combined: what the office sees once a round is closed and the
/// public sees with the results. Only submitted reviews of members not recused count. Each
/// scorer's weighted score is Σ wᵢ·sᵢ / Σ wᵢ (on the criteria's scale); the item's weighted mean
/// is the mean of those, its total the sum of every scorer's Σ wᵢ·sᵢ.
public struct ReviewAggregate: Sendable {
    public let itemID: Int64
    public let scorers: Int
    public let recusals: Int
    /// nil when nobody scored.
    public let weightedMean: Double?
    public let total: Int
    public let minimum: Double?
    public let maximum: Double?
    public let standardDeviation: Double?
    /// Mean score per criterion (by position), nil where nobody scored.
    public let criterionMeans: [Double?]
    /// 1 for the best; equal weighted means share a rank (1, 1, 3); nil when nobody scored.
    public var rank: Int?

    /// `weights` by criterion position (1-based index into the array + 1).
    public init(itemID: Int64, weights: [Int], reviews: [Review], recusals: Int) {
        self.itemID = itemID
        self.recusals = recusals
        let counted = reviews.filter { $0.status == .submitted }
        scorers = counted.count
        let weightSum = weights.reduce(0) { $0 + max(0, $1) }
        var perScorer: [Double] = []
        var total = 0
        for review in counted {
            var points = 0
            for (i, w) in weights.enumerated() {
                // Scores are bounded by the criterion's scale (1–10 or so) and weights by the call form: no overflow.
                if let s = review.scores.first(where: { $0.position == i + 1 }) { points += max(0, w) * s.score }
            }
            total += points
            if weightSum > 0 { perScorer.append(Double(points) / Double(weightSum)) }
        }
        self.total = total
        if perScorer.isEmpty {
            weightedMean = nil; minimum = nil; maximum = nil; standardDeviation = nil
        } else {
            let mean = perScorer.reduce(0, +) / Double(perScorer.count)
            weightedMean = mean
            minimum = perScorer.min()
            maximum = perScorer.max()
            standardDeviation = (perScorer.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(perScorer.count))
                .squareRoot()
        }
        criterionMeans = weights.indices.map { i in
            let scores = counted.compactMap { r in r.scores.first { $0.position == i + 1 }?.score }
            return scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
        }
        rank = nil
    }

    /// Ranks by weighted mean, best first; means equal to four decimals share a rank.
    public static func ranked(_ items: [ReviewAggregate]) -> [ReviewAggregate] {
        func key(_ a: ReviewAggregate) -> Int? { a.weightedMean.map { Int(($0 * 10_000).rounded()) } }
        var sorted = items.sorted { (key($0) ?? Int.min, -$0.itemID) > (key($1) ?? Int.min, -$1.itemID) }
        var previous: Int?
        var previousRank = 0
        for i in sorted.indices {
            guard let k = key(sorted[i]) else { continue }
            let rank = k == previous ? previousRank : i + 1
            sorted[i].rank = rank
            previous = k
            previousRank = rank
        }
        return sorted
    }

    /// Two decimals, as the tables show them.
    public static func format(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
}
