/** The HTML report's stylesheet, inlined into the file: system fonts only, nothing to fetch. */
export const REPORT_STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433; background: #f6f7f9; }
body { margin: 0; }
main { max-width: 1080px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 10px; }
header p { margin: 4px 0; }
.target { font-size: 15px; word-break: break-all; }
.method { font-weight: 600; }
.settings, .note, footer { color: #5b6475; font-size: 13px; }
.outcome.ok { color: #2e7d32; } .outcome.bad { color: #b71c1c; font-weight: 600; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin-top: 16px; }
.tile { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 10px 12px; }
.tile .label { font-size: 12px; color: #5b6475; text-transform: uppercase; letter-spacing: .04em; }
.tile .value { font-size: 22px; font-weight: 600; margin-top: 2px; }
.tile .detail { font-size: 12px; color: #5b6475; }
table { border-collapse: collapse; background: #fff; border: 1px solid #dde1e8; font-size: 14px; }
th, td { padding: 6px 10px; border-bottom: 1px solid #eceff3; text-align: left; }
.percentiles td { text-align: right; font-variant-numeric: tabular-nums; }
.errors { margin-top: 10px; } .errors code { font-size: 13px; word-break: break-word; }
.thresholds tr.passed .verdict { color: #2e7d32; font-weight: 600; }
.thresholds tr.failed .verdict { color: #b71c1c; font-weight: 600; }
.verdict.ok { color: #2e7d32; } .verdict.warn { color: #8a4b00; background: #fff4e5; padding: 8px 10px; border-radius: 6px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 14px; }
.chart { margin: 0; background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 10px; }
.chart figcaption { font-size: 13px; font-weight: 600; margin-bottom: 4px; }
.chart svg { width: 100%; height: auto; display: block; }
.chart .grid { stroke: #eceff3; } .chart .axis { stroke: #9aa3b2; }
.chart .tick { font-size: 11px; fill: #5b6475; }
.legend { font-size: 12px; color: #3b4252; display: flex; flex-wrap: wrap; gap: 12px; margin-top: 4px; }
.swatch { display: inline-block; width: 18px; height: 0; border-top: 2px solid; vertical-align: middle; margin-right: 5px; }
.swatch.dashed { border-top-style: dashed; }
.swatch.area { height: 10px; border: 0; }
footer { margin-top: 32px; }
`
