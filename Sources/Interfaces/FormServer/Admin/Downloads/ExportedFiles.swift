import Foundation
import NIOCore

/// Files of a finished export, held open after their folder was removed: the data stays readable
/// through the descriptors until this object goes away, and nothing is left on disk whether the
/// download completes or the client leaves midway.
final class ExportedFiles: Sendable {
    struct File: Sendable {
        var name: String
        var size: Int
        fileprivate var descriptor: Int32
    }

    let files: [File]

    /// Opens `names` inside `folder`; the caller removes the folder afterwards.
    init(folder: String, names: [String]) throws {
        var files: [File] = []
        do {
            for name in names {
                let path = (folder as NSString).appendingPathComponent(name)
                let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw DownloadError.unreadable(name, errno: errno) }
                files.append(File(name: name, size: 0, descriptor: descriptor))
                var status = stat()
                guard fstat(descriptor, &status) == 0 else { throw DownloadError.unreadable(name, errno: errno) }
                files[files.count - 1].size = Int(status.st_size)
            }
        } catch {
            for file in files { close(file.descriptor) }
            throw error
        }
        self.files = files
    }

    deinit {
        for file in files { close(file.descriptor) }
    }

    /// Up to `count` bytes of file `index` from `offset`. Blocks: call it through `BlockingWork`.
    func read(_ index: Int, at offset: Int, count: Int) throws -> ByteBuffer {
        let file = files[index]
        let wanted = min(count, file.size - offset)
        var buffer = ByteBufferAllocator().buffer(capacity: wanted)
        let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { target in
            var done = 0
            while done < wanted {
                let result = pread(file.descriptor, target.baseAddress! + done, wanted - done, off_t(offset + done))
                if result > 0 { done += result } else if result < 0 && errno == EINTR { continue } else { break }
            }
            return done
        }
        guard got == wanted else { throw DownloadError.truncated(file.name) }
        return buffer
    }

    /// The CRC-32 of file `index`, read through once. Blocks.
    func checksum(_ index: Int) throws -> UInt32 {
        var crc = CRC32()
        var offset = 0
        let size = files[index].size
        while offset < size {
            let chunk = try read(index, at: offset, count: 1 << 20)
            chunk.withUnsafeReadableBytes { crc.update($0) }
            offset += chunk.readableBytes
        }
        return crc.value
    }
}

/// Why a finished export could not be sent.
enum DownloadError: Error, CustomStringConvertible {
    case unreadable(String, errno: Int32)
    case truncated(String)
    case tooLargeForZip(Int)

    var description: String {
        switch self {
        case .unreadable(let name, let code): "the exported file \(name) cannot be read (\(String(cString: strerror(code))))"
        case .truncated(let name): "the exported file \(name) became shorter while it was sent"
        case .tooLargeForZip(let bytes): "the package holds \(bytes) bytes, more than a ZIP file without ZIP64 holds (4 GiB)"
        }
    }
}
