import { describe, expect, it } from 'vitest'
import { createImportHandlers, testOrImportReply } from '../../src/main/import-handlers'
import { IMPORT_MAX_BYTES } from '../../src/shared/import/har-file'
import { harOf } from '../support/recordings/har-builder'
import { SHOP_JOURNEY } from '../support/recordings/shop-journey'

/** A file dropped on the window: its name and text come from the page, untrusted. */
describe('importDroppedFile', () => {
  const { importDroppedFile } = createImportHandlers()
  const call = importDroppedFile as (...args: unknown[]) => Promise<unknown>

  it('answers a HAR with the recording to review, not a test', async () => {
    const reply = await importDroppedFile('shop.har', JSON.stringify(harOf('firefox', SHOP_JOURNEY)))
    expect(reply).toMatchObject({ ok: true, file: 'shop.har', source: { format: 'har', fileName: 'shop.har' } })
    if (reply.ok && reply.source?.format === 'har') expect(reply.source.recording.exchanges).toHaveLength(SHOP_JOURNEY.length)
  })

  it('answers a test file with its test', async () => {
    const yaml = 'stampede: 1\nname: Health\nrequest:\n  url: http://127.0.0.1:8080/health\nload:\n  requests: 10\n'
    expect(await importDroppedFile('health.yaml', yaml)).toMatchObject({ ok: true, test: { name: 'Health' }, file: 'health.yaml' })
  })

  it('names the file in what it refuses, and takes only its base name from the page', async () => {
    expect(await importDroppedFile('../../etc/shop.har', '{"log": {"entries": []}}')).toEqual({ ok: false, message: 'shop.har: the recording has no requests.' })
    expect(await importDroppedFile('big.har', 'x'.repeat(IMPORT_MAX_BYTES + 1))).toEqual({ ok: false, message: 'big.har is more than an import reads.' })
    expect(await call(42, 'text')).toEqual({ ok: false, message: 'The dropped file has no name Stampede can use.' })
    expect(await call('a.har', { log: {} })).toEqual({ ok: false, message: 'a.har could not be read.' })
    await expect(call('a.har', '{}', 'extra')).rejects.toThrow('importDroppedFile takes 2 argument(s), got 3.')
  })

  it('a test file past a test file\'s size is refused though an import would be read', () => {
    const big = `stampede: 1\nname: x\n# ${'y'.repeat(1024 * 1024)}\n`
    expect(testOrImportReply(big, 'big.yaml')).toEqual({ ok: false, message: 'big.yaml is too large for a test file.' })
  })
})
