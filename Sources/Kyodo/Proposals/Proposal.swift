import Foundation

/// 協働事業提案: an organisation's proposal for a collaboration project, free (自由提案) or answering a
/// department's theme (テーマ型), made under a proposal call.
public struct Proposal: Sendable {
    /// 下書き → 提出 → 担当課協議 → 公開審査 → 採択/不採択 → 協定締結 → 実施中 → 実績報告 → 事後評価 → 完了;
    /// 差戻し before 担当課協議; 取下げ until decided.
    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case draft, submitted, returned, consultation, review, selected, rejected, agreement
        case inProgress = "in_progress"
        case reported, evaluation, completed, withdrawn
        public var messageKey: String { "proposal.status.\(rawValue)" }
        /// Selected and everything after it: the proposal's summary is public.
        public var isPublished: Bool {
            [.selected, .agreement, .inProgress, .reported, .evaluation, .completed].contains(self)
        }
    }

    /// 協働を進める9つの形 (seed 001).
    public enum Form: String, Sendable, CaseIterable {
        case information, planning, cosponsor, support, committee, commission, subsidy, property, cooperation
        public var messageKey: String { "proposal.form.\(rawValue)" }
    }

    /// 協働の領域 (seed 003): ② 団体主導・市協力, ③ 対等, ④ 市主導・団体協力.
    public enum Domain: String, Sendable, CaseIterable {
        case organisationLed = "organisation_led", equal, cityLed = "city_led"
        public var messageKey: String { "proposal.domain.\(rawValue)" }
    }

    public typealias BudgetLine = GrantApplication.BudgetLine

    public var id: Int64 = 0
    public var callID: Int64 = 0
    public var organisationID: Int64 = 0
    public var organisationName = ""
    public var themeID: Int64?
    public var status = Status.draft
    public var title = ""
    /// 地域課題.
    public var localIssue = ""
    public var purpose = ""
    public var content = ""
    public var expectedEffect = ""
    public var form: Form?
    public var domain: Domain?
    public var roleOrganisation = ""
    public var roleCity = ""
    /// YYYY-MM-DD.
    public var periodFrom: String?
    public var periodTo: String?
    /// What the organisation asks of the city.
    public var requestedAmount: Yen?
    public var budget: [BudgetLine] = []
    /// Partner departments (one or several), with their names.
    public var departments: [Department] = []
    /// The date partner departments' opinions are due (set when consultation starts).
    public var opinionDue: String?
    public var presentationAt: Date?
    public var presentationPlace = ""
    public var presentationOrder: Int?
    public var councilResult = ""
    public var conditions = ""
    public var revision = 0
    public var resubmitBy: String?
    public var submittedAt: Date?
    public var decidedAt: Date?

    public init() {}

    public var isEditable: Bool { status == .draft || status == .returned }
    public var departmentIDs: [Int64] { departments.map(\.id) }
    public var income: Yen { Yen.total(budget.filter { $0.direction == .income }.map(\.amount)) }
    public var expense: Yen { Yen.total(budget.filter { $0.direction == .expense }.map(\.amount)) }
}

/// A partner department's opinion in 担当課協議.
public struct ProposalOpinion: Sendable {
    public enum Verdict: String, Sendable, CaseIterable {
        /// 実施可能 / 修正があれば実施可能 / 実施困難.
        case feasible, conditional, infeasible
        public var messageKey: String { "opinion.verdict.\(rawValue)" }
    }

    public var departmentID: Int64
    public var departmentName: String
    public var verdict: Verdict
    public var reasons: String
    public var changes: String
    public var authorLabel: String
    public var recordedAt: Date
}

/// A proposal with the call it was made under and the departments' opinions: what the workflow
/// and the pages need.
public struct ProposalCase: Sendable {
    public var proposal: Proposal
    public var call: Call
    public var opinions: [ProposalOpinion] = []
    public var themeTitle: String?
    /// Council members' accounts that score it (not recused): they read it as review material.
    public var reviewers: Set<Int64> = []
}
