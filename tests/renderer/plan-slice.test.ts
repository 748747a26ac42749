import { describe, expect, it } from 'vitest'
import {
  selectFieldMessage,
  selectHeaderRowMessage,
  selectPlanIsValid,
  selectQueryParams
} from '../../src/renderer/src/plan/plan-selectors'
import { createStampedeStore } from '../../src/renderer/src/app/stampede-store'
import { fakeApi, stampedeStore } from '../support/factories'
import { planOf } from '../support/plans'

describe('fillWithDemoTarget', () => {
  it("puts the demo target's URL in the URL field, which makes the opening form valid", async () => {
    const store = stampedeStore(fakeApi({ startDemoTarget: async () => ({ url: 'http://127.0.0.1:40123/' }) }))
    await store.getState().fillWithDemoTarget()
    expect(store.getState().fields.url).toBe('http://127.0.0.1:40123/')
    expect(selectPlanIsValid(store.getState())).toBe(true)
  })

  it('says why in the run notice when the demo target cannot start, and leaves the URL as typed', async () => {
    const store = stampedeStore(
      fakeApi({
        startDemoTarget: async () => {
          throw new Error('no free port')
        }
      })
    )
    store.getState().editField('url', 'http://example.test/')
    await store.getState().fillWithDemoTarget()
    expect(store.getState().fields.url).toBe('http://example.test/')
    expect(store.getState().notice).toEqual({ tone: 'error', text: 'Could not start the demo target: no free port' })
  })
})

describe('markRefused', () => {
  it('shows each refusal until its own field is edited', () => {
    const store = stampedeStore()
    store.getState().markRefused({ url: 'Main says no.', concurrency: 'Too many for this machine.' })
    store.getState().editField('url', 'http://127.0.0.1/')
    expect(selectFieldMessage('url')(store.getState())).toBeUndefined()
    expect(selectFieldMessage('concurrency')(store.getState())).toBe('Too many for this machine.')
  })
})

describe('headers', () => {
  it('adds, edits, switches off and removes rows, each edit judged at once', () => {
    const store = stampedeStore()
    store.getState().editField('url', 'http://127.0.0.1/')
    store.getState().addHeader()
    const [row] = store.getState().fields.headers
    store.getState().editHeader(row.id, { name: 'Connection', value: 'close' })
    expect(selectPlanIsValid(store.getState())).toBe(false)
    expect(selectHeaderRowMessage(row.id)(store.getState())).toBe(
      'Stampede keeps connections alive itself; remove the Connection header.'
    )
    store.getState().editHeader(row.id, { enabled: false })
    expect(selectPlanIsValid(store.getState())).toBe(true)
    store.getState().removeHeader(row.id)
    expect(store.getState().fields.headers).toEqual([])
  })
})

describe('query parameters', () => {
  it('are the URL: adding, editing and removing a row rewrites it', () => {
    const store = stampedeStore()
    store.getState().editField('url', 'http://127.0.0.1/search?q=cats#top')
    store.getState().addQueryParam()
    store.getState().editQueryParam(1, { name: 'page' })
    store.getState().editQueryParam(1, { value: '2' })
    store.getState().editQueryParam(0, { value: 'big cats' })
    expect(store.getState().fields.url).toBe('http://127.0.0.1/search?q=big+cats&page=2#top')
    expect(selectQueryParams(store.getState())).toEqual([
      { name: 'q', value: 'big cats' },
      { name: 'page', value: '2' }
    ])
    store.getState().removeQueryParam(0)
    store.getState().removeQueryParam(0)
    expect(store.getState().fields.url).toBe('http://127.0.0.1/search#top')
  })
})

describe('importCurl', () => {
  it('fills the request, lists what it left out, and shows at once what the plan refuses', async () => {
    const store = stampedeStore()
    const imported = await store
      .getState()
      .importCurl(`curl -L -X POST https://127.0.0.1/api -H 'Connection: keep-alive' --data-raw '{"a":1}' -H 'Content-Type: application/json'`)
    expect(imported).toBe(true)
    const state = store.getState()
    expect(state.fields).toMatchObject({ url: 'https://127.0.0.1/api', method: 'POST', bodyKind: 'json', body: '{"a":1}' })
    expect(state.curlImport).toEqual({
      ok: true,
      unmapped: [{ argument: '-L', reason: 'Stampede does not follow redirects: a 3xx counts as a response.' }]
    })
    const connection = state.fields.headers.find((row) => row.name === 'Connection')
    expect(selectHeaderRowMessage(connection?.id ?? -1)(state)).toMatch(/remove the Connection header/)
  })

  it('changes nothing when the text is not a cURL command, and says why', async () => {
    const store = stampedeStore()
    store.getState().editField('url', 'http://127.0.0.1/')
    expect(await store.getState().importCurl("curl 'http://127.0.0.1/")).toBe(false)
    expect(store.getState().fields.url).toBe('http://127.0.0.1/')
    expect(store.getState().curlImport).toEqual({ ok: false, message: 'Not a command Stampede can read: a quote is never closed.' })
  })
})

describe('remembering the last plan', () => {
  const remembered = planOf({ url: 'http://127.0.0.1:9000/orders', method: 'DELETE', durationMs: 3000, concurrency: 4 })

  it('restores the plan main remembered into an untouched form', async () => {
    const store = stampedeStore(fakeApi({ loadLastPlan: async () => ({ plan: remembered }) }))
    await store.getState().restoreLastPlan()
    expect(store.getState().fields).toMatchObject({ url: remembered.url, method: 'DELETE', stopAfter: 'duration', duration: '3' })
    expect(store.getState().planCheck).toEqual({ ok: true, plan: remembered })
  })

  it('leaves what the user began typing alone', async () => {
    const store = stampedeStore(fakeApi({ loadLastPlan: async () => ({ plan: remembered }) }))
    store.getState().editField('url', 'http://127.0.0.1:1/')
    await store.getState().restoreLastPlan()
    expect(store.getState().fields.url).toBe('http://127.0.0.1:1/')
  })

  it("shows main's reason when the remembered plan could not be used", async () => {
    const message = 'The last plan was not restored: it is not valid JSON (/data/last-plan.json).'
    const store = stampedeStore(fakeApi({ loadLastPlan: async () => ({ message }) }))
    await store.getState().restoreLastPlan()
    expect(store.getState().planNote).toBe(message)
    expect(store.getState().fields.url).toBe('')
  })

  it('asks main to remember a plan once the run has started, and not before', async () => {
    const saved: unknown[] = []
    const store = stampedeStore(
      fakeApi({
        startRun: async () => ({ ok: false, errors: {}, message: 'A run is already going.' }),
        saveLastPlan: async (plan) => {
          saved.push(plan)
          return { saved: true }
        }
      })
    )
    store.getState().editField('url', 'http://127.0.0.1/')
    await store.getState().submitRun()
    expect(saved).toEqual([])
    store.setState({ phase: 'idle' })
    const accepting = stampedeStore(
      fakeApi({
        saveLastPlan: async (plan) => {
          saved.push(plan)
          return { saved: false, message: 'The plan could not be remembered: disk full' }
        }
      })
    )
    accepting.getState().editField('url', 'http://127.0.0.1/')
    await accepting.getState().submitRun()
    await Promise.resolve()
    expect(saved).toEqual([planOf({ url: 'http://127.0.0.1/', totalRequests: 1000, concurrency: 50 })])
    expect(accepting.getState().planNote).toBe('The plan could not be remembered: disk full')
  })
})

describe('choose', () => {
  it('lets a field it brings into view speak at once, so a disabled Submit is never unexplained', () => {
    const store = stampedeStore()
    store.getState().editField('url', 'http://127.0.0.1/')
    store.getState().choose('model', 'open')
    store.getState().choose('stopAfter', 'both')
    expect(selectPlanIsValid(store.getState())).toBe(false)
    expect(selectFieldMessage('ratePerSecond')(store.getState())).toBe('Rate must be a whole number.')
    expect(selectFieldMessage('duration')(store.getState())).toBe('The duration must be a number.')
  })
})

describe('loadPlanJudge (the window judges the form once its judge, zod, has loaded)', () => {
  it('holds Submit back with no message until then, and then judges what was typed meanwhile', async () => {
    const store = createStampedeStore(fakeApi())
    store.getState().editField('url', 'localhost:8080')
    store.getState().touchAllFields()
    expect(store.getState().planCheck).toEqual({ ok: false, errors: {}, pending: true })
    expect(selectPlanIsValid(store.getState())).toBe(false)
    expect(selectFieldMessage('url')(store.getState())).toBeUndefined()

    await store.getState().loadPlanJudge()
    expect(selectFieldMessage('url')(store.getState())).toMatch(/^Enter a full URL starting with http:\/\//)
    store.getState().editField('url', 'http://127.0.0.1:8080/')
    expect(selectPlanIsValid(store.getState())).toBe(true)
  })
})
