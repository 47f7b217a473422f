/// An error that ends a pipeline command: what went wrong, where, and the exit status it maps to.
///
/// Its description names the file and line when there is one, then the reason, then the
/// chain of underlying causes, so that a cron mail says what to fix without a debugger.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var status: ExitStatus
    public var message: String
    /// The file concerned, if any.
    public var file: String?
    /// 1-based line in `file`, if known.
    public var line: Int?
    /// What caused it, as text (errors from lower layers are not always `Sendable`).
    public var cause: String?

    public init(_ status: ExitStatus, _ message: String, file: String? = nil, line: Int? = nil, cause: String? = nil) {
        self.status = status
        self.message = message
        self.file = file
        self.line = line
        self.cause = cause
    }

    public var description: String {
        var text = ""
        if let file {
            text += file
            if let line { text += ":\(line)" }
            text += ": "
        }
        text += message
        if let cause, !cause.isEmpty { text += " (\(cause))" }
        return text
    }

    static func config(_ message: String, file: String, line: Int? = nil) -> PipelineError {
        PipelineError(.config, message, file: file, line: line)
    }
}
