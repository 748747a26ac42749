import { peakTarget, shapeDurationMs } from '../../../shared/load-shape'
import { presetShape, type StagePreset } from '../../../shared/stage-presets'
import { parseTypedNumber } from '../../../shared/typed-number'
import type { PlanFormValues } from './plan-form'
import { stageRowsOf, stagesOf } from './stage-rows'

/** A preset chosen with no shape to scale from: a minute, up to the start the form has (or this). */
const FIRST_PRESET_PEAK = 100
const FIRST_PRESET_DURATION_MS = 60_000

type ShapeFields = Pick<PlanFormValues, 'model' | 'ratePerSecond' | 'concurrency' | 'stages' | 'shaped' | 'stopAfter'>

/** The field the shape starts from: the rate in the open model, the connections in the closed. */
export function startFieldOf(form: Pick<PlanFormValues, 'model'>): 'ratePerSecond' | 'concurrency' {
  return form.model === 'open' ? 'ratePerSecond' : 'concurrency'
}

/**
 * Stages switched on or off. On for the first time: a ramp up to the start there was, over a
 * minute, and the run stops at the shape's end unless a count or duration was chosen; off: the
 * rows stay for later, and a run that was to stop at the shape's end stops after the count.
 */
export function withShape(form: ShapeFields, shaped: boolean): Partial<PlanFormValues> {
  if (!shaped) return { shaped, stopAfter: form.stopAfter === 'shape' ? 'requests' : form.stopAfter }
  const stopAfter = form.stopAfter === 'requests' ? 'shape' : form.stopAfter
  if (form.stages.length > 0) return { shaped, stopAfter }
  return { ...formWithPreset(form, 'ramp-up'), shaped, stopAfter }
}

/**
 * A preset in place of the stages, scaled to the shape there was: its peak and length, from the
 * start where the start lies below the peak (else from 0).
 */
export function formWithPreset(form: ShapeFields, preset: StagePreset): Partial<PlanFormValues> {
  const startField = startFieldOf(form)
  const typedStart = parseTypedNumber(form[startField])
  const start = Number.isFinite(typedStart) && typedStart >= 0 ? typedStart : 0
  const stages = stagesOf(form.stages).filter((stage) => Number.isFinite(stage.durationMs) && Number.isFinite(stage.target))
  let peak = peakTarget(start, stages)
  if (peak <= 0) peak = FIRST_PRESET_PEAK
  const base = stages.length > 0 && start < peak ? start : 0
  const totalMs = shapeDurationMs(stages)
  const shape = presetShape(preset, { base, peak, durationMs: totalMs > 0 ? totalMs : FIRST_PRESET_DURATION_MS })
  return { [startField]: String(shape.start), stages: stageRowsOf(shape.stages) }
}
