import Foundation
@testable import FormServer
import Testing

/// An anonymous round's start link handed out on a slide and in a newsletter: the address of a
/// respondent's pages opens their own response wherever it is sent, so the pages offer the start
/// link to pass on, and a start link written in capitals (a QR code's) still starts.
@Suite struct PassedOnLinkTests {
    /// A colleague sent the address of someone's pages, in a browser without cookies, answers in
    /// that response: the pages say so and link to the start link, which begins a response of their own.
    @Test func theFormPagesOfAnAnonymousRoundOfferTheStartLinkToPassOn() async throws {
        let environment = try TestEnvironment()
        try environment.openRound("forum-open", survey: "msi-forum.yaml")
        try await environment.withServer { client in
            let r = try await Respondent.start(client, round: "forum-open")
            try await r.answer("Om träffen", [("node", "malmo"), ("event_type", "forum")])
            let shared = #"<p class="share-note">Adressen till sidorna du svarar på är din egen: den som får den ser och kan ändra dina svar. Ska någon mer svara, skicka <a href="/s/forum-open">enkätens startlänk</a>.</p>"#
            #expect(try await r.show().body.contains(shared))

            let colleague = Respondent(client: WebClient(port: client.port), path: r.path)
            let forwarded = try await colleague.show()
            #expect(forwarded.address == r.path + "/2", "the colleague stands where the respondent stands")
            #expect(forwarded.body.contains(shared))
            #expect(try await colleague.client.open(r.path + "?lang=en").body.contains(#"send them <a href="/s/forum-open">the survey&#39;s start link</a>."#))
            #expect(try await colleague.client.open(r.path + "/1").body.contains(#"value="malmo" checked"#), "and sees the answers")
            let own = try await Respondent.start(colleague.client, round: "forum-open")
            #expect(own.path != r.path)

            // A personal link has no start link to offer.
            let invited = try await client.open("/t/" + (try environment.invite(1)[0].text))
            #expect(invited.status == 200 && !invited.body.contains("share-note"))

            try await r.answer("Om dig", [("sector", "civil")])
            try await r.answer("Vad fick du ut av träffen?", [("usefulness", "4"), ("new_contacts_n", "0"), ("intent_act", "no")])
            try await r.answer("Uppföljning", [("follow_up_ok", "no")])
            #expect(try await colleague.show().body.contains(#"<p>Ska någon mer svara? Skicka enkätens startlänk, inte den här sidans adress, som bara visar att dina svar är inskickade.</p><p><a href="/s/forum-open">Enkätens startlänk</a></p>"#))
            let thanks = try await colleague.client.open(r.path + "?lang=en").body
            #expect(Page.title(thanks)?.hasPrefix("Thank you for your answers") == true)
            #expect(thanks.contains("<p>Is someone else to answer? Send them the survey&#39;s start link, not this page&#39;s address"))
            #expect(thanks.contains(#"<a href="/s/forum-open">The survey&#39;s start link</a>"#))
        }
    }

    /// A start link written in capitals, as a QR code's alphanumeric mode writes a whole address,
    /// is sent on to the start page with its query; it begins nothing.
    @Test func aStartLinkInCapitalsLeadsToTheStartPage() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for path in ["/S/ESEM-OPEN", "/s/Esem-Open", "/S/esem-open"] {
                let reply = try await client.get(path + "?utm_source=newsletter")
                #expect(reply.status == 303 && reply.location == "/s/esem-open?utm_source=newsletter", "\(path)")
            }
            let page = try await client.open("/S/ESEM-OPEN")
            #expect(page.status == 200 && page.address == "/s/esem-open")
            #expect(page.body.contains(#"<form method="post" action="/s/esem-open">"#))
            #expect(try await client.get("/S/NO-SUCH-ROUND").location == "/s/no-such-round")
            #expect(try await client.open("/S/NO-SUCH-ROUND").status == 404)
            #expect(try StartPageTests.started(environment) == 0)
        }
    }
}
