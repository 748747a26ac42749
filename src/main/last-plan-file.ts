import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LastPlanReply } from '../shared/ipc'
import { PLAN_LIMITS, type RunPlan } from '../shared/run-plan'
import { checkRunPlan } from '../shared/validation'

export const LAST_PLAN_FILE_NAME = 'last-plan.json'
/** Bumped when the file's shape changes; a file of another version is left alone. */
const FORMAT_VERSION = 1
/** The largest plan (a 10 MB body, escaped) fits well within this; a larger file is not ours. */
const MAX_FILE_BYTES = 4 * PLAN_LIMITS.bodyBytes

/**
 * The plan of the last run, kept in a small JSON file in a folder main names (the app's user-data
 * folder; a temporary one in tests). What is read back is judged by the shared validation like any
 * plan from outside: a file that is corrupt, foreign or hostile is ignored with a reason, never a crash.
 */
export class LastPlanFile {
  readonly path: string
  /** Saves one after another, so a quick second save cannot be overtaken by the first. */
  private saving: Promise<void> = Promise.resolve()

  constructor(private readonly folder: string) {
    this.path = join(folder, LAST_PLAN_FILE_NAME)
  }

  async load(): Promise<LastPlanReply> {
    let text: string
    try {
      if ((await stat(this.path)).size > MAX_FILE_BYTES) return this.ignored('it is larger than any plan')
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return {}
      return this.ignored(`it cannot be read (${code ?? (error as Error).message})`)
    }
    let saved: unknown
    try {
      saved = JSON.parse(text)
    } catch {
      return this.ignored('it is not valid JSON')
    }
    if (typeof saved !== 'object' || saved === null || (saved as { version?: unknown }).version !== FORMAT_VERSION) {
      return this.ignored('it is not a plan saved by this version of Stampede')
    }
    const check = checkRunPlan((saved as { plan?: unknown }).plan)
    if (!check.ok) {
      const reasons = [...Object.values(check.errors), check.message].filter(Boolean)
      return this.ignored(`its plan is not valid: ${reasons.join(' ')}`)
    }
    return { plan: check.plan }
  }

  /** Writes the whole file anew (to a temporary name, then renamed), so a crash never leaves half a plan. */
  save(plan: RunPlan): Promise<void> {
    const write = async (): Promise<void> => {
      await mkdir(this.folder, { recursive: true })
      const partial = `${this.path}.partial`
      await writeFile(partial, JSON.stringify({ version: FORMAT_VERSION, plan }, null, 2), 'utf8')
      await rename(partial, this.path)
    }
    const saved = this.saving.then(write, write)
    this.saving = saved.catch(() => undefined)
    return saved
  }

  private ignored(reason: string): LastPlanReply {
    return { message: `The last plan was not restored: ${reason} (${this.path}).` }
  }
}
