import Store
import Testing

/// A number typed with the separator that the page's language does not write decimals with, before
/// three digits (`1,000` in English, `1.000` in Swedish), may be a thousand: the form asks, over
/// HTTP, rather than store 1 (it stored 1.0 for an English respondent's "1,000" full-time posts).
@Suite struct TypedThousandsTests {
    /// Starts a response in `language` on the anonymous ESEM round and answers up to the staff page.
    private func onStaffPage(_ client: WebClient, language: String) async throws -> Respondent {
        let started = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": language])
        let r = Respondent(client: client, path: started.path)
        _ = try await r.post([("consent", "yes")])
        _ = try await r.post([("resp_role", "ceo"), ("registered", "no"), ("prio_fin", "4"), ("prio_imp", "9")])
        _ = try await r.post([("year_founded", "2012"), ("stage", "established"), ("region", "M"), ("sector", "Q"), ("sdg", "3")])
        _ = try await r.post([("target_any", "no")])
        return r
    }

    @Test func anEnglishThousandWithACommaIsAskedAboutNotStoredAsOne() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await onStaffPage(client, language: "en-GB,en;q=0.9")
            #expect(try Page.title(await r.show().body) == "Staff and leadership")
            let asked = try await r.post([("fte", "1,000"), ("volunteers", "2,500"), ("mgmt_n", "0")])
            #expect(asked.status == 422)
            #expect(Respondent.errors(asked.body) == [
                "q-fte How many full-time equivalent staff does your organisation have today? “1,000” could mean 1000 or 1.000: "
                    + "write 1000 or 1\u{00A0}000 for a number in thousands, or 1.000 with a decimal point.",
                "q-volunteers How many volunteers take part in your organisation's work regularly? “2,500” is not a whole number as written, "
                    + "with a comma: write 2500 or 2\u{00A0}500 for a number in thousands.",
            ])
            #expect(Page.inputValue("fte", in: asked.body) == "1,000", "shown again as typed")

            // "back" keeps the respondent on the page with the question, rather than saving 1.
            let back = try await r.post([("fte", "1,000"), ("volunteers", "12"), ("mgmt_n", "0")], action: "back")
            #expect(back.status == 422)
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers["fte"] == nil)

            // The number to type is kept on one line with a no-break space, which the form reads too
            // (copied from the message); a point before three digits is a decimal in English.
            #expect(asked.body.contains(">Error: </span>“1,000” could mean 1000 or 1.000: write 1000 or 1\u{00A0}000 for a number in thousands"))
            try await r.answer("Staff and leadership", [("fte", "1\u{00A0}000"), ("fte_women", "2.125"), ("volunteers", "2500"), ("mgmt_n", "0")])
            let answers = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers)
            #expect(answers["fte"] == .decimal(1000))
            #expect(answers["fte_women"] == .decimal(2.125))
            #expect(answers["volunteers"] == .integer(2500))
        }
    }

    @Test func aSwedishThousandWithAPointIsAskedAboutInTheLanguageItIsShownIn() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await onStaffPage(client, language: "sv-SE,sv;q=0.9")
            let asked = try await r.post([("fte", "1.000"), ("volunteers", "0,5"), ("mgmt_n", "0")])
            #expect(asked.status == 422)
            #expect(Respondent.errors(asked.body) == [
                "q-fte Hur många heltidstjänster har organisationen i dag? ”1.000” kan betyda både 1000 och 1,000: "
                    + "skriv 1000 eller 1\u{00A0}000 för ett tal i tusental, eller 1,000 med decimalkomma.",
                "q-volunteers Hur många volontärer eller ideellt engagerade deltar regelbundet i verksamheten? "
                    + "”0,5” är inte ett heltal: skriv det utan decimaler, t.ex. 12.",
            ])
            try await r.answer("Personal och ledning", [("fte", "2,125"), ("fte_women", "1"), ("volunteers", "3"), ("mgmt_n", "0")])
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers["fte"] == .decimal(2.125))

            // Switched to English, the question is asked in English terms: there "1.000" is a decimal, as the page now takes it.
            _ = try await r.post([], action: "back")
            let switched = try await r.post([("fte", "1.000"), ("volunteers", "3"), ("mgmt_n", "0")], action: "lang-en")
            #expect(switched.status == 422)
            #expect(Page.language(switched.body) == "en")
            #expect(Respondent.errors(switched.body) == [
                "q-fte How many full-time equivalent staff does your organisation have today? “1.000” could mean 1000 or 1.000: "
                    + "write 1000 or 1\u{00A0}000 for a number in thousands, or 1.000 with a decimal point.",
            ])
            try await r.answer("Staff and leadership", [("fte", "1.000"), ("volunteers", "3"), ("mgmt_n", "0")])
            #expect(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers["fte"] == .decimal(1))
        }
    }

    /// A number asked about is no number, as one the page cannot read: the questions whose
    /// conditions and constraints read it are not decided on 1. fte_women (`. <= ${fte}`) was refused
    /// for 500 as more than the 1 that "1,000" would have been, beside the question about "1,000".
    @Test func anAnswerCheckedAgainstANumberAskedAboutIsNotRefusedForIt() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let r = try await onStaffPage(client, language: "en-GB,en;q=0.9")
            let asked = try await r.post([("fte", "1,000"), ("fte_women", "500"), ("volunteers", "3"), ("mgmt_n", "0")])
            #expect(asked.status == 422)
            #expect(Respondent.errors(asked.body) == [
                "q-fte How many full-time equivalent staff does your organisation have today? “1,000” could mean 1000 or 1.000: "
                    + "write 1000 or 1\u{00A0}000 for a number in thousands, or 1.000 with a decimal point.",
            ])
            #expect(Page.inputValue("fte_women", in: asked.body) == "500", "kept as typed")
            try await r.answer("Staff and leadership", [("fte", "1000"), ("fte_women", "500"), ("volunteers", "3"), ("mgmt_n", "0")])
            let answers = try #require(try environment.store.linkTarget(tokenHash: InvitationToken.hash(r.token))?.response?.answers)
            #expect(answers["fte_women"] == .decimal(500))
        }
    }
}
