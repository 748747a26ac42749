import { ERROR_KINDS } from '../../../shared/run-snapshot'
import { ERROR_KIND_LABELS } from './error-kind-labels'
import { selectDone, selectErrorExamples, selectErrorKinds } from '../run/run-selectors'
import { useStampede } from '../app/use-stampede'
import { CountTable, type CountRow } from '../ui/CountTable'

export function ErrorKindTable() {
  const errorKinds = useStampede(selectErrorKinds)
  const examples = useStampede(selectErrorExamples)
  const done = useStampede(selectDone)
  const rows: CountRow[] = ERROR_KINDS.filter((kind) => (errorKinds?.[kind] ?? 0) > 0).map((kind) => ({
    key: kind,
    label: ERROR_KIND_LABELS[kind],
    count: errorKinds?.[kind] ?? 0,
    marker: kind === 'cancelled' ? 'marker-cancelled' : 'marker-error',
    detail: examples?.[kind]
  }))
  return (
    <CountTable
      title="Errors"
      labelHeader="Kind"
      rows={rows}
      done={done}
      emptyText="No errors."
      detailHeader="Example"
    />
  )
}
