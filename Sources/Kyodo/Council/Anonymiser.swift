import Foundation

/// How published minutes name speakers: 会長, 副会長, 事務局, 担当課, the presenting organisation, and
/// 委員A, 委員B … for members — never a name. Letters are assigned in order of first statement and
/// kept once published, so a corrected re-publication names everyone as before.
enum Anonymiser {
    static let letters = (0..<26).compactMap { UnicodeScalar(65 + $0).map { String(Character($0)) } }

    /// The pseudonyms after publishing: those already assigned, then new speakers in order.
    static func pseudonyms(existing: [Int64: String], statements: [Minutes.Statement]) -> [Int64: String] {
        var result = existing
        var used = Set(existing.values)
        for s in statements {
            guard case .member(let id) = s.speaker, result[id] == nil else { continue }
            // More than 26 speaking members is beyond any council; they get two letters (AA…).
            let next =
                letters.first { !used.contains($0) } ?? (letters.first.map { $0 + $0 + String(used.count) } ?? "?")
            result[id] = next
            used.insert(next)
        }
        return result
    }

    /// The pseudonyms at publication: speakers in order, then attending members recused on an agenda item.
    static func pseudonyms(for x: MeetingCase) -> [Int64: String] {
        let spoken = pseudonyms(existing: x.minutes.pseudonyms, statements: x.minutes.statements)
        return pseudonyms(
            existing: spoken,
            statements: x.recusedAttendees.map { .init(agendaPosition: 0, speaker: .member($0), text: "") })
    }

    static func label(_ speaker: Minutes.Speaker, pseudonyms: [Int64: String], _ c: RequestContext) -> String {
        switch speaker {
        case .member(let id): c.t("minutes.member", [pseudonyms[id] ?? "?"])
        case .chair: c.t("minutes.speaker.chair")
        case .viceChair: c.t("minutes.speaker.vice_chair")
        case .office: c.t("minutes.speaker.office")
        case .department(let name): name.isEmpty ? c.t("minutes.speaker.department") : name
        case .organisation(let name): name.isEmpty ? c.t("minutes.speaker.organisation") : name
        }
    }

    /// The forms in which a member's name may appear in text: the full name with or without the
    /// space, the kana likewise, and the family name followed by an honorific (佐藤委員, 佐藤さん).
    static func forms(of m: CouncilMember) -> [String] {
        var forms: [String] = []
        for name in [m.name, m.nameKana] where !name.isEmpty {
            forms.append(name)
            let joined = name.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{3000}", with: "")
            if joined != name { forms.append(joined) }
            if let family = name.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).first.map(String.init),
                family != joined
            {
                forms += ["委員", "会長", "副会長", "さん", "先生", "氏"].map { family + $0 }
            }
        }
        return forms.sorted { $0.count > $1.count }
    }

    /// Every text the minutes publish: the statements, and each item's summary (as a pseudo-statement
    /// with id −position, so a finding can point at it).
    static func blocks(_ m: Minutes) -> [Minutes.Statement] {
        m.statements
            + m.summaries.sorted { $0.key < $1.key }.map {
                .init(id: Int64(-$0.key), agendaPosition: $0.key, speaker: .office, text: $0.value)
            }
    }

    /// Every statement whose text names a member, with the members it names.
    static func findings(
        _ statements: [Minutes.Statement], members: [CouncilMember]
    ) -> [(statement: Int64, members: [CouncilMember])] {
        statements.compactMap { s in
            let named = members.filter { m in forms(of: m).contains { s.text.contains($0) } }
            return named.isEmpty ? nil : (s.id, named)
        }
    }

    /// The text with every form of every member's name replaced by their pseudonym.
    static func replacingNames(
        _ text: String, members: [CouncilMember], pseudonyms: [Int64: String], _ c: RequestContext
    ) -> String {
        var out = text
        for m in members {
            let label = c.t("minutes.member", [pseudonyms[m.id] ?? "?"])
            for form in forms(of: m) { out = out.replacingOccurrences(of: form, with: label) }
        }
        return out
    }
}
