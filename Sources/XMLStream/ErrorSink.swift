@preconcurrency import CLibXML2

/// Collects libxml2's errors for one reader.
///
/// libxml2 reports through callbacks, and may report a fatal error before the
/// reader has handed out the nodes that precede it, or finish "successfully"
/// after one. The sink keeps the first fatal problem and a bounded list of the
/// others, so the caller can decide after the fact.
final class ErrorSink {
    /// At most this many problems are kept (all are counted).
    static let keptProblems = 100

    private(set) var problems: [XMLProblem] = []
    private(set) var problemCount = 0
    private(set) var firstFatal: XMLProblem?
    /// A limit or policy failure raised by the Swift side (input callback, node checks);
    /// it takes precedence over the libxml2 error it provokes.
    private(set) var raised: XMLProblem?

    func add(_ problem: XMLProblem) {
        problemCount += 1
        if problem.isFatal, firstFatal == nil { firstFatal = raised ?? problem }
        if problems.count < Self.keptProblems, problems.last != problem {
            problems.append(problem)
        }
    }

    /// Records a failure detected by the Swift side. With `stop`, reading ends at once;
    /// without, libxml2 may still parse what it has buffered (a truncated gzip stream
    /// still holds complete records before the cut).
    func raise(_ problem: XMLProblem, stop: Bool = true) {
        if raised == nil { raised = problem }
        if stop { stopRequested = true }
        add(problem)
    }

    /// Whether the Swift side asked reading to end.
    private(set) var stopRequested = false

    var failure: XMLProblem? { raised ?? firstFatal }

    /// Gives the failure raised without a line (the input callback knows none) one.
    func setLine(_ line: Int) {
        if raised?.line == 0 { raised?.line = line }
        if firstFatal?.line == 0 { firstFatal?.line = line }
    }

    func add(_ error: xmlErrorPtr) {
        let e = error.pointee
        let message = e.message.map { String(cString: $0) }?
            .trimmingTrailingNewlines() ?? "error \(e.code)"
        let kind: XMLProblem.Kind
        switch e.level {
        case XML_ERR_FATAL:
            kind = e.domain == Int32(XML_FROM_IO.rawValue) ? .unreadable : .malformed
        default:
            kind = .warning
        }
        add(XMLProblem(kind: kind, line: Int(e.line), message: message, code: Int(e.code)))
    }

    /// The sink attached to the reader that owns `context`, if any.
    static func current(for context: xmlParserCtxtPtr) -> ErrorSink? {
        guard let owner = context.pointee._private else { return nil }
        let reader = OpaquePointer(owner)
        var arg: UnsafeMutableRawPointer?
        xmlTextReaderGetErrorHandler(reader, nil, &arg)
        guard let arg else { return nil }
        return Unmanaged<ErrorSink>.fromOpaque(arg).takeUnretainedValue()
    }
}

/// Where the C shim sends libxml2's generic (unstructured) messages for a reader's sink.
@_cdecl("landscape_xml_generic_error_report")
func reportGenericError(_ context: UnsafeMutableRawPointer?, _ message: UnsafePointer<CChar>?) {
    guard let context, let message else { return }
    let text = String(cString: message).trimmingTrailingNewlines()
    guard !text.isEmpty else { return }
    Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue().add(XMLProblem(kind: .warning, line: 0, message: text))
}

/// The structured error handler for the reader and for the thread.
func collectStructuredError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    Unmanaged<ErrorSink>.fromOpaque(userData).takeUnretainedValue().add(error)
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" || last == " " { s = s.dropLast() }
        return String(s)
    }
}
