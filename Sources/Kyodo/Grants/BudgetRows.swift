import HTTP
import Templating

/// The 収入/支出 rows of the application form and the report form, as typed. Rows are read by
/// index until the first missing one and capped, so a post with thousands of rows costs one
/// linear pass and one clear message, not a worker held for seconds.
struct BudgetRows {
    typealias Direction = GrantApplication.BudgetLine.Direction
    /// Far more rows than any small grant's budget has; the form adds three blank rows per save.
    static let maxRows = 60
    static let blankRows = 3

    struct Row {
        var direction: Direction
        var category: String
        /// What the user typed, shown back unchanged when it is wrong.
        var amountText: String
        var eligible: Bool
        var note: String
    }

    var rows: [Row] = []
    var lines: [GrantApplication.BudgetLine] = []
    /// Field name → message key.
    var errors: [(field: String, key: String)] = []

    static func prefix(_ d: Direction) -> String { d == .income ? "inc" : "exp" }

    init(_ data: FormData) {
        for direction in [Direction.income, .expense] {
            let prefix = Self.prefix(direction)
            var i = 1, kept = 0
            while data["\(prefix)\(i)Category"] != nil || data["\(prefix)\(i)Amount"] != nil {
                defer { i += 1 }
                let category = String((data["\(prefix)\(i)Category"] ?? "").trimmingCharacters(in: .whitespaces).prefix(200))
                let text = String((data["\(prefix)\(i)Amount"] ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
                guard !category.isEmpty || !text.isEmpty else { continue }
                kept += 1
                guard kept <= Self.maxRows else {
                    errors.append(("\(prefix)\(Self.maxRows)Amount", "application.error.tooManyRows"))
                    break
                }
                let n = kept
                let row = Row(direction: direction, category: category, amountText: text,
                              eligible: direction == .income || data["\(prefix)\(i)Eligible"] == "1",
                              note: String((data["\(prefix)\(i)Note"] ?? "").prefix(500)))
                rows.append(row)
                if category.isEmpty { errors.append(("\(prefix)\(n)Category", "application.error.category")) }
                switch Yen.parse(text) {
                case .success(let amount)?:
                    lines.append(.init(direction: direction, category: category, amount: amount, eligible: row.eligible, note: row.note))
                case .failure(.tooLarge)?: errors.append(("\(prefix)\(n)Amount", "money.error.tooLarge"))
                case .failure(.notANumber)?, nil: errors.append(("\(prefix)\(n)Amount", "application.error.amount"))
                }
            }
            // Each line is bounded; their total must be too, or the checks after it would lie.
            if Yen.sum(lines.filter { $0.direction == direction }.map(\.amount)) == nil {
                errors.append(("\(prefix)1Amount", "money.error.totalTooLarge"))
            }
        }
    }

    init(_ lines: [GrantApplication.BudgetLine]) {
        self.lines = lines
        rows = lines.map { Row(direction: $0.direction, category: $0.category, amountText: $0.amount.description,
                               eligible: $0.eligible, note: $0.note) }
    }

    /// Rows for `budget-inputs.html`: those so far plus blank ones, each with its error.
    func view(_ direction: Direction, _ state: FormState) -> TemplateValue {
        let prefix = Self.prefix(direction)
        let existing = rows.filter { $0.direction == direction }
        let blanks = (0..<Self.blankRows).map { _ in Row(direction: direction, category: "", amountText: "", eligible: true, note: "") }
        return .list((existing + blanks).enumerated().map { i, row in
            let n = i + 1
            let categoryError = state.error(for: "\(prefix)\(n)Category"), amountError = state.error(for: "\(prefix)\(n)Amount")
            return ["name": .string("\(prefix)\(n)"), "number": .int(n), "category": .string(row.category),
                    "amount": .string(row.amountText), "eligible": .bool(row.eligible), "note": .string(row.note),
                    "categoryError": TemplateValue(categoryError), "amountError": TemplateValue(amountError)]
        })
    }
}
