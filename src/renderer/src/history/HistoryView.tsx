/** The run history and compare: being built (issue 12). */
export function HistoryView() {
  return <section className="panel" aria-label="History" />
}
