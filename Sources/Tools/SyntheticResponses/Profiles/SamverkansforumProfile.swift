import Expressions

/// The follow-up of MSI's Samverkansforum events (`surveys/samverkansforum.yaml`), sent a week
/// after each event: events of the autumn term at the six venues, mostly half or whole days,
/// participants from universities and municipalities most of all, a handful of new contacts each,
/// agreement skewed towards "mostly" and "fully".
extension SurveyProfile {
    public static let samverkansforum = SurveyProfile(
        surveyID: "samverkansforum",
        draws: [
            "event_date": .date(CalendarDate(year: 2025, month: 9, day: 2)!...CalendarDate(year: 2025, month: 12, day: 11)!),
            "region": .oneOf(ESEMDraws.w(["north": 0.18, "middle": 0.42, "south": 0.40])),
            "venue": .oneOf(ESEMDraws.w(["umea": 0.10, "lulea": 0.08, "orebro": 0.17, "stockholm": 0.25, "malmo": 0.25, "jonkoping": 0.15])),
            "org_type": .oneOf(ESEMDraws.w(["university": 0.30, "municipality": 0.30, "social_enterprise": 0.20, "civil_society": 0.17, "other": 0.03])),
            "org_type_other": .textOf(["Region", "Länsstyrelsen", "Bostadsbolag", "Studieförbund"],
                                      english: ["Region", "County administrative board", "Housing company", "Adult education association"]),
            "reasons": .someOf(ESEMDraws.w(["network": 0.65, "learn": 0.55, "funding": 0.20, "present": 0.25, "other": 0.04]), maximum: 3),
            "reasons_other": .textOf(["Min chef bad mig gå.", "Vi planerar ett eget forum."],
                                     english: ["My manager asked me to go.", "We are planning a forum of our own."]),
            "views_relevant": .oneOf(ESEMDraws.w(["1": 0.05, "2": 0.20, "3": 0.45, "4": 0.30])),
            "views_sectors": .oneOf(ESEMDraws.w(["1": 0.05, "2": 0.15, "3": 0.40, "4": 0.40])),
            "views_ideas": .oneOf(ESEMDraws.w(["1": 0.07, "2": 0.25, "3": 0.43, "4": 0.25])),
            "views_recommend": .oneOf(ESEMDraws.w(["1": 0.05, "2": 0.15, "3": 0.35, "4": 0.45])),
            "new_contacts": .integer(.classes([(0.15, 0...0), (0.45, 1...3), (0.30, 3...8), (0.10, 8...20)])),
            "hours": .decimal(.classes([(0.10, 1...2.5), (0.50, 2.5...4), (0.40, 5...8)]), digits: 1),
            "follow_up_plan": .sometimes(0.6, .textOf([
                "Vi ska söka medel tillsammans för ett pilotprojekt.", "Bjuda in kommunen till vårt nästa nätverksmöte.",
                "Ses igen och se om vi kan samarbeta kring praktikplatser.", "Dela material om metoden vi pratade om.",
                "Inget bestämt ännu.",
            ], english: [
                "We will apply for funding together for a pilot project.", "Invite the municipality to our next network meeting.",
                "Meet again and see whether we can work together on work placements.", "Share material on the method we talked about.",
                "Nothing decided yet.",
            ])),
            "newsletter": .oneOf(ESEMDraws.w(["yes": 0.45, "no": 0.55])),
            "email": .text(.email),
        ],
        skipOptional: 0.05,
        languages: [Weighted("sv", 0.92), Weighted("en", 0.08)]
    )
}
