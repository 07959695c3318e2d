/// A line chart's geometry for the report page: one value per month per series, drawn as inline
/// SVG by the page's template. Months with no value (a share of nothing) break the line.
struct ReportChart {
    /// A drawn series.
    struct Series {
        let name: String
        /// A CSS class (colour and dash, so the chart reads in black and white too).
        let style: String
        /// `x,y x,y …` of each unbroken run of months.
        let segments: [Segment]
        let dots: [Dot]
    }

    struct Segment {
        let points: String
    }

    struct Dot {
        let x: String
        let y: String
        /// The tooltip (`<title>`): month, series, value and its *n*.
        let label: String
        /// The month still running: drawn hollow.
        let running: Bool
    }

    struct Tick {
        let y: String
        let label: String
    }

    struct MonthLabel {
        let x: String
        let label: String
    }

    /// What the chart shows (its heading and the SVG's label) and its caption.
    let label: String
    let caption: String
    /// Whether any month has a value: an empty chart says "ingen data" instead of a frame.
    let hasData: Bool
    /// Whether the last month is still running (the legend explains the hollow point).
    let hasRunningMonth: Bool
    let width = ReportChart.width
    let height = ReportChart.height
    let series: [Series]
    let ticks: [Tick]
    let months: [MonthLabel]
    /// The plot area's edges, for the axes.
    let left = ReportChart.left
    let right = ReportChart.right
    let bottom = ReportChart.bottom
    static let width = 640
    static let height = 230
    static let left = 48
    static let right = 610
    static let top = 12
    static let bottom = 196

    /// One series as given: its name, style, and each month's value with the count it is of.
    typealias Input = (name: String, style: String, values: [Double?], n: [Int])

    /// A chart of `values[series][month]` on a scale from 0 to `maximum`, with `tickCount + 1`
    /// labelled lines; `format` prints a value for the ticks and tooltips. `runningMonth` is the
    /// index of a month still running, drawn hollow and labelled so.
    init(
        label: String, caption: String, monthNames: [String], runningMonth: Int?,
        series input: [Input], maximum: Double, tickCount: Int, format: (Double) -> String
    ) {
        self.label = label
        self.caption = caption
        hasData = input.contains { $0.values.contains { $0 != nil } }
        hasRunningMonth = runningMonth != nil
        let plotWidth = Double(Self.right - Self.left)
        let plotHeight = Double(Self.bottom - Self.top)
        let count = monthNames.count
        func x(_ index: Int) -> Double {
            count == 1
                ? Double(Self.left) + plotWidth / 2 : Double(Self.left) + plotWidth * Double(index) / Double(count - 1)
        }
        func y(_ value: Double) -> Double { Double(Self.bottom) - plotHeight * min(max(value / maximum, 0), 1) }
        // Whole pixels: the SVG stays short and the same figures always draw the same.
        func coordinate(_ value: Double) -> String { String(Int(value.rounded())) }
        series = input.map { line in
            var segments: [Segment] = []
            var run: [String] = []
            var dots: [Dot] = []
            for (index, value) in line.values.enumerated() {
                guard let value else {
                    if !run.isEmpty { segments.append(Segment(points: run.joined(separator: " "))) }
                    run = []
                    continue
                }
                run.append("\(coordinate(x(index))),\(coordinate(y(value)))")
                let running = index == runningMonth
                dots.append(
                    Dot(
                        x: coordinate(x(index)), y: coordinate(y(value)),
                        label: "\(monthNames[index])\(running ? " (hittil i måneden)" : ""): \(line.name) "
                            + "\(format(value)) (n=\(line.n[index]))",
                        running: running))
            }
            if !run.isEmpty { segments.append(Segment(points: run.joined(separator: " "))) }
            return Series(name: line.name, style: line.style, segments: segments, dots: dots)
        }
        ticks = (0...tickCount).map { step in
            let value = maximum * Double(step) / Double(tickCount)
            return Tick(y: coordinate(y(value)), label: format(value))
        }
        months = monthNames.enumerated().map {
            MonthLabel(x: coordinate(x($0.offset)), label: $0.offset == runningMonth ? $0.element + "*" : $0.element)
        }
    }

    /// A round maximum at or above `value` for a scale of days (at least 10).
    static func roundedMaximum(_ value: Double) -> Double {
        let steps: [Double] = [10, 20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 400, 500, 750, 1000]
        return steps.first { $0 >= value } ?? (value / 100).rounded(.up) * 100
    }
}
