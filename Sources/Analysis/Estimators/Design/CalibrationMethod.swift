import Foundation

/// The distance calibration minimises, R's `calfun`: how an observation's ratio g = w_cal / w
/// follows from u = xᵀλ, its calibration variables times the solution λ.
public enum CalibrationDistance: String, Sendable, Hashable, CaseIterable {
    /// g = 1 + u (R's `"linear"`): the GREG estimator without bounds; g can fall to 0 or below.
    case linear
    /// g = exp(u) (R's `"raking"`, the exponential distance): g is always above 0.
    case raking
    /// g runs from the lower to the upper bound along a logistic curve in u (R's `"logit"`);
    /// it needs bounds.
    case logit
}

/// The range a calibrated weight's ratio to its base weight is kept within, R's
/// `bounds = c(lower, upper)`: 0 ≤ lower < 1 < upper, both finite.
public struct CalibrationBounds: Sendable, Hashable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether these bounds can be calibrated within: finite, 0 ≤ lower < 1 < upper.
    public var isValid: Bool { lower.isFinite && upper.isFinite && lower >= 0 && lower < 1 && upper > 1 }
}

/// How a design is calibrated: R's `calibrate(…, calfun, bounds, maxit, epsilon)`. Linear without
/// bounds is solved in one step (R's `regcalibrate`); every other method by R's `grake`, Newton
/// steps until each target's |misfit| / (1 + |target|) is below `epsilon`, at most `maximumIterations`.
public struct CalibrationMethod: Sendable, Hashable {
    public let distance: CalibrationDistance
    /// nil: unbounded (linear or raking); logit needs bounds.
    public let bounds: CalibrationBounds?
    public let maximumIterations: Int
    public let epsilon: Double

    public init(distance: CalibrationDistance, bounds: CalibrationBounds? = nil, maximumIterations: Int = 50, epsilon: Double = 1e-7) {
        self.distance = distance
        self.bounds = bounds
        self.maximumIterations = maximumIterations
        self.epsilon = epsilon
    }

    /// Linear calibration without bounds, the GREG estimator (R's default).
    public static let linear = CalibrationMethod(distance: .linear)

    /// Whether this is the one-step GREG estimator, R's `regcalibrate`.
    var isGREG: Bool { distance == .linear && bounds == nil }

    /// What the method is called in messages: "raking", "logit within [0.5, 2]", "linear within [0.8, 1.2]".
    public var name: String {
        bounds.map { "\(distance.rawValue) within [\(Self.plain($0.lower)), \(Self.plain($0.upper))]" } ?? distance.rawValue
    }

    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// g − 1 at u, R's `calfun$Fm1(u, bounds)`, in R's arithmetic.
    func ratioMinusOne(_ u: Double) -> Double {
        let (lower, upper) = (bounds?.lower ?? -.infinity, bounds?.upper ?? .infinity)
        switch distance {
        case .linear:
            return min(max(u + 1, lower), upper) - 1
        case .raking:
            return min(max(exp(u), lower), upper) - 1
        case .logit:
            let a = (upper - lower) / ((upper - 1) * (1 - lower))
            let eAu = exp(a * u)
            return (lower * (upper - 1) + upper * (1 - lower) * eAu) / (upper - 1 + (1 - lower) * eAu) - 1
        }
    }

    /// dg/du at u, R's `calfun$dF(u, bounds)`: 0 where g is held at a bound (for raking R compares
    /// u, not exp(u), with the bounds less 1, and so does this).
    func derivative(_ u: Double) -> Double {
        let (lower, upper) = (bounds?.lower ?? -.infinity, bounds?.upper ?? .infinity)
        switch distance {
        case .linear:
            return u < upper - 1 && u > lower - 1 ? 1 : 0
        case .raking:
            return u < upper - 1 && u > lower - 1 ? exp(u) : 0
        case .logit:
            let a = (upper - lower) / ((upper - 1) * (1 - lower))
            let eAu = exp(a * u)
            let denominator = upper - 1 + (1 - lower) * eAu
            return upper * (1 - lower) * eAu * a / denominator
                - ((lower * (upper - 1) + upper * (1 - lower) * eAu) * ((1 - lower) * eAu * a)) / (denominator * denominator)
        }
    }
}
