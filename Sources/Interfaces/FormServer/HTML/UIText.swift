import Expressions
import SurveyDefinition

/// The form's own words (not the survey's), in Swedish and English.
struct UIText: Sendable {
    let language: String

    /// Samla's languages for its own words; a survey language without them gets English.
    static let languages = ["sv", "en"]

    init(_ language: String) {
        self.language = language
    }

    private var sv: Bool { language == "sv" }

    /// How a stored decimal is shown in a field: `12,5` in Swedish (the form takes either).
    var decimalSeparator: String { sv ? "," : "." }
    var next: String { sv ? "Nästa" : "Next" }
    var back: String { sv ? "Tillbaka" : "Back" }
    var submit: String { sv ? "Skicka in" : "Submit" }
    var startSurvey: String { sv ? "Starta enkäten" : "Start the survey" }
    var required: String { sv ? "obligatorisk" : "required" }
    var choose: String { sv ? "Välj" : "Choose" }
    var yes: String { sv ? "Ja" : "Yes" }
    var no: String { sv ? "Nej" : "No" }
    var otherSpecify: String { sv ? "Annat, nämligen" : "Other, please specify" }
    var errorSummaryTitle: String { sv ? "Några svar behöver rättas" : "Some answers need correcting" }
    var stayedForBack: String {
        sv ? "Sidan visas igen eftersom ett svar på den inte kunde sparas. Rätta svaret eller töm fältet och välj Tillbaka igen."
            : "This page is shown again because an answer on it could not be saved. Correct the answer or empty the field, then choose Back again."
    }
    var errorPrefix: String { sv ? "Fel:" : "Error:" }
    var languageSwitch: String { sv ? "Språk" : "Language" }
    var progressLabel: String { sv ? "Hur långt du har kommit" : "Your progress" }
    var skipToContent: String { sv ? "Hoppa till innehållet" : "Skip to content" }
    /// A date field's hint: an example, not a format, since the browser's field shows its own
    /// (`mm/dd/yyyy` or `dd/mm/yyyy` in English); the ISO form is for a browser without one.
    var dateHint: String { sv ? "Till exempel den 14 mars 2025 (2025-03-14)." : "For example, 14 March 2025 (2025-03-14)." }
    var conditionalHint: String {
        sv ? "Svara bara om frågan gäller dig utifrån dina svar ovan." : "Answer only if it applies to you, given your answers above."
    }
    var resumeNote: String {
        sv ? "Dina svar sparas på varje sida. Du kan stänga sidan och fortsätta senare med samma länk."
            : "Your answers are saved on every page. You can close the page and continue later with the same link."
    }
    /// The start page's note: its own address would begin a new response, so the respondent keeps
    /// the address of the pages that follow.
    var startNote: String {
        sv ? "Dina svar sparas på varje sida. Spara adressen till sidan du kommer till (t.ex. som bokmärke) om du vill fortsätta senare."
            : "Your answers are saved on every page. To continue later, keep the address of the page you come to (as a bookmark, for example)."
    }

    /// The start page's note to a browser that began a response there and has not submitted it.
    var begunNote: String {
        sv ? "Du har redan börjat svara i den här webbläsaren. Knappen nedan börjar om med en tom enkät."
            : "You have already begun answering in this browser. The button below starts again with an empty survey."
    }
    var continueBegun: String { sv ? "Fortsätt där du slutade" : "Continue where you left off" }
    /// An anonymous round's form page: its address opens this response, and whoever it is sent to
    /// answers in it, so someone else is sent the start link (its text, then the link's).
    var shareNote: String {
        sv ? "Adressen till sidorna du svarar på är din egen: den som får den ser och kan ändra dina svar. Ska någon mer svara, skicka"
            : "The address of the pages you answer on is yours alone: anyone who gets it sees and can change your answers. If someone else is to answer, send them"
    }
    var startLinkName: String { sv ? "enkätens startlänk" : "the survey's start link" }
    /// An anonymous round's thank-you page, also what its address shows whoever it was sent to.
    var thanksShareNote: String {
        sv ? "Ska någon mer svara? Skicka enkätens startlänk, inte den här sidans adress, som bara visar att dina svar är inskickade."
            : "Is someone else to answer? Send them the survey's start link, not this page's address, which only shows that your answers are submitted."
    }
    var startLinkTitle: String { sv ? "Enkätens startlänk" : "The survey's start link" }

    func page(_ number: Int, of count: Int) -> String {
        sv ? "Sida \(number) av \(count)" : "Page \(number) of \(count)"
    }

    /// A question's unit beside its field: in Swedish from the common units (docs/survey-format.md),
    /// in English as written but for the few that read better spelt out.
    func unit(_ unit: String) -> String {
        UnitWords.shown(unit, language: sv ? "sv" : "en")
    }

    // Pages without a form.
    var thanksTitle: String { sv ? "Tack för dina svar" : "Thank you for your answers" }
    var thanksBody: String {
        sv ? "Dina svar är inskickade och sparade. Du kan stänga sidan nu."
            : "Your answers have been submitted and saved. You can close the page now."
    }
    var closedTitle: String { sv ? "Enkäten är stängd" : "The survey is closed" }
    var closedBody: String {
        sv ? "Den här enkäten tar inte emot svar längre. Svar som redan skickats in finns kvar."
            : "This survey no longer takes answers. Answers already submitted are kept."
    }
    var scheduledTitle: String { sv ? "Enkäten har inte öppnat än" : "The survey has not opened yet" }
    /// The day the survey opens, in words as running text writes a date (`1 oktober 2027`).
    func scheduledBody(_ opens: CalendarDate) -> String {
        let date = opens.inWords(language: sv ? "sv" : "en")
        return sv ? "Enkäten öppnar den \(date). Använd samma länk då." : "The survey opens on \(date). Please use the same link then."
    }
    var unknownLinkTitle: String { sv ? "Länken fungerar inte" : "This link does not work" }
    var unknownLinkBody: String {
        sv ? "Vi hittar ingen enkät för den här länken. Kontrollera att du har kopierat hela länken från inbjudan. "
            + "Fick du länken när du började svara på enkätens startsida, finns de svaren inte längre kvar: öppna startlänken igen för att börja om."
            : "We cannot find a survey for this link. Check that you copied the whole link from your invitation. "
            + "If you were given the link when you began on the survey's start page, the answers under it are no longer kept: open the start link again to begin anew."
    }
    var withdrawnTitle: String { sv ? "Du har dragit dig ur enkäten" : "You have withdrawn from this survey" }
    var withdrawnBody: String {
        sv ? "Du har tagit tillbaka ditt samtycke, och svar du gett med den här länken har tagits bort. Länken tar inte emot svar längre."
            : "You withdrew your consent, and any answers you gave through this link have been removed. This link no longer takes answers."
    }
    var invitationOnlyTitle: String { sv ? "Enkäten kräver en inbjudan" : "This survey is by invitation only" }
    var invitationOnlyBody: String {
        sv ? "Använd den personliga länken i din inbjudan för att svara på enkäten."
            : "To answer this survey, use the personal link in your invitation."
    }
    var notFoundTitle: String { sv ? "Sidan finns inte" : "Page not found" }
    var notFoundBody: String {
        sv ? "Sidan finns inte. Om du ska svara på en enkät, använd länken du har fått."
            : "There is no such page. If you are answering a survey, use the link you were sent."
    }
    var expiredTitle: String { sv ? "Sidan kunde inte tas emot" : "The form could not be accepted" }
    var expiredBody: String {
        sv ? "Sidan saknade sin säkerhetskod eller hade varit öppen för länge. Öppna din länk igen och fyll i sidan på nytt."
            : "The form was missing its security code or was out of date. Open your link again and fill in the page once more."
    }
    var tooLargeTitle: String { sv ? "Svaret är för stort" : "The answer is too large" }
    var tooLargeBody: String {
        sv ? "Det du skickade var större än vad servern tar emot, så sidan sparades inte. Korta ner långa texter och försök igen."
            : "What you sent is larger than the server accepts, so the page was not saved. Shorten long answers and try again."
    }
    var unavailableTitle: String { sv ? "Svaren kan inte sparas just nu" : "Answers cannot be saved just now" }
    var unavailableBody: String {
        sv ? "Enkäten kan inte spara svar för tillfället, så det du skickade nu sparades inte. Dina tidigare sparade svar finns kvar. Försök igen om några minuter."
            : "The survey cannot save answers at the moment, so what you sent now was not saved. Answers saved earlier are kept. Please try again in a few minutes."
    }
    var notSavedTitle: String { sv ? "Svaren på sidan sparades inte" : "The answers on this page were not saved" }
    var notSavedBody: String {
        sv ? "Enkäten kan inte spara svar för tillfället. Det du fyllde i finns kvar här: skicka sidan igen om några minuter. Dina tidigare sparade svar finns kvar."
            : "The survey cannot save answers at the moment. What you filled in is still here: send the page again in a few minutes. Answers saved earlier are kept."
    }
    var serverErrorTitle: String { sv ? "Något gick fel" : "Something went wrong" }
    var serverErrorBody: String {
        sv ? "Servern kunde inte hantera begäran. Dina tidigare sparade svar finns kvar. Försök igen om en stund."
            : "The server could not handle the request. Answers saved earlier are kept. Please try again in a while."
    }
    var badRequestTitle: String { sv ? "Begäran kunde inte läsas" : "The request could not be read" }
    var badRequestBody: String {
        sv ? "Det som skickades kunde inte läsas. Öppna din länk igen." : "What was sent could not be read. Please open your link again."
    }
    var continueLink: String { sv ? "Fortsätt med enkäten" : "Continue with the survey" }
}
