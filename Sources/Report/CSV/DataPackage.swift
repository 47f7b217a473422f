import LandscapeModel

/// `datapackage.json`: a Frictionless Tabular Data Package describing every CSV the
/// pipeline writes, generated from ``TableSchemas`` so it always matches the files.
public enum DataPackage {
    /// The package descriptor as JSON text.
    ///
    /// - Parameters:
    ///   - tables: the CSV resources to describe; by default all five.
    ///   - created: when the data was produced, as an ISO 8601 date-time; omitted when nil
    ///     so that two runs over the same inputs can write identical descriptors.
    public static func json(tables: [TableSchema] = TableSchemas.all, created: String? = nil) -> String {
        var members: [(String, JSONText)] = [
            ("profile", .string("tabular-data-package")),
            ("name", .string("landscape")),
            ("title", .string("Landscape of trustworthy-AI standards")),
            ("description", .string("Standards from ISO, IEC, IEEE and CEN-CENELEC catalogs scored against nine trustworthy-AI characteristics (the NIST AI RMF seven plus human oversight and societal well-being), with EU and US participation in the committees that write them.")),
        ]
        if let created { members.append(("created", .string(created))) }
        members.append(("resources", .array(tables.map(resource))))
        return JSONText.object(members).rendered()
    }

    private static func resource(_ table: TableSchema) -> JSONText {
        var schema: [(String, JSONText)] = [
            ("fields", .array(table.columns.map(field))),
            ("missingValues", .array([.string("")])),
        ]
        let keys = table.columns.filter { $0.unique && $0.required }.map(\.name)
        if keys.count == 1 { schema.append(("primaryKey", .string(keys[0]))) }
        return .object([
            ("name", .string(table.name)),
            ("path", .string(table.path)),
            ("profile", .string("tabular-data-resource")),
            ("title", .string(table.title)),
            ("description", .string(table.description)),
            ("format", .string("csv")),
            ("mediatype", .string("text/csv")),
            ("encoding", .string("utf-8")),
            ("dialect", .object([
                ("delimiter", .string(",")),
                ("lineTerminator", .string("\n")),
                ("quoteChar", .string("\"")),
                ("doubleQuote", .bool(true)),
                ("header", .bool(true)),
            ])),
            ("schema", .object(schema)),
        ])
    }

    private static func field(_ column: Column) -> JSONText {
        var constraints: [(String, JSONText)] = []
        if column.required { constraints.append(("required", .bool(true))) }
        if column.unique { constraints.append(("unique", .bool(true))) }
        if !column.allowedValues.isEmpty { constraints.append(("enum", .array(column.allowedValues.map(JSONText.string)))) }
        if let minimum = column.minimum { constraints.append(("minimum", bound(minimum, column.type))) }
        if let maximum = column.maximum { constraints.append(("maximum", bound(maximum, column.type))) }
        if let pattern = column.pattern { constraints.append(("pattern", .string(pattern))) }
        var members: [(String, JSONText)] = [
            ("name", .string(column.name)),
            ("type", .string(column.type.rawValue)),
            ("description", .string(column.description)),
        ]
        if column.type == .number { members.append(("decimalChar", .string("."))) }
        if !constraints.isEmpty { members.append(("constraints", .object(constraints))) }
        return .object(members)
    }

    private static func bound(_ value: Double, _ type: Column.Kind) -> JSONText {
        type == .integer ? .integer(Int(value)) : .number(value)
    }
}
