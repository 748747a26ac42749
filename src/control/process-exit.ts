import type { ProcessExit } from './process-channel'

/** Electron's child-process-gone reasons, in words for the user. */
const REASONS: Readonly<Record<string, string>> = {
  killed: 'it was killed',
  oom: 'it ran out of memory',
  crashed: 'it crashed',
  'launch-failed': 'it could not be launched',
  'integrity-failure': 'a code integrity check failed',
  'memory-eviction': 'the system reclaimed its memory',
  'abnormal-exit': 'it exited abnormally',
  SIGKILL: 'killed by SIGKILL',
  SIGTERM: 'ended by SIGTERM',
  SIGSEGV: 'it crashed (SIGSEGV)',
  SIGABRT: 'it aborted (SIGABRT)'
}

/** "killed by SIGKILL", "it ran out of memory, exit code 9", "exit code 1": how a child ended. */
export function describeExit({ code, reason }: ProcessExit): string {
  const why = reason === undefined || reason === 'clean-exit' ? undefined : (REASONS[reason] ?? reason)
  const codeText = code === null ? undefined : `exit code ${code}`
  return [why, codeText].filter(Boolean).join(', ') || 'no exit code'
}
