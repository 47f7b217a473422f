import YAMLInput

/// A taxonomy file that cannot be used: which file, which line, which key, and why — the
/// same error every YAML input of the pipeline reports.
public typealias TaxonomyError = YAMLInputError
