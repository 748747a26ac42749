interface StatTileProps {
  label: string
  value: string
  /** Draws the eye to a figure that needs attention, such as failures. */
  tone?: 'bad'
}

/** One figure with its name: a dt/dd pair inside the parent's <dl>. */
export function StatTile({ label, value, tone }: StatTileProps) {
  return (
    <div className={tone ? `stat stat-${tone}` : 'stat'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}
