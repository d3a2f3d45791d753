import SQLite
import Templating

/// Money: whole yen, 0 … 1,000,000,000,000 (1兆円, far above any city budget). Every amount in
/// Kyodo is this one type, so no amount a form or the database holds can overflow: sums and rate
/// arithmetic are checked and answer nil past the bound instead of trapping. The schema enforces
/// the same range (migration 0014).
public struct Yen: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let max: Int64 = 1_000_000_000_000
    public static let zero = Yen(unchecked: 0)

    public let value: Int64

    /// nil outside 0 … `max`.
    public init?(_ value: Int64) {
        guard value >= 0, value <= Yen.max else { return nil }
        self.value = value
    }

    public init?(_ value: Int) { self.init(Int64(value)) }

    private init(unchecked value: Int64) { self.value = value }

    public var description: String { String(value) }
    /// For templates and CSV: `Int` is 64-bit on every platform Swift on Linux runs on.
    public var int: Int { Int(value) }

    public static func < (a: Yen, b: Yen) -> Bool { a.value < b.value }

    /// a + b, or nil past the bound.
    public func adding(_ other: Yen) -> Yen? { Yen(value + other.value) }

    /// a − b, or nil below zero.
    public func subtracting(_ other: Yen) -> Yen? { Yen(value - other.value) }

    /// a − b, or zero: what is left of a budget.
    public func remaining(after other: Yen) -> Yen { subtracting(other) ?? .zero }

    /// × numerator / denominator, rounded down to the yen (補助率). nil for a non-positive
    /// denominator or a negative numerator.
    public func times(_ numerator: Int, over denominator: Int) -> Yen? {
        guard denominator > 0, numerator >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: Int64(numerator))
        guard !overflow else { return nil }
        return Yen(product / Int64(denominator))
    }

    /// The sum, or nil when it passes the bound.
    public static func sum<S: Sequence>(_ amounts: S) -> Yen? where S.Element == Yen {
        var total = Yen.zero
        for a in amounts {
            guard let t = total.adding(a) else { return nil }
            total = t
        }
        return total
    }

    /// The sum for display, held at the bound: validation refuses stored totals past it, so this
    /// only matters for rows written before that rule.
    public static func total<S: Sequence>(_ amounts: S) -> Yen where S.Element == Yen {
        var total: Int64 = 0
        for a in amounts { total = Swift.min(total + a.value, Yen.max) }
        return Yen(unchecked: total)
    }

    public enum ParseError: Error, Equatable {
        /// Not a number (letters, a minus sign, a decimal fraction of a yen).
        case notANumber
        /// Above 1兆円.
        case tooLarge
    }

    /// What people type: ASCII or full-width digits, commas, a trailing 円, and 万 / 億 as units
    /// (「5万」, 「1.5万円」, 「３，０００」). Empty text is nil, not zero.
    public static func parse(_ text: String) -> Result<Yen, ParseError>? {
        var s = Normalize.digits(text).trimmingCharacters(in: .whitespaces)
        s = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
            .replacingOccurrences(of: "円", with: "").replacingOccurrences(of: "¥", with: "")
            .replacingOccurrences(of: "￥", with: "").trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { return nil }
        var unit: Int64 = 1
        if s.hasSuffix("万") { unit = 10_000; s.removeLast() } else if s.hasSuffix("億") { unit = 100_000_000; s.removeLast() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.notANumber) }
        // Anything longer than 13 digits is past 1兆 whatever it says; this also keeps Int64 safe.
        guard whole.count <= 13 else { return .failure(.tooLarge) }
        guard let w = Int64(whole) else { return .failure(.notANumber) }
        let (scaled, overflow) = w.multipliedReportingOverflow(by: unit)
        guard !overflow, scaled <= Yen.max else { return .failure(.tooLarge) }
        var amount = scaled
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 8, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let f = Int64(fraction) else { return .failure(.notANumber) }
            var scale: Int64 = 1
            for _ in 0..<fraction.count { scale *= 10 }
            // A fraction of a yen is not money.
            guard (f * unit) % scale == 0 else { return .failure(.notANumber) }
            amount += f * unit / scale
        }
        guard let yen = Yen(amount) else { return .failure(.tooLarge) }
        return .success(yen)
    }
}

/// For constants in code and tests (`let ceiling: Yen = 3_000_000`). A literal outside the range
/// is held at the nearest bound rather than trapping.
extension Yen: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self.init(unchecked: Swift.min(Swift.max(value, 0), Yen.max)) }
}

extension Yen: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .integer(value) }
    /// A stored amount outside the range reads as a decoding failure, never as a wrong number.
    public init?(sqlValue: SQLValue) {
        guard case .integer(let v) = sqlValue else { return nil }
        self.init(v)
    }
}

extension Field {
    /// An amount, read by templates as whole yen (`{{yen amount}}`); absent reads as nothing.
    static func yen(_ get: @escaping @Sendable (View) -> Yen?) -> Field { .int { get($0)?.int } }
}

extension AuditValue {
    public init(_ yen: Yen?) { self = yen.map { .int($0.value) } ?? .null }
}
