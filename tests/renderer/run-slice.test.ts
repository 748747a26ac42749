import { describe, expect, it } from 'vitest'
import type { StampedeStore } from '../../src/renderer/src/app/stampede-store'
import { selectFieldMessage } from '../../src/renderer/src/plan/plan-selectors'
import type { StartRunReply } from '../../src/shared/ipc'
import { fakeApi, snapshot, stampedeStore } from '../support/factories'
import { planOf } from '../support/plans'

const URL = 'http://127.0.0.1:8080/health'

/** A store whose startRun answers with `reply`, counting the plans it was given. */
function storeStartingWith(reply: () => Promise<StartRunReply>) {
  const sent: unknown[] = []
  const store = stampedeStore(
    fakeApi({
      startRun: (plan) => {
        sent.push(plan)
        return reply()
      }
    })
  )
  return { store, sent }
}

function typeValidPlan(store: StampedeStore): void {
  store.getState().editField('url', URL)
}

describe('submitRun', () => {
  it('sends nothing for an invalid plan, and touches every field so each shows its message', async () => {
    const { store, sent } = storeStartingWith(async () => ({ ok: true, runId: 1 }))
    await store.getState().submitRun()
    expect(sent).toHaveLength(0)
    expect(store.getState().phase).toBe('idle')
    expect(selectFieldMessage('url')(store.getState())).toBe('Enter the URL to test.')
  })

  it('marks the fields main refused and says so in the notice', async () => {
    const { store, sent } = storeStartingWith(async () => ({ ok: false, errors: { url: 'Main says no.' } }))
    typeValidPlan(store)
    await store.getState().submitRun()
    expect(sent).toHaveLength(1)
    const state = store.getState()
    expect(state.phase).toBe('idle')
    expect(state.snapshot).toBeUndefined()
    expect(selectFieldMessage('url')(state)).toBe('Main says no.')
    expect(state.notice).toEqual({ tone: 'error', text: 'The run was refused: check the marked fields.' })
  })

  it('clears the last refusal when the next start is accepted', async () => {
    let reply: StartRunReply = { ok: false, errors: { url: 'Main says no.' } }
    const { store } = storeStartingWith(async () => reply)
    typeValidPlan(store)
    await store.getState().submitRun()
    reply = { ok: true, runId: 2 }
    await store.getState().submitRun()
    const state = store.getState()
    expect(state.phase).toBe('running')
    expect(state.notice).toBeUndefined()
    expect(selectFieldMessage('url')(state)).toBeUndefined()
  })

  it('says why in the notice when main cannot be reached', async () => {
    const { store } = storeStartingWith(async () => {
      throw new Error('the bridge is gone')
    })
    typeValidPlan(store)
    await store.getState().submitRun()
    expect(store.getState()).toMatchObject({
      phase: 'idle',
      notice: { tone: 'error', text: 'Could not start the run: the bridge is gone' }
    })
  })

  it("claims progress that came before startRun's reply named the run, and drops another run's", async () => {
    let answer!: (reply: StartRunReply) => void
    const { store } = storeStartingWith(() => new Promise((resolve) => (answer = resolve)))
    typeValidPlan(store)
    const submitted = store.getState().submitRun()
    const early = snapshot({ runId: 7, total: 1000, statusCodes: { 200: 40 } })
    store.getState().applyProgress(early)
    answer({ ok: true, runId: 7 })
    await submitted
    store.getState().applyProgress(snapshot({ runId: 6, total: 1000, statusCodes: { 200: 900 } }))
    expect(store.getState()).toMatchObject({ phase: 'running', runId: 7, snapshot: early })
  })
})

describe('submitRun of a flow', () => {
  it("judges the run on screen by each sent step's own thresholds too, as main judges it, and sends main only the typed ones", async () => {
    const expressions: unknown[] = []
    const store = stampedeStore(
      fakeApi({
        startRun: (_plan, thresholds) => {
          expressions.push(thresholds)
          return Promise.resolve({ ok: true, runId: 1 })
        }
      })
    )
    const step = (name: string, thresholds: string[], disabled?: boolean) => ({
      name,
      method: 'GET',
      url: `${URL}/${name}`,
      headers: [],
      captures: [],
      checks: [],
      thresholds,
      ...(disabled ? { disabled } : {})
    })
    store.getState().loadPlan(
      planOf({ url: URL, iterations: 5, concurrency: 1, flow: { variables: [], steps: [step('home', ['p99<250ms']), step('off', ['p99<1ms'], true)] } })
    )
    store.getState().loadThresholds(['error_rate<1%'])
    await store.getState().submitRun()
    expect(expressions).toEqual([['error_rate<1%']])
    expect(store.getState().runThresholds.map(({ expression, step }) => ({ expression, step }))).toEqual([
      { expression: 'error_rate<1%', step: undefined },
      { expression: 'home: p99<250ms', step: 'home' }
    ])
  })
})
