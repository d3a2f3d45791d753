import Foundation
import Templating

/// An agreement as its pages show it: parties, numbered clauses, costs, reporting dates.
struct AgreementView: TemplateView {
    struct Clause: TemplateView {
        let number: Int
        let key: String
        let title: String
        let text: String
        static let fields = Fields<Clause>([
            "number": .int(\.number), "key": .text(\.key), "title": .text(\.title), "text": .text(\.text),
        ])
    }

    struct CostLine: TemplateView {
        let item: String
        let organisation: Yen
        let city: Yen
        let total: Yen
        static let fields = Fields<CostLine>([
            "item": .text(\.item), "organisation": .yen(\.organisation), "city": .yen(\.city),
            "total": .yen(\.total),
        ])
    }

    struct Report: TemplateView {
        let dueOn: String
        let what: String
        static let fields = Fields<Report>(["dueOn": .text(\.dueOn), "what": .text(\.what)])
    }

    let agreement: Agreement
    let status: String
    let clauses: [Clause]
    let sourceHref: String

    init(_ x: AgreementCase, _ c: RequestContext) {
        agreement = x.agreement
        status = c.t(x.agreement.status.messageKey)
        sourceHref = x.source.href
        // Only clauses with text are numbered, as on paper.
        clauses = Agreement.clauses.filter { !x.agreement[$0].isEmpty }.enumerated().map { i, key in
            .init(number: i + 1, key: key, title: c.t("agreement.clause.\(key)"), text: x.agreement[key])
        }
    }

    static let fields = Fields<AgreementView>([
        "id": .int { Int($0.agreement.id) }, "title": .text(\.agreement.title), "status": .text(\.status),
        "statusCode": .text(\.agreement.status.rawValue), "version": .int(\.agreement.version),
        "organisation": .text(\.agreement.organisationName),
        "organisationID": .int { Int($0.agreement.organisationID) },
        "department": .text(\.agreement.departmentName), "periodFrom": .text(\.agreement.periodFrom),
        "periodTo": .text(\.agreement.periodTo),
        "clauses": .list(\.clauses),
        "costs": .list {
            $0.agreement.costs.map {
                CostLine(
                    item: $0.item, organisation: $0.organisation, city: $0.city,
                    total: Yen.total([$0.organisation, $0.city]))
            }
        },
        "organisationTotal": .yen(\.agreement.organisationTotal), "cityTotal": .yen(\.agreement.cityTotal),
        "total": .yen(\.agreement.total),
        "reports": .list { $0.agreement.reportDates.map { Report(dueOn: $0.dueOn, what: $0.what) } },
        "orgConfirmedBy": .text(\.agreement.orgConfirmedBy), "orgConfirmedAt": .date(\.agreement.orgConfirmedAt),
        "cityConfirmedBy": .text(\.agreement.cityConfirmedBy), "cityConfirmedAt": .date(\.agreement.cityConfirmedAt),
        "voidedNote": .text(\.agreement.voidedNote), "concludedAt": .date(\.agreement.concludedAt),
        "sourceHref": .text(\.sourceHref),
        "editable": .bool(\.agreement.isEditable),
    ])
}

/// `agreements/show`: the agreement; for the parties, the checks, actions and history.
struct AgreementPage: PageView {
    static let templates = ["agreements/show"]
    var template: String { "agreements/show" }
    let agreement: AgreementView
    let party: Bool
    let canEdit: Bool
    let problems: [String]
    let actions: [ActionButton]
    let timeline: TemplateValue?
    static let fields = Fields<AgreementPage>([
        "agreement": .view(\.agreement), "party": .bool(\.party), "canEdit": .bool(\.canEdit),
        "problems": .texts(\.problems),
        "actions": .list(\.actions), "timeline": .value { $0.timeline ?? .null },
        "hasTimeline": .bool { $0.timeline != nil },
        // The evaluation page: for the parties once in force; for everyone once an evaluation is published (it says so itself).
        "evaluable": .bool {
            $0.party && [.inForce, .completed].contains($0.agreement.agreement.status) || $0.evaluationPublished
        },
    ])
    var evaluationPublished = false
}

/// `agreements/edit`: the city side edits the text; saving after a confirmation voids it.
struct AgreementEditPage: PageView {
    struct CostInput: TemplateView {
        let number: Int
        let item: String
        let organisation: String
        let city: String
        let itemError: String?
        let organisationError: String?
        let cityError: String?
        static let fields = Fields<CostInput>([
            "number": .int(\.number), "item": .text(\.item), "organisation": .text(\.organisation),
            "city": .text(\.city),
            "itemError": .text(\.itemError), "organisationError": .text(\.organisationError),
            "cityError": .text(\.cityError),
        ])
    }

    struct ReportInput: TemplateView {
        let number: Int
        let due: String
        let what: String
        let dueError: String?
        let whatError: String?
        static let fields = Fields<ReportInput>([
            "number": .int(\.number), "due": .text(\.due), "what": .text(\.what), "dueError": .text(\.dueError),
            "whatError": .text(\.whatError),
        ])
    }

    static let templates = ["agreements/edit"]
    var template: String { "agreements/edit" }
    let form: FormView
    let agreement: AgreementView
    let clauseKeys: [String]
    let costs: [CostInput]
    let reports: [ReportInput]
    let revision: Int
    let voidsConfirmations: Bool
    let expenseTotal: Yen
    static let fields = Fields<AgreementEditPage>(
        Fields.form(\.form) + [
            ("agreement", .view(\.agreement)), ("clauseKeys", .texts(\.clauseKeys)), ("costs", .list(\.costs)),
            ("reports", .list(\.reports)),
            ("revision", .int(\.revision)), ("voidsConfirmations", .bool(\.voidsConfirmations)),
            ("expenseTotal", .yen(\.expenseTotal)),
        ])
}

/// `agreements/print`: the A4 document.
struct AgreementPrintPage: PageView {
    static let templates = ["agreements/print"]
    var template: String { "agreements/print" }
    let agreement: AgreementView
    let printedAt: Date
    static let fields = Fields<AgreementPrintPage>(["agreement": .view(\.agreement), "printedAt": .date(\.printedAt)])
}

/// `agreements/versions`: two versions compared, changed clauses marked, yen columns side by side.
struct AgreementVersionsPage: PageView {
    struct Version: TemplateView {
        let number: Int
        let savedAt: Date
        let isFrom: Bool
        let isTo: Bool
        static let fields = Fields<Version>([
            "number": .int(\.number), "savedAt": .date(\.savedAt), "isFrom": .bool(\.isFrom), "isTo": .bool(\.isTo),
        ])
    }

    struct Row: TemplateView {
        let label: String
        let before: String
        let after: String
        let changed: Bool
        static let fields = Fields<Row>([
            "label": .text(\.label), "before": .text(\.before), "after": .text(\.after), "changed": .bool(\.changed),
        ])
    }

    struct CostRow: TemplateView {
        let item: String
        let organisationBefore: Yen?
        let organisationAfter: Yen?
        let cityBefore: Yen?
        let cityAfter: Yen?
        let changed: Bool
        static let fields = Fields<CostRow>([
            "item": .text(\.item), "organisationBefore": .yen(\.organisationBefore),
            "organisationAfter": .yen(\.organisationAfter),
            "cityBefore": .yen(\.cityBefore), "cityAfter": .yen(\.cityAfter), "changed": .bool(\.changed),
        ])
    }

    static let templates = ["agreements/versions"]
    var template: String { "agreements/versions" }
    let id: Int64
    let title: String
    let versions: [Version]
    let from: Int
    let to: Int
    let rows: [Row]
    let costs: [CostRow]
    static let fields = Fields<AgreementVersionsPage>([
        "id": .int { Int($0.id) }, "title": .text(\.title), "versions": .list(\.versions), "from": .int(\.from),
        "to": .int(\.to),
        "rows": .list(\.rows), "costs": .list(\.costs), "hasVersions": .bool { $0.versions.count > 1 },
        "changedCount": .int { $0.rows.filter(\.changed).count + $0.costs.filter(\.changed).count },
    ])
}

/// `agreements/preconfirm`: the two sides' 事前確認シート, the own side's form, and drafting.
struct PreConfirmationPage: PageView {
    struct Item: TemplateView {
        let key: String
        let label: String
        let organisation: String
        let city: String
        let differs: Bool
        static let fields = Fields<Item>([
            "key": .text(\.key), "label": .text(\.label), "organisation": .text(\.organisation), "city": .text(\.city),
            "differs": .bool(\.differs),
        ])
    }

    static let templates = ["agreements/preconfirm"]
    var template: String { "agreements/preconfirm" }
    let title: String
    let sourceHref: String
    let path: String
    let side: String?
    let ownSubmitted: Bool
    let organisationSubmitted: Bool
    let citySubmitted: Bool
    let items: [Item]
    let form: FormView
    let canDraft: Bool
    let sourceType: String
    let sourceID: Int64
    let agreementID: Int64?
    static let fields = Fields<PreConfirmationPage>(
        Fields.form(\.form) + [
            ("title", .text(\.title)), ("sourceHref", .text(\.sourceHref)), ("path", .text(\.path)),
            ("side", .text(\.side)),
            ("canFill", .bool { $0.side != nil && !$0.ownSubmitted }), ("ownSubmitted", .bool(\.ownSubmitted)),
            ("organisationSubmitted", .bool(\.organisationSubmitted)), ("citySubmitted", .bool(\.citySubmitted)),
            ("bothSubmitted", .bool { $0.organisationSubmitted && $0.citySubmitted }), ("items", .list(\.items)),
            ("canDraft", .bool(\.canDraft)), ("sourceType", .text(\.sourceType)),
            ("sourceID", .int { Int($0.sourceID) }),
            ("agreementID", .int { $0.agreementID.map(Int.init) }),
        ])
}

/// `agreements/index`: agreements in force, for everyone.
struct AgreementsPage: PageView {
    struct Row: TemplateView {
        let id: Int64
        let title: String
        let organisation: String
        let department: String?
        let periodFrom: String?
        let periodTo: String?
        let status: String
        static let fields = Fields<Row>([
            "id": .int { Int($0.id) }, "title": .text(\.title), "organisation": .text(\.organisation),
            "department": .text(\.department),
            "periodFrom": .text(\.periodFrom), "periodTo": .text(\.periodTo), "status": .text(\.status),
        ])
    }

    static let templates = ["agreements/index"]
    var template: String { "agreements/index" }
    let agreements: [Row]
    static let fields = Fields<AgreementsPage>(["agreements": .list(\.agreements)])
}
