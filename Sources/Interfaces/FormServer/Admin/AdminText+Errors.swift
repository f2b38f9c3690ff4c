import Diagnostics

/// The words of the admin pages' error pages: what happened, and a link onwards.
extension AdminText {
    typealias ErrorPage = (title: String, body: String, link: (text: String, href: String))

    func errorPage(_ failure: WebFailure) -> ErrorPage {
        let rounds = (allRounds, "/admin")
        return switch failure {
        case .notFound: (pick("Sidan finns inte", "Page not found"),
                         pick("Det finns ingen sådan administrationssida, omgång, svar eller export.", "There is no such admin page, round, response or export."),
                         rounds)
        case .csrf: (pick("Formuläret var inaktuellt", "The form was out of date"),
                     pick("Formuläret saknade sin säkerhetskod eller var öppet för länge (ett inloggningsformulär gäller en timme), så ingenting gjordes. Logga in igen och gör om det du gjorde.",
                          "The form was missing its security code or was open too long (a sign-in form is good for an hour), so nothing was done. Sign in again and repeat what you did."),
                     (signIn, "/admin/login"))
        case .tooLarge: (pick("Begäran är för stor", "The request is too large"),
                         pick("Det som skickades är större än vad servern tar emot.", "What was sent is larger than the server accepts."), rounds)
        case .badRequest: (pick("Begäran kunde inte läsas", "The request could not be read"),
                           pick("Det som skickades kunde inte läsas.", "What was sent could not be read."), rounds)
        case .serverError: (pick("Något gick fel", "Something went wrong"),
                            pick("Servern kunde inte hantera begäran; detaljerna finns i serverns logg.", "The server could not handle the request; its log has the details."),
                            rounds)
        case .unavailable(let code): (pick("Databasen kan inte ta emot det här just nu", "The database cannot take this just now"),
                                      pick("Ingenting ändrades: databasen är upptagen, full eller skrivskyddad (\(code.id); serverns logg säger vilket). Försök igen om några minuter.",
                                           "Nothing was changed: the database is busy, full or read-only (\(code.id); the server's log names which). Try again in a few minutes."),
                                      rounds)
        }
    }

    /// 405 on the admin pages: the sign-out address and other addresses of a form's post opened as
    /// a link (`postOnly`), or a method the page does not take.
    func methodNotAllowed(path: String, method: String, allow: String?, postOnly: Bool) -> (title: String, body: String) {
        switch (postOnly, path) {
        case (true, "/admin/logout"):
            (pick("Logga ut med knappen", "Sign out with the button"),
             pick("Logga ut med knappen på administrationssidorna. Att öppna utloggningsadressen loggar inte ut dig.",
                  "Sign out with the button on the admin pages. Opening the sign-out address does not sign you out."))
        case (true, _):
            (pick("Den här sidan nås med sin knapp", "This page is reached by its button"),
             pick("Den här adressen tar emot ett formulärs knapp, inte en länk: använd knappen på administrationssidorna.",
                  "This address takes a form's button, not a link: use the button on the admin pages."))
        default:
            (pick("Den här begäran tas inte emot här", "This request is not taken here"),
             pick("Den här administrationssidan tar inte emot en \(method)-begäran" + (allow.map { "; den tar emot \($0)." } ?? "."),
                  "This admin page does not take a \(method) request" + (allow.map { "; it takes \($0)." } ?? ".")))
        }
    }
}
