import Foundation
import LandscapeModel

/// The commands of `landscape`, as functions from a config to an exit status.
public struct PipelineRunner: Sendable {
    public static let version = "0.1.0"

    public let configPath: String
    public let progress: ProgressReporter

    public init(configPath: String, progress: ProgressReporter) {
        self.configPath = configPath
        self.progress = progress
    }

    public func run(outputOverride: String?) throws -> ExitStatus {
        throw PipelineError(.internalError, "run is not wired yet")
    }

    public func validate() throws -> ExitStatus {
        throw PipelineError(.internalError, "validate is not wired yet")
    }

    public func evaluate(goldPath: String) throws -> ExitStatus {
        throw PipelineError(.internalError, "evaluate is not wired yet")
    }

    public func explain(reference: String) throws -> ExitStatus {
        throw PipelineError(.internalError, "explain is not wired yet")
    }
}
