import Foundation
import Testing
@testable import FormServer

/// A Swedish respondent reads Swedish on every page, as the admin pages are held to it
/// (``AdminLanguageTests``): what the same page says in the same words in English is only names,
/// numbers and the words both languages share.
@Suite struct RespondentLanguageTests {
    static let swedish = AdminLanguageTests.swedish
    static let english = AdminLanguageTests.english

    /// Words the ESEM definition and the pages write alike in both languages: names.
    static let shared: Set<String> = [
        "European", "Social", "Enterprise", "Monitor", "ESEM", "Euclid", "Network", "Mötesplats", "Innovation", "MSI",
        "Samla", "–", "=", "vd", "svb", "AB", "SDG", "SROI", "IRIS+", "ISIC", "Coompanion", "Almi",
        // Swedish words that English has too ("Skicka in"), and an answer typed as it was.
        "in", "organisation", "social", "tre",
    ]

    /// Each page type of the form: start page, a question page, the same page with its errors, the
    /// pages of a closed, not yet open, invitation-only or unknown round, and the 404 page.
    @Test func nothingOnASwedishRespondentPageIsLeftInEnglish() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            var pages: [(path: String, sv: String, en: String)] = []
            for path in ["/s/esem-open", "/s/esem-closed", "/s/esem-later", "/s/esem-invited", "/s/esem-nope", "/nowhere"] {
                pages.append((path, try await client.get(path, headers: Self.swedish).body, try await client.get(path, headers: Self.english).body))
            }
            let sv = try await Respondent.start(client, round: "esem-open", headers: Self.swedish)
            let en = try await Respondent.start(client, round: "esem-open", headers: Self.english)
            pages.append(("the first page", try await sv.show().body, try await en.show().body))
            pages.append(("its errors", try await sv.post([]).body, try await en.post([]).body))
            for reply in [try await sv.post([("consent", "yes")]), try await en.post([("consent", "yes")])] { #expect(reply.status == 303) }
            pages.append(("the second page", try await sv.show().body, try await en.show().body))
            pages.append(("its errors", try await sv.post([("prio_fin", "tre"), ("prio_imp", "11")]).body,
                          try await en.post([("prio_fin", "tre"), ("prio_imp", "11")]).body))
            for (path, swedish, english) in pages {
                #expect(Page.language(swedish) == "sv" && Page.language(english) == "en", "\(path)")
                let left = AdminLanguageTests.words(swedish).intersection(AdminLanguageTests.words(english)).subtracting(Self.shared)
                    .filter { !$0.contains(where: \.isNumber) }
                #expect(left.isEmpty, "\(path) says in English: \(left.sorted())")
            }
        }
    }
}
