import Foundation
import Templating

/// `evaluations/show`: a project's evaluation at one stage.
struct EvaluationPage: PageView {
    struct Compared: TemplateView {
        let label: String
        let organisationRating: Int?
        let organisationText: String
        let cityRating: Int?
        let cityText: String
        let differs: Bool
        let farApart: Bool
        static let fields = Fields<Compared>([
            "label": .text(\.label), "organisationRating": .int(\.organisationRating),
            "organisationText": .text(\.organisationText),
            "cityRating": .int(\.cityRating), "cityText": .text(\.cityText), "differs": .bool(\.differs),
            "farApart": .bool(\.farApart),
        ])
    }

    struct Input: TemplateView {
        let item: String
        let label: String
        let options: [FieldWidget.Option]
        let text: String
        let error: String?
        static let fields = Fields<Input>([
            "item": .text(\.item), "label": .text(\.label), "options": .list(\.options), "text": .text(\.text),
            "error": .text(\.error),
        ])
    }

    struct Check: TemplateView {
        let item: String
        let number: Int
        let label: String
        let options: [FieldWidget.Option]
        let answer: String
        let note: String
        static let fields = Fields<Check>([
            "item": .text(\.item), "number": .int(\.number), "label": .text(\.label), "options": .list(\.options),
            "answer": .text(\.answer),
            "note": .text(\.note),
        ])
    }

    struct Group: TemplateView {
        let name: String
        let score: Int
        let maximum: Int
        let checks: [Check]
        static let fields = Fields<Group>([
            "name": .text(\.name), "score": .int(\.score), "maximum": .int(\.maximum), "checks": .list(\.checks),
        ])
    }

    struct StageLink: TemplateView {
        let code: String
        let label: String
        let current: Bool
        static let fields = Fields<StageLink>([
            "code": .text(\.code), "label": .text(\.label), "current": .bool(\.current),
        ])
    }

    static let templates = ["evaluations/show"]
    var template: String { "evaluations/show" }
    let id: Int64
    let title: String
    let stage: String
    let stageCode: String
    let stages: [StageLink]
    let published: Bool
    let publishedAt: Date?
    let party: Bool
    let office: Bool
    let side: String?
    let organisationSubmitted: Bool
    let citySubmitted: Bool
    let canFill: Bool
    let inputs: [Input]
    let compared: [Compared]
    let remarks: String
    let groups: [Group]
    let canPublish: Bool
    let errors: [FormView.Problem]
    static let fields = Fields<EvaluationPage>([
        "id": .int { Int($0.id) }, "title": .text(\.title), "stage": .text(\.stage), "stageCode": .text(\.stageCode),
        "stages": .list(\.stages),
        "published": .bool(\.published), "publishedAt": .date(\.publishedAt), "party": .bool(\.party),
        "office": .bool(\.office),
        "side": .text(\.side), "organisationSubmitted": .bool(\.organisationSubmitted),
        "citySubmitted": .bool(\.citySubmitted),
        "canFill": .bool(\.canFill), "inputs": .list(\.inputs), "compared": .list(\.compared),
        "hasCompared": .bool { !$0.compared.isEmpty },
        "remarks": .text(\.remarks), "groups": .list(\.groups), "canPublish": .bool(\.canPublish),
        "errors": .list(\.errors),
        "hasErrors": .bool { !$0.errors.isEmpty },
    ])
}

/// Earlier projects' improvements and hand-over, as a panel on the forms that draft the next one.
struct HandoverView: TemplateView {
    let title: String
    let label: String
    let text: String

    static func list(_ items: [EvaluationStore.Handover], _ c: RequestContext) -> [HandoverView] {
        items.map { h in
            HandoverView(
                title: h.title, label: c.t("evaluation.item.\(h.item)") + "（" + c.t("preconfirm.side.\(h.side)") + "）",
                text: h.text)
        }
    }

    static let fields = Fields<HandoverView>(["title": .text(\.title), "label": .text(\.label), "text": .text(\.text)])
}
