import { PLAN_DEFAULTS } from '../../../shared/run-plan'
import { checkRunPlan, parseTypedNumber, type PlanCheck } from '../../../shared/validation'

/** The plan form's fields as typed: text, until checkPlanForm reads it into a plan. */
export interface PlanFormText {
  url: string
  totalRequests: string
  concurrency: string
}

/** The name of one field of the plan form. */
export type PlanFormField = keyof PlanFormText

/** What the form shows before anything is typed. */
export const INITIAL_PLAN_FORM_TEXT: PlanFormText = {
  url: '',
  totalRequests: String(PLAN_DEFAULTS.totalRequests),
  concurrency: String(PLAN_DEFAULTS.concurrency)
}

/** Turns typed text into a plan, judged by the shared validation; numbers are read by parseTypedNumber. */
export function checkPlanForm(form: PlanFormText): PlanCheck {
  return checkRunPlan({
    url: form.url,
    totalRequests: parseTypedNumber(form.totalRequests),
    concurrency: parseTypedNumber(form.concurrency)
  })
}
