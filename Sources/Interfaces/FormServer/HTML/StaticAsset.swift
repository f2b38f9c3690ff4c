import Crypto

/// A file served from the binary (the stylesheet, the form's script) under a name that carries the
/// first 10 hex digits of its content's SHA-256: `/assets/form-3f9a0c1b2d.js`. A new version of the
/// file is a new name, which every page refers to as soon as the server runs it, so browsers may keep
/// a copy for a year without ever using one that no longer matches the pages; a page refers to no old
/// name, since pages are never cached.
struct StaticAsset: Sendable {
    let path: String
    let contentType: String
    let content: String

    /// How long a browser or proxy may keep it: a year, unchanged, since its name changes with it.
    static let cacheControl = "public, max-age=31536000, immutable"

    init(stem: String, extension ext: String, contentType: String, content: String) {
        let digest = SHA256.hash(data: Array(content.utf8))
        let digits = Array("0123456789abcdef")
        let hash = String(digest.prefix(5).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
        path = "/assets/\(stem)-\(hash).\(ext)"
        self.contentType = contentType
        self.content = content
    }
}
