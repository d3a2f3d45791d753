import Foundation
import HTTP
import Templating

/// Template data for organisations. Private fields are left out entirely unless the viewer may
/// see them, so a template cannot show them by mistake.
struct OrganisationView {
    let c: RequestContext
    let fieldNames: [Int: String]
    let districtNames: [String: String]
    /// In the city's order, for selects.
    let districts: [(code: String, name: String)]

    init(_ c: RequestContext) throws {
        self.c = c
        let en = c.locale == "en"
        let (fields, districts) = try ReferenceLists.load(c.services)
        // Codes come from the database: a duplicate keeps the first name instead of trapping.
        fieldNames = Dictionary(fields.map { ($0.code, en ? $0.en : $0.ja) }, uniquingKeysWith: { first, _ in first })
        districtNames = Dictionary(districts.map { ($0.code, en ? $0.en : $0.ja) }, uniquingKeysWith: { first, _ in first })
        self.districts = districts.map { ($0.code, en ? $0.en : $0.ja) }
    }

    /// One card of the directory (its private fields were already left out by the query).
    func card(_ r: DirectoryQuery.Row, status: String) -> OrganisationCard {
        // The query returns at most 91 characters: 91 means there was more.
        let summary = r.summary.unicodeScalars.count > 90 ? String(r.summary.unicodeScalars.prefix(90)) + "…" : r.summary
        return OrganisationCard(id: r.id, name: r.name, kana: r.kana, kind: c.t(r.kind.messageKey),
                                district: r.district.flatMap { districtNames[$0] }, activityFields: r.fieldCodes.compactMap { fieldNames[$0] },
                                summary: summary, inactive: r.status == .inactive, status: status)
    }

    /// The profile; with `full`, private fields too (marked as such) for members and the office.
    func profile(_ org: Organisation, full: Bool) -> OrganisationProfile {
        var details: [OrganisationProfile.Detail] = []
        func add(_ field: String, _ value: String?) {
            guard let value, !value.isEmpty, full || org.isPublic(field) else { return }
            details.append(.init(label: c.t("organisation.field.\(field)"), value: value, isPrivate: !org.isPublic(field),
                                 isLink: field == "website"))
        }
        add("representative_name", org.representativeName)
        add("contact_name", org.contactName)
        add("email", org.email)
        add("phone", org.phone)
        // The postal code is part of the address (one public flag for both).
        add("address", org.postalCode.isEmpty ? org.address : "〒\(org.postalCode) \(org.address)")
        add("district", org.districtCode.flatMap { districtNames[$0] })
        // A stored date that is not YYYY-MM-DD is shown as stored rather than trapping on it.
        add("founded_on", org.foundedOn.map { day in DateInput.parse(day) == nil ? day : c.format("date", .string(day)) })
        add("member_count", org.memberCount.map { c.t("organisation.peopleCount", [NumberFormat.grouped($0)]) })
        add("annual_budget", org.annualBudget.map(NumberFormat.yen))
        add("website", org.website)
        return OrganisationProfile(
            id: org.id, name: org.name, kana: org.nameKana, kind: c.t(org.kind.messageKey), status: c.t(org.status.messageKey),
            statusCode: org.status.rawValue, returnReason: org.returnReason,
            activityFields: org.activityFields.compactMap { fieldNames[$0] }, details: details,
            summary: full || org.isPublic("summary") ? org.summary : "",
            trackRecord: full || org.isPublic("track_record") ? org.trackRecord : "",
            summaryPrivate: !org.isPublic("summary"), trackRecordPrivate: !org.isPublic("track_record"))
    }
}

/// The activity fields and districts change only with a migration, so they are read once per
/// database and kept; the directory reads them on every page otherwise.
enum ReferenceLists {
    typealias Lists = (fields: [(code: Int, ja: String, en: String)], districts: [(code: String, ja: String, en: String)])
    private static let cache = Protected<[String: Lists]>([:])

    static func load(_ services: AppServices) throws -> Lists {
        let key = services.config.databasePath
        if let lists = cache.read({ $0[key] }) { return lists }
        let lists = try services.database.read { db in (try OrganisationStore.activityFields(db), try OrganisationStore.districts(db)) }
        cache.withLock { $0[key] = lists }
        return lists
    }
}
