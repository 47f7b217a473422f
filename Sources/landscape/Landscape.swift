import ArgumentParser
import Foundation
import Pipeline

@main
struct Landscape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landscape",
        abstract: "Turns standards catalogs into an analysis of the AI standards landscape.",
        discussion: """
        Exit statuses: 0 success, 64 bad usage, 65 data errors above the error budget (outputs \
        still written), 66 an input path matches nothing, 70 internal error, 73 outputs cannot \
        be written, 75 another run holds the lock, 78 bad config.
        """,
        version: PipelineRunner.version,
        subcommands: [Run.self, Validate.self, Evaluate.self, Train.self, Explain.self]
    )
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The pipeline configuration.", valueName: "file"))
    var config: String = "Pipeline.yaml"

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("How progress is logged on stderr: text or json.", valueName: "format"))
    var logFormat: LogFormat = .text

    var progress: ProgressReporter {
        ProgressReporter(options: ProgressOptions(quiet: quiet, format: logFormat.format))
    }
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
    var format: ProgressOptions.Format { self == .json ? .json : .text }
}

/// Runs a pipeline command and exits with its status; errors are printed as one clear line.
func execute(_ progress: ProgressReporter, _ body: () throws -> ExitStatus) throws -> Never {
    let status: ExitStatus
    do {
        status = try body()
    } catch let error as PipelineError {
        progress.error(error.description)
        status = error.status
    } catch {
        progress.error("internal error: \(error)")
        status = .internalError
    }
    throw ExitCode(status.rawValue)
}

extension Landscape {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest, normalize, score, measure participation and write the report and CSV files."
        )

        @OptionGroup var options: CommonOptions

        @Option(name: .long, help: ArgumentHelp("Write outputs here instead of the config's output.directory.", valueName: "dir"))
        var output: String?

        func run() throws {
            let progress = options.progress
            try execute(progress) {
                var runner = PipelineRunner(configPath: options.config, progress: progress)
                // The process ends as soon as the run is done: its memory goes back at once.
                runner.whenDone = { status in Foundation.exit(status.rawValue) }
                return try runner.run(outputOverride: output)
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the config and every input; write nothing."
        )

        @OptionGroup var options: CommonOptions

        func run() throws {
            let progress = options.progress
            try execute(progress) {
                try PipelineRunner(configPath: options.config, progress: progress).validate()
            }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the configured inputs and compare with labelled standards.",
            discussion: """
            A gold CSV has the header id,ai_relevant,characteristics; several files count as one set of labels. \
            With --folds K the scoring weights are also fitted on K−1 folds of the labelled standards and the \
            held-out fold scored, for every fold, and that cross-validated table is printed after the plain one. \
            The last line printed is micro_f1=<0.000> (the cross-validated figure with --folds).
            """
        )

        @OptionGroup var options: CommonOptions

        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Gold CSV files.", valueName: "file"))
        var gold: [String]

        @Option(name: .long, help: ArgumentHelp("Cross-validate over this many folds (at least 2).", valueName: "k"))
        var folds: Int?

        @Option(name: .long, help: ArgumentHelp("How many of the worst errors to list.", valueName: "n"))
        var worst: Int = 25

        @Option(name: .long, help: ArgumentHelp(
            "Write every labelled standard's labels beside its scores (held out, with --folds) to this CSV file.",
            valueName: "file"))
        var predictions: String?

        func validate() throws {
            if gold.isEmpty { throw ValidationError("Missing expected argument '--gold <file> ...'") }
            if let folds, folds < 2 { throw ValidationError("--folds must be at least 2") }
        }

        func run() throws {
            let progress = options.progress
            try execute(progress) {
                try PipelineRunner(configPath: options.config, progress: progress).evaluate(goldPaths: gold, folds: folds, worst: max(0, worst),
                                                                                              predictionsPath: predictions)
            }
        }
    }

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit the scoring weights on labelled standards and write the weights file.",
            discussion: """
            Reads the configured catalogs as evaluate does, matches the gold ids to standards, fits one \
            L2-regularised logistic regression per characteristic and one for AI relevance over the \
            taxonomy's evidence, committees, ICS codes and the learned text features (stemmed words and \
            word pairs of title, keywords and abstract), and writes them (sorted keys, six decimals: the \
            same labels give the same bytes). Point scoring.weights in the config at the file to score with it.
            """
        )

        @OptionGroup var options: CommonOptions

        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Gold CSV files.", valueName: "file"))
        var gold: [String]

        @Option(name: .long, help: ArgumentHelp("Where to write the weights (default: the config's scoring.weights, else Inputs/scoring-weights.yaml beside the config).", valueName: "file"))
        var output: String?

        func validate() throws {
            if gold.isEmpty { throw ValidationError("Missing expected argument '--gold <file> ...'") }
        }

        func run() throws {
            let progress = options.progress
            try execute(progress) {
                try PipelineRunner(configPath: options.config, progress: progress).train(goldPaths: gold, outputPath: output)
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one standard: its normalized record, every score and the evidence behind it."
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: ArgumentHelp("The standard's reference, e.g. \"ISO/IEC 42001:2023\".", valueName: "reference"))
        var reference: String

        func run() throws {
            let progress = options.progress
            try execute(progress) {
                try PipelineRunner(configPath: options.config, progress: progress).explain(reference: reference)
            }
        }
    }
}
