/// Input normalisation for Japanese forms: full-width digits and hyphens become ASCII, and the
/// checks every form needs (kana, email, phone).
public enum Normalize {
    /// ０-９ → 0-9 and the many dash look-alikes → "-".
    public static func digits(_ text: String) -> String {
        String(text.unicodeScalars.map { s -> Character in
            switch s.value {
            case 0xFF10...0xFF19: return Character(Unicode.Scalar(UInt8(truncatingIfNeeded: s.value - 0xFF10 + 0x30)))
            case 0xFF0D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x30FC, 0xFF70: return "-"
            case 0xFF08: return "("
            case 0xFF09: return ")"
            case 0x3000: return " "
            default: return Character(s)
            }
        })
    }

    /// A reading as stored and sorted: katakana, half-width katakana (ｱｵﾊﾞ, with its voiced marks)
    /// and full-width letters become hiragana and ASCII (あおば), so 五十音順 is right whichever way
    /// it was typed; the ideographic space becomes an ASCII one; trimmed.
    public static func kana(_ text: String) -> String {
        // NFKC turns half-width katakana into full-width; NFC at the end joins a voiced mark left
        // separate (Foundation on Linux does not always compose ﾊﾞ into one character).
        let composed = text.precomposedStringWithCompatibilityMapping
        return String(String.UnicodeScalarView(composed.unicodeScalars.map { s -> Unicode.Scalar in
            // ァ (U+30A1) … ヶ (U+30F6) and ヽヾ map onto ぁ … ゖ and ゝゞ, 0x60 lower.
            if (0x30A1...0x30F6).contains(s.value) || s.value == 0x30FD || s.value == 0x30FE {
                return Unicode.Scalar(s.value - 0x60) ?? s
            }
            return s
        })).precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
    }

    /// ひらがな, カタカナ (also half-width), the long vowel mark, middle dots and spaces only.
    public static func isKana(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { s in
            switch s.value {
            case 0x3041...0x3096, 0x309D, 0x309E, 0x30A1...0x30FA, 0x30FC, 0x30FD, 0x30FE, 0x30FB, 0xFF66...0xFF9F, 0x20, 0x3000: true
            default: false
            }
        }
    }

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace) && text.count <= 254
    }

    /// A Japanese phone number with or without hyphens (03-1234-5678, 090 1234 5678,
    /// ０４５－１２３－４５６７): 10 or 11 digits starting with 0. Returns it with ASCII digits and
    /// the hyphens as typed (or none), nil if it is not one.
    public static func phone(_ text: String) -> String? {
        let ascii = digits(text).replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "(", with: "-")
            .replacingOccurrences(of: ")", with: "-")
        let collapsed = ascii.split(separator: "-").joined(separator: "-")
        guard !collapsed.isEmpty, collapsed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        let number = collapsed.filter(\.isNumber)
        guard number.first == "0", (10...11).contains(number.count) else { return nil }
        return collapsed
    }
}

import Foundation
