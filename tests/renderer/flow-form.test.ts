import { describe, expect, it } from 'vitest'
import { FLOW_CELL, flowCellOf, rowCell, stepCell } from '../../src/renderer/src/flow/flow-cells'
import { duplicateStep, moveStep, moveStepTo, removeStep } from '../../src/renderer/src/flow/flow-edits'
import { captureRow, checkRow, flowStartedFrom, moved, nameValueRow, stepRow, variablesKnownAt, type FlowFormValues } from '../../src/renderer/src/flow/flow-form'
import { checkPlanForm } from '../../src/renderer/src/plan/plan-form-check'
import { headerRow } from '../../src/renderer/src/plan/plan-form'
import { planToForm } from '../../src/renderer/src/plan/form-of-plan'

function twoSteps(): FlowFormValues {
  return {
    variables: [nameValueRow('base', 'http://127.0.0.1:8080/')],
    steps: [
      stepRow({ name: 'log in', method: 'POST', url: '{{base}}login', captures: [captureRow('token', 'json', '$.token')], checks: [checkRow('status == 200')] }),
      stepRow({ url: '{{base}}me', headers: [nameValueRow('Authorization', 'Bearer {{token}}')], think: '1s-2s' })
    ]
  }
}

describe('flowStartedFrom', () => {
  it('makes the typed request step 1, with its sent headers and body, and a blank step 2', () => {
    const flow = flowStartedFrom({
      url: 'http://127.0.0.1/login',
      method: 'POST',
      headers: [headerRow('X-A', '1'), headerRow('X-Off', '2', false)],
      body: '{"a":1}',
      bodyKind: 'json'
    })
    expect(flow.steps).toHaveLength(2)
    expect(flow.steps[0]).toMatchObject({ url: 'http://127.0.0.1/login', method: 'POST', body: '{"a":1}' })
    expect(flow.steps[0].headers.map((row) => [row.name, row.value])).toEqual([['X-A', '1']])
    expect(flow.steps[1]).toMatchObject({ url: '', method: 'GET' })
  })
})

describe('step edits', () => {
  it('moves within the ends, by keyboard step or onto another step, and duplicates with new ids', () => {
    const flow = twoSteps()
    const [first, second] = flow.steps
    expect(moveStep(first.id, -1)(flow).steps.map((step) => step.id)).toEqual([first.id, second.id])
    expect(moveStep(first.id, 1)(flow).steps.map((step) => step.id)).toEqual([second.id, first.id])
    expect(moveStepTo(second.id, first.id)(flow).steps.map((step) => step.id)).toEqual([second.id, first.id])
    const doubled = duplicateStep(first.id)(flow).steps
    expect(doubled.map((step) => step.name)).toEqual(['log in', 'log in (copy)', ''])
    expect(doubled[1].id).not.toBe(first.id)
    expect(doubled[1].captures[0].id).not.toBe(first.captures[0].id)
    expect(removeStep(first.id)(flow).steps.map((step) => step.id)).toEqual([second.id])
    expect(moved([{ id: 1 }, { id: 2 }, { id: 3 }], 3, -2).map((row) => row.id)).toEqual([3, 1, 2])
  })
})

describe('variablesKnownAt', () => {
  it("is the flow's variables, the data columns and what earlier enabled steps capture", () => {
    const flow = { ...twoSteps(), data: { file: '/d.csv', order: 'sequential' as const, columns: ['user'], rows: 2, preview: [] } }
    expect(variablesKnownAt(flow, 0)).toEqual(['base', 'user'])
    expect(variablesKnownAt(flow, 1)).toEqual(['base', 'user', 'token'])
    const disabled = { ...flow, steps: [{ ...flow.steps[0], disabled: true }, flow.steps[1]] }
    expect(variablesKnownAt(disabled, 1)).toEqual(['base', 'user'])
  })
})

describe('checkPlanForm with a flow', () => {
  const form = (flow: FlowFormValues) => ({ url: '', totalRequests: '5', concurrency: '2', flow })

  it("reads the rows into the plan's flow, counting iterations", () => {
    const check = checkPlanForm(form(twoSteps()))
    if (!check.ok) throw new Error(JSON.stringify(check))
    expect(check.plan.iterations).toBe(5)
    expect(check.plan.totalRequests).toBeUndefined()
    expect(check.plan.url).toBe('http://127.0.0.1:8080/login')
    expect(check.plan.flow?.steps[1]).toMatchObject({ url: '{{base}}me', headers: [['Authorization', 'Bearer {{token}}']], think: { minMs: 1000, maxMs: 2000 } })
    // The way back gives the same rows' words.
    const again = checkPlanForm({ ...planToForm(check.plan) })
    if (!again.ok) throw new Error(JSON.stringify(again))
    expect(again.plan).toEqual(check.plan)
  })

  it('puts each message on its cell: an undefined variable, a bad check, a bad think time', () => {
    const flow = twoSteps()
    flow.steps[0].checks[0].text = 'status is fine'
    flow.steps[1].url = '{{base}}me?u={{nobody}}'
    flow.steps[1].think = 'soon'
    const check = checkPlanForm(form(flow))
    if (check.ok) throw new Error('accepted')
    const cells = check.flowCellErrors ?? {}
    expect(cells[rowCell(flow.steps[0].checks[0].id)]).toMatch(/^"status is fine" is not a check: /)
    expect(cells[stepCell(flow.steps[1].id, 'url')]).toMatch(/^\{\{nobody\}\} is not defined: /)
    expect(cells[stepCell(flow.steps[1].id, 'think')]).toBe('"soon" is not a think time: write one such as 500ms or 1s-3s.')
    expect(check.errors.flow).toBeDefined()
  })

  it('names the flow as a whole when every step is disabled', () => {
    const flow = twoSteps()
    for (const step of flow.steps) step.disabled = true
    expect(flowCellOf(flow, { path: ['steps'], message: 'x' })).toBe(FLOW_CELL)
    const check = checkPlanForm(form(flow))
    if (check.ok) throw new Error('accepted')
    expect(check.flowCellErrors?.[FLOW_CELL]).toBe('Every step is disabled: enable at least one.')
  })
})
