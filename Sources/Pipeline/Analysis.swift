import Foundation
import LandscapeModel
import Participation
import Policy
import Score

/// What the stages produced from a config: the shared core of `run`, `validate`,
/// `evaluate` and `explain`.
struct Analysis: Sendable {
    /// How far a command needs the stages to go.
    enum Depth: Int, Comparable, Sendable {
        case normalize, score, participation

        static func < (lhs: Depth, rhs: Depth) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var catalogs: CatalogStage.Result
    var scorer: Scorer?
    var scored: [ScoredStandard] = []
    var participation: ParticipationAnalysis?
    var participationResult: ParticipationResult?
    var committeeFiles: [Manifest.CommitteeFile] = []
    /// What loading the committee and member files found (rejected lines, unknown acronyms…).
    var committeeWarnings: [ParticipationWarning] = []
    var timings: [String: Double] = [:]
    /// The policy files resolved against the standards; nil when the config has no `policy:`.
    var policy: PolicyStage?

    /// Every participation warning: committee data first, then the measures.
    var participationWarnings: [ParticipationWarning] {
        committeeWarnings + (participationResult?.warnings ?? [])
    }

    /// Every quarantine row: catalogs first, then committee and member files.
    var quarantine: [QuarantineEntry] {
        catalogs.quarantine + participationWarnings.compactMap(\.quarantineEntry)
    }

    /// Share of records that ended in quarantine: rows / (records read + rows).
    var errorShare: Double {
        let rows = quarantine.count
        let total = catalogs.recordCount + rows
        return total == 0 ? 0 : Double(rows) / Double(total)
    }

    /// Runs the stages up to `depth`. Errors that stop a command (bad config, inputs that match
    /// nothing, an unreadable taxonomy or committees file) are thrown as ``PipelineError``.
    /// - Parameters:
    ///   - keepsTexts: whether standards keep their abstracts and provenance notes
    ///     (only `explain` shows them); without, abstracts are scored as they are read.
    ///   - loadsWeights: whether the scorer takes the configured fitted weights (`train`, which
    ///     makes them, does not need the old ones to be valid).
    static func perform(_ config: PipelineConfig, depth: Depth, progress: ProgressReporter, keepsTexts: Bool = true,
                        loadsWeights: Bool = true) throws -> Analysis {
        let scoring = config.scoring
        let taxonomyPath = scoring.taxonomyPath(relativeTo: config.baseDirectory)
        let taxonomy: Taxonomy
        do {
            taxonomy = try Taxonomy.load(path: taxonomyPath)
        } catch {
            throw PipelineError(.config, "invalid taxonomy: \(error)", file: taxonomyPath)
        }
        var weights: ScoringWeights?
        if loadsWeights, let weightsPath = scoring.weightsPath(relativeTo: config.baseDirectory) {
            do {
                weights = try ScoringWeights.load(path: weightsPath, taxonomy: taxonomy)
            } catch let error as ScoringWeightsError {
                throw PipelineError(.config, "invalid scoring weights: \(error.key.isEmpty ? "" : error.key + ": ")\(error.reason)",
                                    file: error.file, line: error.line)
            }
        }
        // Policy files are small: read and validated before any catalog (a bad one is exit 78).
        let policyCatalog = try PolicyStage.load(config, characteristics: Set(taxonomy.characteristics.map(\.characteristic.id)))
        let participationSettings = config.participation
        let regions = config.regions
        // Committee files are found now (a missing one stops the command before any reading)
        // and parsed on another thread while the catalogs are read.
        let committeeLoad = try committeeFiles(config, settings: participationSettings)
        let loadingCommittees = Background { Result { try loadCommittees(committeeLoad) } }

        let scorer = Scorer(taxonomy: taxonomy, settings: scoring, weights: weights)
        let scoreAbstract: @Sendable (String) -> PrecomputedEvidence = { scorer.abstractEvidence(of: $0) }
        let catalogs = try CatalogStage.run(config, progress: progress, keepsProvenance: keepsTexts,
                                            abstractEvidence: keepsTexts ? nil : scoreAbstract)
        var analysis = Analysis(catalogs: catalogs)
        analysis.timings = analysis.catalogs.timings
        let committeeData = try loadingCommittees.wait().get()
        analysis.committeeFiles = committeeData.files
        analysis.committeeWarnings = committeeData.data.warnings
        report(analysis.committeeWarnings.filter { $0.quarantineEntry == nil }, progress: progress)
        analysis.scorer = scorer
        analysis.participation = ParticipationAnalysis(data: committeeData.data, regions: regions, settings: participationSettings)
        if let policyCatalog {
            let started = ContinuousClock.now
            analysis.policy = PolicyStage.resolve(policyCatalog, standards: analysis.catalogs.standards, progress: progress)
            analysis.timings["policy"] = ContinuousClock.now.seconds(since: started)
        }
        guard depth >= .score else { return analysis }

        let clock = ContinuousClock()
        let started = clock.now
        progress.stage("score", detail: "\(analysis.catalogs.standards.count) standards")
        analysis.scored = scoreAll(analysis.catalogs.standards, with: scorer)
        analysis.timings["score"] = clock.now.seconds(since: started)
        guard depth >= .participation else { return analysis }

        progress.stage("participation")
        analysis.adopt(analysis.measureParticipation(), progress: progress)
        return analysis
    }

    /// The participation stage on its own, for a caller that runs it beside other work:
    /// pass the result to ``adopt(_:progress:)``.
    func measureParticipation() -> (result: ParticipationResult, seconds: Double) {
        let clock = ContinuousClock()
        let started = clock.now
        let result = participation!.run(scored)
        return (result, clock.now.seconds(since: started))
    }

    /// Takes in the participation stage's result and reports its warnings.
    mutating func adopt(_ measured: (result: ParticipationResult, seconds: Double), progress: ProgressReporter) {
        participationResult = measured.result
        timings["participation"] = measured.seconds
        Self.report(measured.result.warnings.filter { $0.quarantineEntry == nil }, progress: progress)
    }

    /// Prints the first few warnings of each kind and a count of the rest: a cron mail stays
    /// readable, and the report and manifest carry the full picture.
    static func report(_ warnings: [ParticipationWarning], progress: ProgressReporter, perKind: Int = 5) {
        let byKind = Dictionary(grouping: warnings, by: \.kind)
        for kind in ParticipationWarning.Kind.allCases {
            guard let items = byKind[kind] else { continue }
            for warning in items.prefix(perKind) { progress.warning(warning.description) }
            if items.count > perKind {
                progress.warning("… \(items.count - perKind) more \"\(kind.rawValue)\" warnings (\(items.count) in all)")
            }
        }
    }

    /// Scores in parallel on every core; the order of `standards` is kept.
    static func scoreAll(_ standards: [Standard], with scorer: Scorer) -> [ScoredStandard] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, standards.count / 512))
        let size = (standards.count + chunks - 1) / max(chunks, 1)
        let results = Slots<[ScoredStandard]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = min(chunk * size, standards.count)..<min((chunk + 1) * size, standards.count)
            results.store(standards[range].map(scorer.scored), at: chunk)
        }
        return results.values().flatMap { $0 }
    }

    /// The committee and member files a config names, checked to exist.
    private static func committeeFiles(_ config: PipelineConfig, settings: ParticipationSettings) throws -> (committees: [CommitteeFile], members: [MembersFile]) {
        var files: [CommitteeFile] = []
        for source in config.committees {
            let format = CommitteeFormat(rawValue: source.format.rawValue)!
            let matched = try FileMatcher.expand(source.paths, line: source.line, config: config)
            if let rejected = matched.rejected.first {
                throw PipelineError(.config, "committees: \(rejected.reason)", file: rejected.location.file)
            }
            files += matched.files.map { CommitteeFile(format: format, url: URL(fileURLWithPath: $0)) }
        }
        let members = settings.members.map { MembersFile(url: URL(fileURLWithPath: config.resolve($0))) }
        for member in members where !FileManager.default.isReadableFile(atPath: member.url.path) {
            throw PipelineError(.noInput, "members file not found (participation.members)", file: member.url.path)
        }
        return (files, members)
    }

    private static func loadCommittees(_ load: (committees: [CommitteeFile], members: [MembersFile])) throws -> (data: CommitteeData, files: [Manifest.CommitteeFile]) {
        let (files, members) = load
        let data: CommitteeData
        do {
            data = try CommitteeData.load(members: members, committees: files)
        } catch {
            throw PipelineError(.config, "invalid committee data: \(error)")
        }
        let counts = Dictionary(grouping: data.directory.committees, by: { $0.origin?.file ?? "" }).mapValues(\.count)
        let manifestFiles = files.map { file in
            Manifest.CommitteeFile(
                format: file.format.rawValue, path: file.displayPath,
                sha256: Digest.sha256Hex(ofFile: file.url.path) ?? "",
                committees: counts[file.displayPath] ?? 0
            )
        }
        return (data, manifestFiles)
    }
}

/// Work started on another thread now, whose result is collected later with ``wait()``.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    /// Blocks until the work has finished; call it once.
    func wait() -> Value {
        done.wait()
        return value!
    }
}

/// Runs two pieces of work at once and returns both results.
func concurrently<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    let a = Slots<A>(count: 1)
    let b = Slots<B>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { a.store(first(), at: 0) } else { b.store(second(), at: 0) }
    }
    return (a.values()[0], b.values()[0])
}

extension ContinuousClock.Instant {
    func seconds(since start: ContinuousClock.Instant) -> Double {
        let duration = start.duration(to: self)
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
