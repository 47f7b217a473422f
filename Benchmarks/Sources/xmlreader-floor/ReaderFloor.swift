// The reference floor for ingestion: a bare xmlTextReader pass over catalog files, doing the
// least a streaming reader can (read every node, count nodes and record elements), with
// libxml2's own gzip input and the same safe options as the pipeline.
//
//   xmlreader-floor [--jobs N] FILE...
//
// `--jobs 1` (the default) is the single-threaded floor, comparable to `xmllint --stream`;
// `--jobs N` reads N files at a time, as ingestion does.
import CLibXML2Floor
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

@main
enum ReaderFloor {
    struct Tally: Sendable {
        var nodes = 0
        var records = 0
        var failures = 0
    }

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var jobs = 1
        if arguments.first == "--jobs", arguments.count >= 2, let value = Int(arguments[1]), value > 0 {
            jobs = value
            arguments.removeFirst(2)
        }
        guard !arguments.isEmpty else {
            print("usage: xmlreader-floor [--jobs N] FILE...")
            exit(64)
        }
        xmlInitParser()
        let started = now()
        let files = arguments
        let results = Results(count: files.count)
        DispatchQueue.concurrentPerform(iterations: min(jobs, files.count)) { _ in
            while let index = results.take() {
                results.store(read(files[index]), at: index)
            }
        }
        let seconds = now() - started
        let total = results.total
        print("files=\(files.count) jobs=\(jobs) nodes=\(total.nodes) records=\(total.records) failures=\(total.failures) seconds=\(Double(Int(seconds * 1000)) / 1000)")
        exit(total.failures == 0 ? 0 : 65)
    }

    /// Reads one file to the end; records are the elements at depth 1 whose name starts like
    /// `standard`, `adoption` or `publication`.
    static func read(_ path: String) -> Tally {
        var tally = Tally()
        guard let reader = xmlReaderForFile(path, nil, options) else {
            tally.failures = 1
            return tally
        }
        defer { xmlFreeTextReader(reader) }
        while true {
            let status = xmlTextReaderRead(reader)
            if status != 1 {
                if status < 0 { tally.failures += 1 }
                return tally
            }
            tally.nodes += 1
            if xmlTextReaderNodeType(reader) == 1, xmlTextReaderDepth(reader) == 1, let name = xmlTextReaderConstLocalName(reader) {
                switch name[0] {
                case UInt8(ascii: "s"), UInt8(ascii: "a"), UInt8(ascii: "p"): tally.records += 1
                default: break
                }
            }
        }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Work handed out to the workers and their tallies, behind a mutex (no Foundation: the floor
/// links nothing but libxml2 and the Swift runtime).
final class Results: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var next = 0
    private var tallies: [ReaderFloor.Tally]

    init(count: Int) {
        tallies = Array(repeating: ReaderFloor.Tally(), count: count)
        pthread_mutex_init(&mutex, nil)
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }

    func take() -> Int? {
        locked {
            guard next < tallies.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ tally: ReaderFloor.Tally, at index: Int) { locked { tallies[index] = tally } }

    var total: ReaderFloor.Tally {
        locked {
            tallies.reduce(into: ReaderFloor.Tally()) {
                $0.nodes += $1.nodes
                $0.records += $1.records
                $0.failures += $1.failures
            }
        }
    }
}
