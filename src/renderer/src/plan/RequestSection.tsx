import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { CheckboxField } from '../ui/CheckboxField'
import { SelectField } from '../ui/SelectField'
import { BodyEditor } from './BodyEditor'
import { HeaderRows } from './HeaderRows'
import { HTTP_METHODS } from './plan-form'
import { PlanTextField } from './PlanTextField'
import { selectChoice, selectFieldMessage } from './plan-selectors'
import { QueryParamRows } from './QueryParamRows'

/** Everything about the request but its URL: method, timeout, query, headers, body. */
export function RequestSection() {
  const method = useStampede(selectChoice('method'))
  const methodMessage = useStampede(selectFieldMessage('method'))
  const insecure = useStampede(selectChoice('insecure'))
  const insecureMessage = useStampede(selectFieldMessage('insecure'))
  const runIsActive = useStampede(selectRunIsActive)
  const choose = useStampede((state) => state.choose)
  return (
    <>
      <div className="plan-section-row plan-section-row-narrow">
        <SelectField
          label="Method"
          value={method}
          options={HTTP_METHODS}
          message={methodMessage}
          disabled={runIsActive}
          onChange={(value) => choose('method', value)}
        />
        <PlanTextField field="timeout" label="Timeout" hint="ms per request" inputMode="numeric" />
        <CheckboxField
          label="Allow insecure TLS (self-signed certificates)"
          hint="For test servers only: any certificate is accepted, so nothing proves who answers."
          checked={insecure}
          message={insecureMessage}
          disabled={runIsActive}
          onChange={(checked) => choose('insecure', checked)}
        />
      </div>
      <div className="plan-section-columns">
        <QueryParamRows />
        <HeaderRows />
      </div>
      <BodyEditor />
    </>
  )
}
