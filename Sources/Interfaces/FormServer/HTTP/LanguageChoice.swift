import Foundation

/// Which language to answer a request in when the response does not say: `?lang=`, then the
/// browser's `Accept-Language`, then the first of the offered languages.
enum LanguageChoice {
    static func choose(query: String?, acceptLanguage: String?, offered: [String]) -> String {
        if let query, offered.contains(query) { return query }
        if let header = acceptLanguage, let preferred = preferred(header, offered: offered) { return preferred }
        return offered.first ?? "sv"
    }

    /// How many of a header's languages are read: browsers send a handful, and an 80 KiB header of
    /// tens of thousands cost a request ten times a page's work.
    static let maximumItems = 16

    /// The offered language the header ranks highest (`sv-SE,sv;q=0.9,en;q=0.8`), matching on the
    /// primary subtag, among its first ``maximumItems``.
    static func preferred(_ header: String, offered: [String]) -> String? {
        var best: (language: String, quality: Double)?
        for (position, item) in header.split(separator: ",", maxSplits: maximumItems).prefix(maximumItems).enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard quality > 0, let match = offered.first(where: { $0 == tag || $0 == primary }) else { continue }
            // Earlier items win ties.
            let ranked = quality - Double(position) * 1e-6
            if best == nil || ranked > best!.quality { best = (match, ranked) }
        }
        return best?.language
    }
}
