/// The Moore–Penrose pseudo-inverse of a symmetric matrix, as R's `MASS::ginv(x, tol)` computes it
/// from the singular value decomposition: for a symmetric matrix the singular values are the
/// absolute eigenvalues, found here by cyclic Jacobi rotations, and those at or below `tolerance`
/// times the largest are left out.
struct SymmetricPseudoInverse {
    private let rows: [[Double]]

    init(_ matrix: [[Double]], tolerance: Double) {
        let size = matrix.count
        var a = matrix
        var vectors = (0..<size).map { row in (0..<size).map { $0 == row ? 1.0 : 0.0 } }
        for _ in 0..<100 {
            var offDiagonal = 0.0
            var diagonal = 0.0
            for p in 0..<size {
                diagonal += a[p][p] * a[p][p]
                for q in (p + 1)..<size { offDiagonal += a[p][q] * a[p][q] }
            }
            if offDiagonal <= 1e-36 * diagonal { break }
            for p in 0..<size {
                for q in (p + 1)..<size where a[p][q] != 0 {
                    Self.rotate(&a, &vectors, p, q)
                }
            }
        }
        let values = (0..<size).map { a[$0][$0] }
        let largest = values.map(abs).max() ?? 0
        let kept = values.indices.filter { abs(values[$0]) > tolerance * largest }
        rows = (0..<size).map { i in
            (0..<size).map { j in kept.reduce(0) { $0 + vectors[i][$1] * vectors[j][$1] / values[$1] } }
        }
    }

    /// The pseudo-inverse times `vector`.
    func times(_ vector: [Double]) -> [Double] {
        rows.map { row in zip(row, vector).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// One Jacobi rotation that makes a[p][q] zero, accumulated into the eigenvectors' columns.
    private static func rotate(_ a: inout [[Double]], _ vectors: inout [[Double]], _ p: Int, _ q: Int) {
        let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
        let t = abs(theta) > 1e150
            ? 1 / (2 * theta)
            : (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in a.indices {
            let (akp, akq) = (a[k][p], a[k][q])
            a[k][p] = c * akp - s * akq
            a[k][q] = s * akp + c * akq
        }
        for k in a.indices {
            let (apk, aqk) = (a[p][k], a[q][k])
            a[p][k] = c * apk - s * aqk
            a[q][k] = s * apk + c * aqk
        }
        for k in vectors.indices {
            let (vkp, vkq) = (vectors[k][p], vectors[k][q])
            vectors[k][p] = c * vkp - s * vkq
            vectors[k][q] = s * vkp + c * vkq
        }
    }
}
