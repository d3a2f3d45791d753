import Foundation
import HTTP

/// Open data: the index of datasets, and the directory's records (public fields of listed
/// organisations only) that the `organisations` dataset publishes.
enum OpenDataRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/open-data", .anyone, showIndex)
    }

    /// Column titles (message keys) shared by the open-data CSV and the staff export.
    static let columnKeys = ["organisation.id", "organisation.name", "organisation.nameKana", "organisation.kind", "organisation.status",
                             "organisation.fields", "organisation.representative", "organisation.contact", "organisation.email", "organisation.phone",
                             "organisation.address", "organisation.district", "organisation.founded", "organisation.members", "organisation.budget",
                             "organisation.summary", "organisation.trackRecord", "organisation.website"]

    static func showIndex(_ c: RequestContext) throws -> Response {
        try c.render(OpenDataPage(datasets: Datasets.all.map { .init(name: $0.name, title: c.t($0.titleKey)) }, licence: c.services.config.openDataLicence ?? c.t("openData.licence")))
    }

    /// One organisation as published: a private field is absent, not blank-but-present.
    struct Record: Encodable {
        let id: Int64
        let name: String
        let nameKana: String
        let kind: String
        let status: String
        let activityFields: [String]
        var representativeName, contactName, email, phone, address, district, foundedOn, summary, trackRecord, website: String?
        var memberCount, annualBudget: Int?
    }

    static func records(_ c: RequestContext) throws -> [Record] {
        var filter = DirectoryQuery.Filter()
        filter.includeInactive = true
        let view = try OrganisationView(c)
        let entries = try c.services.database.read { try DirectoryQuery.page($0, filter, limit: 1_000_000, offset: 0) }
        return entries.map { e in
            let o = e.organisation
            func pub(_ field: String, _ value: String?) -> String? { o.isPublic(field) ? value.flatMap { $0.isEmpty ? nil : $0 } : nil }
            var r = Record(id: o.id, name: o.name, nameKana: o.nameKana, kind: c.t(o.kind.messageKey), status: c.t(o.status.messageKey),
                           activityFields: o.activityFields.compactMap { view.fieldNames[$0] })
            r.representativeName = pub("representative_name", o.representativeName)
            r.contactName = pub("contact_name", o.contactName)
            r.email = pub("email", o.email)
            r.phone = pub("phone", o.phone)
            r.address = pub("address", o.address)
            r.district = pub("district", o.districtCode.flatMap { view.districtNames[$0] })
            r.foundedOn = pub("founded_on", o.foundedOn)
            r.summary = pub("summary", o.summary)
            r.trackRecord = pub("track_record", o.trackRecord)
            r.website = pub("website", o.website)
            r.memberCount = o.isPublic("member_count") ? o.memberCount : nil
            r.annualBudget = o.isPublic("annual_budget") ? o.annualBudget : nil
            return r
        }
    }
}
