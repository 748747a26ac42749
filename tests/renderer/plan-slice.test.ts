import { describe, expect, it } from 'vitest'
import { selectFieldMessage, selectPlanIsValid } from '../../src/renderer/src/plan/plan-selectors'
import { fakeApi, stampedeStore } from '../support/factories'

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
