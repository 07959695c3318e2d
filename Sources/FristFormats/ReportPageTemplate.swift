/// The Mustache templates of the report page (`ReportPage` fills them): the page, and the two
/// partials it uses twice or more, a chart and a month table. One file, no script, no external
/// resource; the styles print in black and white (dashes tell the lines apart).
enum ReportPageTemplate {
    /// A line chart (`ReportChart`): the SVG, its legend and its caption.
    static let chart = #"""
        <h3>{{label}}</h3>
        <figure>
        {{^hasData}}<p class="nodata" aria-label="{{label}}">ingen data</p>
        {{/hasData}}{{#hasData}}<svg class="chart" role="img" aria-label="{{label}}" viewBox="0 0 {{width}} {{height}}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">
        {{#ticks}}<line class="grid" x1="{{left}}" x2="{{right}}" y1="{{y}}" y2="{{y}}"/><text x="{{left}}" y="{{y}}" dx="-6" dy="4" text-anchor="end">{{label}}</text>
        {{/ticks}}<line class="axis" x1="{{left}}" x2="{{right}}" y1="{{bottom}}" y2="{{bottom}}"/>
        {{#months}}<text x="{{x}}" y="{{bottom}}" dy="18" text-anchor="middle">{{label}}</text>
        {{/months}}{{#series}}{{#segments}}<polyline class="{{style}}" points="{{points}}"/>
        {{/segments}}{{#dots}}<circle class="{{style}}{{#running}} running{{/running}}" cx="{{x}}" cy="{{y}}" r="3.5"><title>{{label}}</title></circle>
        {{/dots}}{{/series}}</svg>
        <ul class="legend">{{#series}}<li><svg width="34" height="10"><polyline class="{{style}}" points="0,5 34,5"/></svg> {{name}}</li>{{/series}}{{#hasRunningMonth}}<li><svg width="10" height="10"><circle class="running" cx="5" cy="5" r="3.5"/></svg> * hittil i måneden</li>{{/hasRunningMonth}}</ul>{{/hasData}}
        <figcaption>{{caption}}</figcaption>
        </figure>

        """#

    /// Every figure of one unit's months (`ReportPage.MonthTable`), each cell tagged with its field.
    static let monthTable = #"""
        <div class="scroll">
        <table class="months" data-unit="{{unit}}">
        <thead><tr><th></th>{{#months}}<th{{#running}} class="running" data-running="true" data-through="{{through}}"{{/running}}>{{label}}{{#running}}<br><small>hittil i måneden (t.o.m. {{through}})</small>{{/running}}</th>{{/months}}</tr></thead>
        <tbody>
        {{#lines}}<tr><th scope="row">{{title}}</th>{{#cells}}<td data-month="{{month}}" data-unit="{{unit}}" data-field="{{field}}" data-value="{{value}}"{{#n}} data-n="{{n}}"{{/n}}>{{text}}</td>{{/cells}}</tr>
        {{/lines}}
        </tbody>
        </table>
        </div>

        """#

    /// The page.
    static let page = #"""
        <!DOCTYPE html>
        <html lang="nb">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="fristvakt {{version}}">
        <title>{{title}}</title>
        <style>
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; background: #fff;
          max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #999; }
        .meta { color: #444; margin-top: 0; }
        .headline { display: flex; gap: 2rem; align-items: baseline; border: 2px solid #b00020; padding: 0.8rem 1rem; }
        .headline .big { font-size: 2.6rem; font-weight: bold; color: #b00020; }
        .headline ul { margin: 0; padding-left: 1.2rem; }
        figure { margin: 1rem 0; break-inside: avoid; }
        figcaption { font-size: 0.9rem; color: #333; }
        svg text { font-size: 11px; fill: #222; }
        svg.chart { display: block; width: 100%; height: auto; }
        circle.running { fill: #fff; stroke: #111; stroke-width: 1.5; }
        .nodata { border: 1px dashed #999; color: #444; padding: 2rem; text-align: center; font-style: italic; }
        .grid { stroke: #ccc; stroke-width: 1; }
        .axis { stroke: #222; stroke-width: 1; }
        polyline { fill: none; stroke-width: 2.5; }
        .s1 { stroke: #1f4e79; fill: #1f4e79; }
        .s2 { stroke: #c55a11; fill: #c55a11; stroke-dasharray: 7 4; }
        .s3 { stroke: #548235; fill: #548235; stroke-dasharray: 2 3; }
        .s4 { stroke: #7030a0; fill: #7030a0; stroke-dasharray: 9 3 2 3; }
        polyline.s1, polyline.s2, polyline.s3, polyline.s4 { fill: none; }
        .legend { list-style: none; padding: 0; display: flex; gap: 1.5rem; flex-wrap: wrap; font-size: 0.9rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.85rem; break-inside: auto; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.4rem; text-align: right; vertical-align: top; }
        th:first-child, td:first-child { text-align: left; }
        table.months { font-size: 0.78rem; }
        table.months td, table.months thead th { white-space: nowrap; }
        table.months tbody th { font-weight: normal; }
        h3 { font-size: 1rem; margin-bottom: 0.3rem; }
        summary { cursor: pointer; margin-top: 0.4rem; }
        thead th { background: #f0f0f0; }
        .bar rect { fill: #b00020; }
        .bar.waiting rect { fill: #555; }
        .scroll { overflow-x: auto; }
        dt { font-weight: bold; margin-top: 0.6rem; }
        dd { margin-left: 1rem; }
        .source { color: #444; font-style: italic; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          .scroll { overflow: visible; }
          h2 { break-after: avoid; }
          tr, figure, .headline { break-inside: avoid; }
        }
        </style>
        </head>
        <body>
        <header>
        <h1>Ventetider og pasientrettigheter</h1>
        <p class="meta">{{period}} · tall per <span id="generated-for">{{generatedFor}}</span> · laget av fristvakt {{version}}</p>
        </header>

        {{#headline}}
        <section class="headline" aria-label="Brutte frister nå">
        <div><div class="big" id="open-breached" data-value="{{breached}}">{{breached}}</div>brutte frister åpne {{today}}</div>
        <div>
        <p>{{atRisk}} frister i faresonen; <span id="open-helfo" data-value="{{helfo}}">{{helfo}}</span> der HELFO må varsles.</p>
        <ul>
        {{#rules}}<li>{{title}}: <strong>{{count}}</strong> brutt <span class="source">({{law}})</span></li>
        {{/rules}}
        </ul>
        </div>
        </section>
        {{/headline}}

        <h2>Utvikling, alle enheter</h2>
        {{#runningNote}}<p class="meta" id="running-month">{{runningNote}}</p>{{/runningNote}}
        {{#shareChart}}{{> chart}}{{/shareChart}}
        {{#dayChart}}{{> chart}}{{/dayChart}}

        {{#hasUnits}}
        <h2>Per enhet, flest brudd først</h2>
        <div class="scroll">
        <table id="units">
        <thead><tr><th>Enhet</th><th>Startet</th><th>Startet etter frist</th><th>Andel brudd</th><th>Venter med brudd nå</th><th>Vurdert for sent</th><th>Venter på reell behandling</th><th>HELFO må varsles</th></tr></thead>
        <tbody>
        {{#units}}<tr data-unit="{{unit}}"><td>{{unit}}</td><td data-field="frist.started">{{started}}</td>
        <td data-field="frist.breached">{{breached}} <svg class="bar" width="100" height="9"><rect width="{{breachedBar}}" height="9"/></svg></td>
        <td>{{breachedShare}}</td>
        <td data-field="frist.waiting_breached_end">{{waitingBreached}} <svg class="bar waiting" width="100" height="9"><rect width="{{waitingBreachedBar}}" height="9"/></svg></td>
        <td data-field="vurdering.late">{{assessedLate}} av {{assessed}}</td><td data-field="reell.waiting_end">{{reellWaiting}}</td><td data-field="helfo.required">{{helfo}}</td></tr>
        {{/units}}
        </tbody>
        </table>
        </div>
        <p class="meta">Startet, brudd, vurderinger og HELFO er summen for perioden; «venter» er ved utgangen av siste måned.</p>
        {{/hasUnits}}

        <h2>Måned for måned</h2>
        {{#allMonths}}
        <h3>{{label}}</h3>
        {{> monthTable}}
        {{/allMonths}}
        {{#unitMonths}}
        <details>
        <summary>{{label}}</summary>
        {{> monthTable}}
        </details>
        {{/unitMonths}}

        <h2>Hva tallene betyr</h2>
        <dl>
        {{#definitions}}<dt>{{title}}</dt><dd>{{text}} <span class="source">Grunnlag: {{source}}.</span></dd>
        {{/definitions}}
        </dl>
        <p class="meta">Andeler er regnet med tre desimaler (avrundet bort fra null) og vist i prosent, med n: hvor mange andelen gjelder; dager er kalenderdager med én desimal. En sak hører til enheten i sin siste hendelse med enhet. «–» betyr at det ikke var noe å måle.</p>
        </body>
        </html>

        """#
}
