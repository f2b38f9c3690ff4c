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
            Self.expectNothingShared(pages)
        }
    }

    /// The pages a respondent meets around the questions: the start page of a browser that has
    /// begun (its note and the link to continue), the thank-you page, and the page of a form
    /// whose security code is missing.
    @Test func nothingOnASwedishThankYouResumeOrRefusedPageIsLeftInEnglish() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let sv = try await Respondent.start(client, round: "esem-open", headers: Self.swedish)
            let en = try await Respondent.start(WebClient(port: client.port), round: "esem-open", headers: Self.english)
            var pages: [(path: String, sv: String, en: String)] = []
            pages.append(("the begun start page", try await client.get("/s/esem-open", headers: Self.swedish).body,
                          try await en.client.get("/s/esem-open", headers: Self.english).body))
            for r in [sv, en] { #expect(try await r.post([("consent", "no")]).status == 303) }
            pages.append(("the thank-you page", try await sv.show().body, try await en.show().body))
            let withoutCode = [("samla.page", "welcome"), ("samla.action", "next")]
            pages.append(("a form without its code", try await client.postForm(sv.path, withoutCode, headers: Self.swedish).body,
                          try await en.client.postForm(en.path, withoutCode, headers: Self.english).body))
            #expect(pages[0].sv.contains("Fortsätt där du slutade") && pages[1].sv.contains("Tack för dina svar")
                        && pages[2].sv.contains("Sidan kunde inte tas emot"), "\(pages.map(\.sv))")
            Self.expectNothingShared(pages)
        }
    }

    /// Each page in Swedish and in English has no word in common but names, numbers and the words
    /// both languages share: what is left is English on the Swedish page.
    static func expectNothingShared(_ pages: [(path: String, sv: String, en: String)], sourceLocation: SourceLocation = #_sourceLocation) {
        for (path, swedish, english) in pages {
            #expect(Page.language(swedish) == "sv" && Page.language(english) == "en", "\(path)", sourceLocation: sourceLocation)
            let left = AdminLanguageTests.words(swedish).intersection(AdminLanguageTests.words(english)).subtracting(Self.shared)
                .filter { !$0.contains(where: \.isNumber) }
            #expect(left.isEmpty, "\(path) says in English: \(left.sorted())", sourceLocation: sourceLocation)
        }
    }
}
