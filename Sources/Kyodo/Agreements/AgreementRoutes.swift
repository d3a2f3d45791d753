import Foundation
import HTTP
import SQLite
import Templating

/// Agreements: the office drafts one from a selected proposal or an approved grant once both
/// pre-confirmation sheets are in; the city side edits it; the organisation, then the city,
/// confirm; the office concludes it. Edits after a confirmation void it; after 締結 they are an
/// amendment. Every version is kept and can be compared; the A4 print is the paper document.
enum AgreementRoutes {
    static func register(in routes: inout RouteTable) {
        routes.post("/agreements", .roles([.staff, .admin]), create)
        routes.get("/agreements", .anyone, listPublic)
        routes.get("/agreements/:id", .publicRecord(AgreementPolicy.view), show)
        routes.get("/agreements/:id/edit", .record(AgreementPolicy.city), editForm)
        routes.post("/agreements/:id/edit", .record(AgreementPolicy.city), save)
        routes.post("/agreements/:id/transitions/:action", .record(AgreementPolicy.party), transition)
        routes.get("/agreements/:id/print", .publicRecord(AgreementPolicy.view), print)
        routes.get("/agreements/:id/versions", .record(AgreementPolicy.party), versions)
    }

    static func create(_ c: RequestContext) throws -> Response {
        let form = try c.request.form()
        guard let type = form["sourceType"], type == "proposal" || type == "application",
            let id = form["sourceID"].flatMap({ Int64($0) })
        else {
            throw HTTPError(.badRequest)
        }
        let agreementID = try c.services.database.write { db -> Int64 in
            guard let source = try AgreementSource.load(db, type: type, id: id), source.ready else {
                throw HTTPError(.notFound)
            }
            if let existing = try AgreementStore.existing(db, sourceType: type, sourceID: id) { return existing }
            let sheets = try AgreementStore.sheets(db, sourceType: type, sourceID: id)
            guard sheets.filter(\.submitted).count == 2 else {
                throw HTTPError(.conflict, message: c.t("agreement.error.sheetsMissing"))
            }
            var a = Agreement()
            a.sourceType = type; a.sourceID = id; a.organisationID = source.organisationID;
            a.departmentID = source.departments.first?.id
            a.title = source.title; a.periodFrom = source.periodFrom; a.periodTo = source.periodTo
            a.text = [
                "purpose": source.purpose, "content": source.content, "role_organisation": source.roleOrganisation,
                "role_department": source.roleCity,
            ]
            // The planned expenses, borne by the organisation until the parties agree the city's share.
            a.costs = source.expenses.map { .init(item: $0.category, organisation: $0.amount, city: .zero) }
            let aid = try AgreementStore.insert(db, a, now: c.now)
            try Audit.record(
                db, c.actor, action: "agreement.create", recordType: "agreement", recordID: aid,
                after: AgreementStore.auditFields(a),
                now: c.now)
            return aid
        }
        return c.redirect(to: "/agreements/\(agreementID)", flash: "agreement.flash.created")
    }

    static func listPublic(_ c: RequestContext) throws -> Response {
        let rows = try c.services.database.read { try AgreementStore.published($0) }
        return try c.render(
            AgreementsPage(
                agreements: rows.map {
                    .init(
                        id: $0.id, title: $0.title, organisation: $0.organisationName, department: $0.departmentName,
                        periodFrom: $0.periodFrom,
                        periodTo: $0.periodTo, status: c.t($0.status.messageKey))
                }))
    }

    static func show(_ c: RequestContext) throws -> Response { try page(c, try c.record(AgreementCase.self)) }

    static func page(
        _ c: RequestContext, _ x: AgreementCase, refused: RefusedStep? = nil, status: HTTPStatus = .ok
    ) throws -> Response {
        let party = AgreementPolicy.isParty(c.principal, x.source)
        let (events, evaluated) = try c.services.database.read { db in
            (
                party ? try WorkflowStore.timeline(db, recordType: "agreement", recordID: x.agreement.id) : [],
                try EvaluationStore.isPublished(db, agreementID: x.agreement.id)
            )
        }
        var page = AgreementPage(
            agreement: AgreementView(x, c), party: party, canEdit: AgreementPolicy.canEdit(c.principal, x),
            problems: party && [.draft, .negotiating, .orgConfirmed].contains(x.agreement.status)
                ? AgreementWorkflow.problems(x).map { c.t($0) } : [],
            actions: party
                ? AgreementWorkflow.workflow.buttons(for: c.principal, on: x).map {
                    ActionButton(action: $0.action.rawValue, label: c.t($0.labelKey), comment: $0.commentRequired)
                }.marking(refused) : [],
            timeline: party ? .some(TimelinePanel.data(events, c)) : .none)
        page.evaluationPublished = evaluated
        return try c.render(page, status: status)
    }

    static func editable(_ c: RequestContext) throws -> AgreementCase {
        let x = try c.record(AgreementCase.self)
        guard x.agreement.isEditable else { throw HTTPError(.conflict, message: c.t("agreement.error.notEditable")) }
        return x
    }

    static func formPage(
        _ c: RequestContext, _ x: AgreementCase, _ form: AgreementForm, status: HTTPStatus = .ok
    ) throws -> Response {
        try c.render(
            AgreementEditPage(
                form: c.formView(form.state, AgreementForm.fields(c, source: x.source)), agreement: AgreementView(x, c),
                clauseKeys: Agreement.clauses, costs: form.costView(), reports: form.reportView(),
                revision: form.revision ?? x.agreement.revision,
                voidsConfirmations: [.orgConfirmed, .cityConfirmed, .inForce].contains(x.agreement.status),
                expenseTotal: x.source.expenseTotal),
            status: status)
    }

    static func editForm(_ c: RequestContext) throws -> Response {
        let x = try editable(c)
        return try formPage(c, x, AgreementForm(x.agreement))
    }

    static func save(_ c: RequestContext) throws -> Response {
        let x = try editable(c)
        var form = AgreementForm(try c.request.form())
        guard var updated = form.validate(into: x.agreement, source: x.source, c) else {
            return try formPage(c, x, form, status: .unprocessableContent)
        }
        if let revision = form.revision { updated.revision = revision }
        let saved = try c.services.database.write { db -> Bool in
            guard let current = try AgreementStore.find(db, id: updated.id), current.isEditable else {
                throw HTTPError(.conflict, message: c.t("agreement.error.notEditable"))
            }
            guard current.revision == updated.revision else { return false }
            // Nothing changed: nothing to void, no new version.
            if current.snapshot == updated.snapshot && current.departmentID == updated.departmentID { return true }
            if [.orgConfirmed, .cityConfirmed, .inForce].contains(current.status) {
                // A change after a confirmation voids it; after 締結 it is an amendment. Either way: 協議中, a new version.
                try AgreementWorkflow.workflow.take(
                    .revise, id: current.id, by: c.principal, actor: c.actor,
                    comment: c.t(current.status == .inForce ? "agreement.amendment" : "agreement.voided"),
                    entry: .form, in: db, now: c.now)
                try AgreementStore.setVoidedNote(
                    db, id: current.id, c.t(current.status == .inForce ? "agreement.amendment" : "agreement.voided"))
            }
            // In 起案 the text is version 1 and changes in place; from 協議中 on, every change is a new version.
            if current.status != .draft { updated.version = current.version + 1 }
            guard try AgreementStore.update(db, updated, now: c.now) else { return false }
            if current.status != .draft {
                try AgreementStore.saveVersion(
                    db, id: current.id, version: updated.version, updated.snapshot, now: c.now)
            }
            try Audit.record(
                db, c.actor, action: "agreement.update", recordType: "agreement", recordID: current.id,
                before: AgreementStore.auditFields(current), after: AgreementStore.auditFields(updated), now: c.now)
            return true
        }
        guard saved else {
            form.state.add("title", c.t("application.error.staleEdit"))
            let fresh = try AgreementPolicy.loadAgreement(c) ?? x
            form.revision = fresh.agreement.revision
            return try formPage(c, fresh, form, status: .conflict)
        }
        return c.redirect(to: "/agreements/\(updated.id)", flash: "agreement.flash.saved")
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let x = try c.record(AgreementCase.self)
        let action = try AgreementWorkflow.workflow.action(c)
        let comment = FormState(try c.request.form(), fields: ["comment"])["comment"]
        do {
            try AgreementWorkflow.workflow.take(action, id: x.agreement.id, comment: comment, c) { db, fresh, t in
                switch t.action {
                // Version 1 is the text as negotiation starts.
                case .negotiate:
                    try AgreementStore.saveVersion(
                        db, id: fresh.agreement.id, version: fresh.agreement.version, fresh.agreement.snapshot,
                        now: c.now)
                case .confirmOrganisation:
                    try AgreementStore.stampConfirmation(
                        db, id: fresh.agreement.id, side: .organisation, by: c.actor.label, now: c.now)
                case .confirmCity:
                    try AgreementStore.stampConfirmation(
                        db, id: fresh.agreement.id, side: .city, by: c.actor.label, now: c.now)
                case .conclude:
                    try AgreementStore.setVoidedNote(db, id: fresh.agreement.id, "")
                    // The project follows its agreement: a selected proposal moves on to 協定締結 in the same transaction.
                    if fresh.source.type == "proposal", try ProposalStore.status(db, id: fresh.source.id) == .selected {
                        try ProposalWorkflow.workflow.take(
                            .conclude, id: fresh.source.id, by: c.principal, actor: c.actor, entry: .button, in: db,
                            now: c.now)
                    }
                default: break
                }
            }
        } catch {
            // Something to fix first (costs that do not add up, a missing confirmation): back to the agreement.
            guard let message = fixableRefusal(error) else { throw error }
            return try page(c, x, refused: RefusedStep(action: action.rawValue, message: message, comment: comment),
                            status: .unprocessableContent)
        }
        return c.redirect(to: "/agreements/\(x.agreement.id)", flash: "agreement.flash.moved")
    }

    static func print(_ c: RequestContext) throws -> Response {
        let x = try c.record(AgreementCase.self)
        return try c.render(AgreementPrintPage(agreement: AgreementView(x, c), printedAt: c.now))
    }

    static func versions(_ c: RequestContext) throws -> Response {
        let x = try c.record(AgreementCase.self)
        let all = try c.services.database.read { try AgreementStore.versions($0, id: x.agreement.id) }
        let latest = all.last?.version ?? 1
        let to =
            c.request.query["to"].flatMap(Int.init).flatMap { v in all.contains { $0.version == v } ? v : nil }
            ?? latest
        let from =
            c.request.query["from"].flatMap(Int.init).flatMap { v in all.contains { $0.version == v } ? v : nil }
            ?? max(1, to - 1)
        let a = all.first { $0.version == from }?.snapshot, b = all.first { $0.version == to }?.snapshot
        var rows: [AgreementVersionsPage.Row] = []
        func row(_ label: String, _ before: String, _ after: String) {
            rows.append(.init(label: label, before: before, after: after, changed: before != after))
        }
        row(c.t("agreement.title"), a?.title ?? "", b?.title ?? "")
        row(
            c.t("agreement.period"), "\(a?.periodFrom ?? "")〜\(a?.periodTo ?? "")",
            "\(b?.periodFrom ?? "")〜\(b?.periodTo ?? "")")
        for clause in Agreement.clauses {
            row(c.t("agreement.clause.\(clause)"), a?.text[clause] ?? "", b?.text[clause] ?? "")
        }
        row(
            c.t("agreement.reports"), (a?.reportDates ?? []).map { "\($0.dueOn) \($0.what)" }.joined(separator: "\n"),
            (b?.reportDates ?? []).map { "\($0.dueOn) \($0.what)" }.joined(separator: "\n"))
        // Costs compared by item name, in the newer version's order, then items only the older one had.
        let before = a?.costs ?? [], after = b?.costs ?? []
        var costs = after.map { new -> AgreementVersionsPage.CostRow in
            let old = before.first { $0.item == new.item }
            return .init(
                item: new.item, organisationBefore: old?.organisation, organisationAfter: new.organisation,
                cityBefore: old?.city,
                cityAfter: new.city, changed: old != new)
        }
        costs += before.filter { old in !after.contains { $0.item == old.item } }.map {
            .init(
                item: $0.item, organisationBefore: $0.organisation, organisationAfter: nil, cityBefore: $0.city,
                cityAfter: nil, changed: true)
        }
        return try c.render(
            AgreementVersionsPage(
                id: x.agreement.id, title: x.agreement.title,
                versions: all.map {
                    .init(number: $0.version, savedAt: $0.savedAt, isFrom: $0.version == from, isTo: $0.version == to)
                },
                from: from, to: to, rows: rows, costs: costs))
    }
}
