import Estimators

extension ReportWords {
    /// Under an indicator's table, which published cells have no interval and why.
    func noIntervalNote(places: [String], reason: String) -> String {
        pick("Inget intervall för \(list(places)): \(reason).", "No interval for \(list(places)): \(reason).")
    }

    /// Why an estimate has no interval, in the report's language; nil for a tally, whose lack of an
    /// interval the methods section explains.
    func intervalNote(_ note: IntervalNote) -> String? {
        switch note {
        case .singleObservation:
            pick("bara ett svar, så ingen spridning kan skattas", "only one response, so no spread can be estimated")
        case .tooFewForLevel:
            pick("för få svar för ett fördelningsfritt intervall på den nivån", "too few responses for a distribution-free interval at that level")
        case .proportionAtBoundary:
            pick("andelen är 0 eller 1 (0 eller 100 %), där dess standardfel 0 inte säger något om osäkerheten",
                 "the proportion is 0 or 1 (0 or 100 %), where its standard error of 0 says nothing of its uncertainty")
        case .ratioAtZero:
            pick("ingen täljare är över 0, så kvoten är 0 och dess standardfel 0 säger inget om osäkerheten",
                 "no numerator is above 0, so the ratio is 0 and its standard error of 0 says nothing of its uncertainty")
        case .shareAtOne:
            pick("varje täljare är lika med sin nämnare, så andelen är 1 (100 %) och dess standardfel 0 säger inget om osäkerheten",
                 "every numerator equals its denominator, so the share is 1 (100 %) and its standard error of 0 says nothing of its uncertainty")
        case .noDegreesOfFreedom:
            pick("designen lämnar inga frihetsgrader för intervallet", "the design leaves no degrees of freedom for the interval")
        case .quantileBoundOutOfRange:
            pick("intervallet för fördelningsfunktionen går utanför 0–1, så en gräns för medianen saknas",
                 "the interval of the distribution function leaves 0–1, so a bound of the median is undefined")
        case .zeroVariance:
            pick("alla värden är lika i båda omgångarna", "all values are equal in both rounds")
        case .noStandardError:
            pick("en av de två skattningarna saknar standardfel", "one of the two estimates has no standard error")
        case .descriptiveTally:
            nil
        }
    }
}
