/// The optional `policy:` key of `Pipeline.yaml`: the `landscape-policy` files to read.
///
/// ```yaml
/// policy:
///   paths: [Inputs/policy/eu-ai-act.yaml, Inputs/policy/us-nist-ai-rmf.yaml]
/// ```
///
/// Paths resolve against the config's folder; each must name a file (no globs: the policy
/// files are few, and a missing one is a config error, exit 78). Without the key no policy is
/// read, and the policy columns and files are written empty.
public struct PolicySettings: Sendable, Hashable, Decodable {
    public var paths: [String]

    enum CodingKeys: String, CodingKey, CaseIterable { case paths }

    public init(paths: [String] = []) {
        self.paths = paths
    }
}
