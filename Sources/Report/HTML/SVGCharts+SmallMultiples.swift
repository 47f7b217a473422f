extension SVGCharts {
    /// One small line chart per panel on a shared y scale: one line per series over the
    /// same x steps (runs), with the panel's name above it and the last values at the right.
    static func smallMultiples(id: String, title: String, steps: [String], panels: [(name: String, values: [[Int]])],
                               series: [(name: String, colour: String)], columns: Int = 3) -> String {
        let panelWidth = 250.0, panelHeight = 130.0, gap = 26.0, titleHeight = 18.0, legendHeight = 30.0, axisHeight = 16.0
        let rows = (panels.count + columns - 1) / max(columns, 1)
        let width = Double(columns) * panelWidth + Double(columns - 1) * gap + 20
        let height = legendHeight + Double(rows) * (titleHeight + panelHeight + axisHeight + gap)
        let maximum = max(panels.flatMap { $0.values.flatMap { $0 } }.max() ?? 0, 1)
        var svg = open(id: id, title: title, width: width, height: height)
        svg += legend(series.map { ($0.name, $0.colour) }, x: 10, y: 6, wrapAt: width - 10)
        let plotLeft = 34.0, plotRight = 30.0
        for (p, panel) in panels.enumerated() {
            let x0 = 10 + Double(p % columns) * (panelWidth + gap)
            let y0 = legendHeight + Double(p / columns) * (titleHeight + panelHeight + axisHeight + gap)
            svg += text(x0, y0 + 12, panel.name, weight: "bold")
            let top = y0 + titleHeight, bottom = top + panelHeight
            let left = x0 + plotLeft, right = x0 + panelWidth - plotRight
            svg += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" height=\"\(n(panelHeight))\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
            svg += text(left - 4, top + 10, grouped(maximum), anchor: "end", size: 10, fill: "#555")
            svg += text(left - 4, bottom, "0", anchor: "end", size: 10, fill: "#555")
            func x(_ step: Int) -> Double {
                steps.count <= 1 ? (left + right) / 2 : left + (right - left) * Double(step) / Double(steps.count - 1)
            }
            func y(_ value: Int) -> Double { bottom - panelHeight * Double(value) / Double(maximum) }
            if let first = steps.first { svg += text(left, bottom + 13, first, size: 10, fill: "#555") }
            if steps.count > 1, let last = steps.last { svg += text(right, bottom + 13, last, anchor: "end", size: 10, fill: "#555") }
            for (s, item) in series.enumerated() {
                let values = s < panel.values.count ? panel.values[s] : []
                guard values.contains(where: { $0 > 0 }) else { continue }
                let points = values.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(item.colour)\" stroke-width=\"2\"/>"
                for (step, value) in values.enumerated() {
                    svg += "<circle cx=\"\(n(x(step)))\" cy=\"\(n(y(value)))\" r=\"2.5\" fill=\"\(item.colour)\"><title>\(esc(panel.name)), \(esc(item.name)), \(esc(step < steps.count ? steps[step] : "")): \(value)</title></circle>"
                }
                if let last = values.last {
                    svg += text(right + 4, y(last) + 4, grouped(last), size: 10, fill: "#222")
                }
            }
        }
        return svg + "</svg>"
    }
}
