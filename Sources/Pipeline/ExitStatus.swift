/// The process exit statuses of the contract (BSD sysexits).
public enum ExitStatus: Int32, Sendable, Codable, CustomStringConvertible {
    case success = 0
    case usage = 64
    /// Data errors above the configured error budget (outputs are still written).
    case dataError = 65
    /// An input path matches nothing.
    case noInput = 66
    case internalError = 70
    /// Outputs cannot be written.
    case cannotCreate = 73
    /// Another run holds the lock.
    case tempFail = 75
    /// Bad configuration.
    case config = 78

    public var description: String {
        switch self {
        case .success: "success"
        case .usage: "usage error"
        case .dataError: "data errors above the error budget"
        case .noInput: "input not found"
        case .internalError: "internal error"
        case .cannotCreate: "cannot write outputs"
        case .tempFail: "another run holds the lock"
        case .config: "bad configuration"
        }
    }
}
