import { describe, expect, it } from 'vitest'
import { describeExit } from '../../src/control/process-exit'

describe('describeExit', () => {
  it.each([
    [{ code: null, reason: 'SIGKILL' }, 'killed by SIGKILL'],
    [{ code: 1 }, 'exit code 1'],
    [{ code: 9, reason: 'oom' }, 'it ran out of memory, exit code 9'],
    [{ code: 0, reason: 'killed' }, 'it was killed, exit code 0'],
    [{ code: 3, reason: 'launch-failed' }, 'it could not be launched, exit code 3'],
    [{ code: 0, reason: 'clean-exit' }, 'exit code 0'],
    [{ code: null, reason: 'SIGBUS' }, 'SIGBUS'],
    [{ code: null }, 'no exit code']
  ])('%j reads "%s"', (exit, expected) => {
    expect(describeExit(exit)).toBe(expected)
  })
})
