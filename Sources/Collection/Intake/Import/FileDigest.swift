import Crypto
import Foundation
import SurveyDefinition
import Store

/// SHA-256 of a file's bytes, fed with the bytes the CSV reader reads (``update(_:)``), so that the
/// import reads its file once. Used by one thread at a time: the reading thread feeds it, and the
/// writing thread reads it once that thread has finished.
final class FileDigest: @unchecked Sendable {
    private var hasher = SHA256()
    private(set) var byteCount = 0

    func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        byteCount += bytes.count
    }

    /// The digest so far, lowercase hex.
    var hex: String { hasher.finalize().lowercaseHex }

    /// The file at `path` as the store records it, with the bytes fed so far.
    func file(at path: String) -> ImportedFile {
        ImportedFile(path: path, sha256: hex, byteCount: byteCount)
    }

    /// The digest of the whole file at `path`, read here in chunks; nil when it cannot be read.
    static func reading(_ path: String) -> FileDigest? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let digest = FileDigest()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { digest.update($0) }
            }
        } catch {
            return nil
        }
        return digest
    }
}

/// The check that a file's bytes are new to the round (an import taken back does not count), made before anything is read or written.
///
/// Only an earlier import of the same size can be the same bytes, so the file is hashed here (a
/// second reading) only then; otherwise its digest is taken from the import's own reading and
/// checked again in the store's transaction (``CompleteResponseInserter/recordFile(_:again:)``).
enum RepeatedImportCheck {
    /// The refusal of `path` when the round has imported its bytes before.
    static func refusal(of path: String, round: String, store: any Store) throws -> StoreError? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue else { return nil }
        let earlier = try store.fileImports(round: round).filter { $0.byteCount == size && $0.undoneAt == nil }
        guard !earlier.isEmpty, let digest = FileDigest.reading(path) else { return nil }
        let file = digest.file(at: path)
        return earlier.first { $0.sha256 == file.sha256 }.map { StoreError.fileAlreadyImported(file, earlier: $0) }
    }
}
