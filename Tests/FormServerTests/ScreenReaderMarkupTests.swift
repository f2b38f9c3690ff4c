import Foundation
import Testing

/// What a screen reader reads of a form page's controls: each is labelled, what describes it is on
/// the page, and it is announced invalid only when the server refused its answer (Chromium announced
/// every required radio, list and date of a page just opened as invalid), in the page's language.
@Suite struct ScreenReaderMarkupTests {
    /// A control of the form: its tag and attributes (hidden inputs left out).
    struct Control {
        var tag: String
        var attributes: [String: String]
        var name: String { attributes["name"] ?? "" }
    }

    static func controls(in html: String) -> [Control] {
        matches(#"<(input|select|textarea) ([^>]*)>"#, in: html).compactMap { groups in
            let attributes = Dictionary(matches(#"([a-z-]+)(?:="([^"]*)")?"#, in: groups[1]).map { ($0[0], $0[1]) }) { first, _ in first }
            return attributes["type"] == "hidden" ? nil : Control(tag: groups[0], attributes: attributes)
        }
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { index in Range(match.range(at: index), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    /// The text of the element with `id` (its tags dropped, nested ones of its own tag counted), or
    /// nil if the page has no such element.
    static func text(ofID id: String, in html: String) -> String? {
        guard let open = matches(#"<(\w+)[^>]* id="\#(id)"[^>]*>"#, in: html).first,
              let start = html.range(of: #" id="\#(id)""#)?.upperBound,
              let contentStart = html[start...].range(of: ">")?.upperBound else { return nil }
        var depth = 1
        var index = contentStart
        while depth > 0, let tag = html[index...].range(of: #"</?\#(open[0]) ?[^>]*>"#, options: .regularExpression) {
            depth += html[tag].hasPrefix("</") ? -1 : 1
            index = depth == 0 ? tag.lowerBound : tag.upperBound
        }
        return html[contentStart..<index].replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    }

    /// Checks each control of `html`: a `<label for>` names it, every id of its `aria-describedby` is
    /// on the page, and it is invalid exactly when its variable is in `refused`. Returns the texts
    /// that describe each control, by variable name.
    @discardableResult
    static func expectAnnounced(_ html: String, refused: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation) -> [String: String] {
        let labelled = Set(matches(#"<label [^>]*for="([^"]*)""#, in: html).map { $0[0] })
        var described: [String: String] = [:]
        let controls = controls(in: html)
        #expect(!controls.isEmpty, sourceLocation: sourceLocation)
        for control in controls {
            let id = control.attributes["id"] ?? ""
            #expect(labelled.contains(id), "\(id) has no label", sourceLocation: sourceLocation)
            let invalid = refused.contains(control.name) ? "true" : "false"
            #expect(control.attributes["aria-invalid"] == invalid, "\(id): aria-invalid should be \(invalid)", sourceLocation: sourceLocation)
            let texts = (control.attributes["aria-describedby"] ?? "").split(separator: " ").map { describer in
                let text = Self.text(ofID: String(describer), in: html)
                #expect(text != nil, "\(id) is described by #\(describer), which is not on the page", sourceLocation: sourceLocation)
                return text ?? ""
            }
            described[control.name] = texts.joined(separator: " ")
        }
        return described
    }

    @Test func swedishControlsAreInvalidOnlyWhenRefusedAndDescribedByTheirMessage() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "sv"])
            Self.expectAnnounced(try await r.show().body)
            let refusedConsent = try await r.post([])
            #expect(refusedConsent.status == 422)
            #expect(Self.expectAnnounced(refusedConsent.body, refused: ["consent"])["consent"] == "Fel: Svara på frågan.")
            try await r.answer("Välkommen", [("consent", "yes")])

            Self.expectAnnounced(try await r.show().body)
            let refused = try await r.post([("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "11"), ("prio_imp", "4")])
            let described = Self.expectAnnounced(refused.body, refused: ["prio_fin"])
            #expect(described["prio_fin"] == "0 = inte alls viktig, 10 = avgörande. Fel: Ange ett heltal från 0 till 10.")
            #expect(described["registered"] == "Svara ja om organisationen har ett organisationsnummer.")
            try await r.answer("Om dig och organisationens prioriteringar",
                               [("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "4"), ("prio_imp", "9")])
            // Drop-down lists and check boxes, and a required radio group not yet answered.
            Self.expectAnnounced(try await r.show().body)
        }
    }

    @Test func englishDateMatrixAndUnitAreAnnouncedInOrder() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "samverkansforum.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "forum-open", headers: ["Accept-Language": "en"])
            let date = Self.expectAnnounced(try await r.show().body)["event_date"]
            #expect(date == "For example, 14 March 2025 (2025-03-14).")
            let refusedDate = try await r.post([("region", "north"), ("venue", "umea")])
            #expect(Self.expectAnnounced(refusedDate.body, refused: ["event_date"])["event_date"]
                == "For example, 14 March 2025 (2025-03-14). Error: Answer this question.")
            try await r.answer("About the forum", [("event_date", "2025-03-14"), ("region", "north"), ("venue", "umea")])
            try await r.answer("About you", [("org_type", "university")])

            // The unit, which stands after the field, is read first: it came after the message.
            Self.expectAnnounced(try await r.show().body)
            let refused = try await r.post([("views_relevant", "4"), ("views_sectors", "4"), ("views_ideas", "3")])
            let described = Self.expectAnnounced(refused.body, refused: ["views_recommend", "new_contacts"])
            #expect(described["new_contacts"] == "people Enter 0 if none. Error: Answer this question.")
            #expect(described["views_recommend"] == "Error: Answer this question.")
            #expect(described["views_ideas"] == "")
        }
    }
}
