import type { SettingDifference } from '../../../shared/compare/run-comparison'

/** The settings that differ between the two runs; a suspect one (another URL, load or layout) is marked. */
export function SettingDifferences({ settings }: { settings: readonly SettingDifference[] }) {
  return (
    <section className="panel" aria-labelledby="settings-diff-heading">
      <h2 id="settings-diff-heading">Settings that differ</h2>
      {settings.length === 0 ? (
        <p className="count-table-empty">None: both runs had the same settings.</p>
      ) : (
        <table className="count-table settings-table" aria-labelledby="settings-diff-heading">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Base</th>
              <th scope="col">New</th>
              <th scope="col">
                <span className="visually-hidden">Suspect</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {settings.map((difference) => (
              <tr key={difference.setting} className={difference.suspect ? 'setting-suspect' : undefined}>
                <th scope="row">{difference.setting}</th>
                <td>{difference.base}</td>
                <td>{difference.next}</td>
                <td>{difference.suspect ? 'makes the comparison suspect' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
