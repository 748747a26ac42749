/** The saved tests: being built (issue 12). */
export function TestsSidebar() {
  return <h2 className="sidebar-title">Tests</h2>
}
