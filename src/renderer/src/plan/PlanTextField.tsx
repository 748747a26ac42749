import type { ComponentProps } from 'react'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { TextField } from '../ui/TextField'
import type { PlanFormField } from './plan-form'
import { selectFieldMessage, selectFieldText } from './plan-selectors'

type ShownProps = Pick<ComponentProps<typeof TextField>, 'label' | 'hint' | 'placeholder' | 'inputMode' | 'action'>

interface PlanTextFieldProps extends ShownProps {
  field: PlanFormField
}

/** A text field bound to one field of the plan form; read-only while a run goes on. */
export function PlanTextField({ field, ...shown }: PlanTextFieldProps) {
  const text = useStampede(selectFieldText(field))
  const message = useStampede(selectFieldMessage(field))
  const runIsActive = useStampede(selectRunIsActive)
  const editField = useStampede((state) => state.editField)
  const touchField = useStampede((state) => state.touchField)
  return (
    <TextField
      {...shown}
      value={text}
      message={message}
      readOnly={runIsActive}
      onChange={(value) => editField(field, value)}
      onBlur={() => touchField(field)}
    />
  )
}
