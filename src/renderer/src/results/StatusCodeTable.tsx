import { useStampede } from '../app/use-stampede'
import { selectDone, selectStatusCodes } from '../run/run-selectors'
import { CountTable, type CountRow } from '../ui/CountTable'

export function StatusCodeTable() {
  const statusCodes = useStampede(selectStatusCodes)
  const done = useStampede(selectDone)
  const rows: CountRow[] = Object.entries(statusCodes ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([code, count]) => ({ key: code, label: code, count, marker: `marker-${code[0]}xx` }))
  return (
    <CountTable title="Status codes" labelHeader="Code" rows={rows} done={done} emptyText="No responses yet." />
  )
}
