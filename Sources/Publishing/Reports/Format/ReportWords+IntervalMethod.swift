import Estimators

extension ReportWords {
    /// What a reader calls each interval method, in the report's language: the words a methods
    /// section leads with, before the identifier (``IntervalMethod/rawValue``) a statistician may
    /// look for. One name for every method a report can show.
    func methodName(_ method: IntervalMethod) -> String {
        switch method {
        case .wilson:
            pick("Wilsons intervall för en andel", "Wilson's interval for a proportion")
        case .studentT:
            pick("Medelvärde med intervall från t-fördelningen", "Mean with an interval from the t distribution")
        case .ratioStudentT:
            pick("Kvot med linjäriserat standardfel och t-fördelningen", "Ratio with a linearised standard error and the t distribution")
        case .ratioLogStudentT:
            pick("Kvot med t-fördelningen på logaritmisk skala", "Ratio with the t distribution on the log scale")
        case .ratioLogitStudentT:
            pick("Andel av en helhet med t-fördelningen på logitskalan", "Share of a whole with the t distribution on the logit scale")
        case .orderStatistics:
            pick("Fördelningsfritt intervall för medianen", "Distribution-free interval for the median")
        case .descriptive:
            pick("Räkning utan intervall", "Tally without an interval")
        case .taylorNormal:
            pick("Linjärisering (Taylor) med normalfördelning", "Linearisation (Taylor) with the normal distribution")
        case .taylorLogRatio:
            pick("Linjärisering (Taylor) med normalfördelning på logaritmisk skala", "Linearisation (Taylor) with the normal distribution on the log scale")
        case .taylorLogitRatio:
            pick("Linjärisering (Taylor) med normalfördelning på logitskalan", "Linearisation (Taylor) with the normal distribution on the logit scale")
        case .taylorLogit:
            pick("Linjärisering (Taylor) med t-fördelningen på logitskalan", "Linearisation (Taylor) with the t distribution on the logit scale")
        case .woodruff:
            pick("Woodruffs intervall för en viktad median", "Woodruff's interval for a weighted median")
        case .newcombeHybridScore:
            pick("Newcombes intervall för en förändring i en andel", "Newcombe's interval for a change in a proportion")
        case .welch:
            pick("Welchs t-intervall för en förändring i ett medelvärde", "Welch's t interval for a change in a mean")
        case .normalDifference:
            pick("Normalfördelning för en förändring", "Normal interval for a change")
        }
    }
}
