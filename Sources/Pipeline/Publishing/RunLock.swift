#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive lock on the output directory, so that one run at a time writes there.
///
/// It is an `flock` on `.landscape.lock` inside the output directory: the kernel releases it
/// when the process dies, however it dies, so a killed run never blocks the next one.
public final class RunLock: @unchecked Sendable {
    public static let fileName = ".landscape.lock"

    /// Path of the lock file.
    public let path: String
    private var descriptor: Int32

    /// Takes the lock or throws at once (exit 75) when another process holds it.
    public init(directory: String) throws {
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        // Never through a symbolic link (anyone who can write to the output folder could point
        // it at a file the cron user can write, which the lock note would overwrite), and only a
        // plain file with no other name.
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP {
                throw PipelineError(.cannotCreate, "the lock file is a symbolic link; refusing to follow it (remove it)", file: path)
            }
            throw PipelineError(.cannotCreate, "cannot create the lock file", file: path, cause: String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 else {
            close(descriptor)
            throw PipelineError(.cannotCreate, "the lock file is not a plain file of its own (a hard link or a special file); refusing to use it (remove it)", file: path)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            if code == EWOULDBLOCK {
                throw PipelineError(.tempFail, "another run holds the lock\(holder.isEmpty ? "" : " (\(holder))"); try again when it has finished", file: path)
            }
            throw PipelineError(.cannotCreate, "cannot lock", file: path, cause: String(cString: strerror(code)))
        }
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Releases the lock (also released when the process exits).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
