import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { CheckboxField } from '../ui/CheckboxField'
import { SelectField } from '../ui/SelectField'
import { BodyEditor } from './BodyEditor'
import { HeaderRows } from './HeaderRows'
import type { Protocol } from '../../../shared/run-plan'
import { HTTP_METHODS } from './plan-form'
import { PlanTextField } from './PlanTextField'
import { selectChoice, selectFieldMessage } from './plan-selectors'
import { QueryParamRows } from './QueryParamRows'

const METHOD_OPTIONS = HTTP_METHODS.map((method) => ({ value: method, label: method }))

const PROTOCOL_OPTIONS: ReadonlyArray<{ value: Protocol; label: string }> = [
  { value: 'http1', label: 'HTTP/1.1' },
  { value: 'h2', label: 'HTTP/2 over TLS (ALPN)' },
  { value: 'h2c', label: 'h2c: HTTP/2 without TLS' }
]

/** Everything about the request but its URL: method, protocol, timeout, TLS, query, headers, body. */
export function RequestSection() {
  const method = useStampede(selectChoice('method'))
  const methodMessage = useStampede(selectFieldMessage('method'))
  const protocol = useStampede(selectChoice('protocol'))
  const protocolMessage = useStampede(selectFieldMessage('protocol'))
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
          options={METHOD_OPTIONS}
          message={methodMessage}
          disabled={runIsActive}
          onChange={(value) => choose('method', value)}
        />
        <SelectField
          label="Protocol"
          value={protocol}
          options={PROTOCOL_OPTIONS}
          message={protocolMessage}
          disabled={runIsActive}
          onChange={(value) => choose('protocol', value as Protocol)}
        />
        <PlanTextField field="timeout" label="Timeout" hint="ms per request" inputMode="numeric" />
      </div>
      <CheckboxField
        label="Allow insecure TLS (self-signed certificates)"
        hint="For test servers only: any certificate is accepted, so nothing proves who answers."
        checked={insecure}
        message={insecureMessage}
        disabled={runIsActive}
        onChange={(checked) => choose('insecure', checked)}
      />
      <div className="plan-section-columns">
        <QueryParamRows />
        <HeaderRows />
      </div>
      <BodyEditor />
    </>
  )
}
