import Expressions

/// Feedback from MSI meeting places (`surveys/msi-forum.yaml`): forums most common, coalition
/// meetings spread over the four steps, participants mostly from the public sector and civil
/// society, usefulness skewed high, about half meeting someone new from another sector; the form
/// answered on the meeting's day or within weeks of it.
extension SurveyProfile {
    public static let msiForum = SurveyProfile(
        surveyID: "msi-forum",
        draws: [
            "node": .oneOf(ESEMDraws.w(["malmo": 0.30, "umea": 0.15, "orebro": 0.15, "jonkoping": 0.15, "boras": 0.13, "lulea": 0.12])),
            "event_type": .oneOf(ESEMDraws.w(["forum": 0.45, "coalition": 0.20, "network": 0.25, "competence_centre": 0.10])),
            "coalition_meeting": .oneOf(ESEMDraws.w(["1": 0.30, "2": 0.27, "3": 0.23, "4": 0.20])),
            // Most answer on the day, from the link shown at the meeting's end; some within weeks.
            "event_date": .daysBefore(.classes([(0.45, 0...0.99), (0.40, 1...7.99), (0.15, 8...30.99)]),
                                      within: CalendarDate(year: 2025, month: 1, day: 13)!...CalendarDate(year: 2025, month: 12, day: 12)!),
            "event_format": .oneOf(ESEMDraws.w(["on_site": 0.70, "online": 0.30])),
            "sector": .oneOf(ESEMDraws.w(["public": 0.38, "civil": 0.30, "private": 0.15, "academia": 0.14, "other": 0.03])),
            "gender": .oneOf(ESEMDraws.w(["woman": 0.64, "man": 0.31, "non_binary": 0.02, "no_answer": 0.03])),
            "first_time": .oneOf(ESEMDraws.w(["yes": 0.40, "no": 0.60])),
            "usefulness": .oneOf(ESEMDraws.w(["1": 0.03, "2": 0.07, "3": 0.22, "4": 0.40, "5": 0.28])),
            "new_contacts_n": .integer(.classes([(0.30, 0...0), (0.45, 1...3), (0.20, 3...8), (0.05, 8...25)])),
            "new_contacts_sectors": .someOf(ESEMDraws.w(["public": 0.55, "civil": 0.45, "private": 0.30, "academia": 0.25])),
            "intent_act": .oneOf(ESEMDraws.w(["yes": 0.35, "maybe": 0.45, "no": 0.20])),
            "intent_what": .sometimes(0.7, .textOf([
                "Bjuda in kommunen till nästa träff.", "Starta ett gemensamt projekt med föreningen vi träffade.",
                "Söka finansiering tillsammans.", "Testa metoden i vår egen verksamhet.",
            ], english: [
                "Invite the municipality to the next meeting.", "Start a joint project with the association we met.",
                "Apply for funding together.", "Try the method in our own organisation.",
            ])),
            "used_research": .oneOf(ESEMDraws.w(["yes": 0.30, "no": 0.45, "dont_know": 0.25])),
            "improve": .sometimes(0.2, .textOf(["Mer tid för samtal i mindre grupper.", "Bra som det är!", "Fler deltagare från näringslivet."],
                                              english: ["More time for talks in smaller groups.", "Good as it is!", "More participants from business."])),
            "follow_up_ok": .oneOf(ESEMDraws.w(["yes": 0.55, "no": 0.45])),
            "email": .text(.email),
        ],
        skipOptional: 0.05
    )
}
