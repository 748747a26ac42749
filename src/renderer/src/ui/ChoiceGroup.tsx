import { useId } from 'react'

interface ChoiceGroupProps<Value extends string> {
  legend: string
  value: Value
  options: ReadonlyArray<{ value: Value; label: string }>
  disabled: boolean
  onChange(value: Value): void
}

/** Radio buttons in a fieldset: one Tab stop, the arrow keys move between the choices. */
export function ChoiceGroup<Value extends string>({ legend, value, options, disabled, onChange }: ChoiceGroupProps<Value>) {
  const name = useId()
  return (
    <fieldset className="choice-group" disabled={disabled}>
      <legend>{legend}</legend>
      <div className="choice-options">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
