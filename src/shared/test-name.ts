/**
 * The rule for a test's name, apart from ./saved-test.ts so the window can check a name as it is
 * typed without loading the plan's schema (zod) at start-up.
 */
export const TEST_NAME_MAX_LENGTH = 120

/** Why a test name cannot be used, or undefined when it can. */
export function testNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return 'Give the test a name.'
  if (name.trim().length > TEST_NAME_MAX_LENGTH) return `A test name has at most ${TEST_NAME_MAX_LENGTH} characters.`
  return undefined
}

/** Names compare as people read them: "checkout" and "Checkout " are the same test's name. */
export function sameTestName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase()
}

/** `name`, or "name (2)", "name (3)"… : the first no test in `taken` has, within the length limit. */
export function unusedTestName(name: string, taken: readonly string[]): string {
  const isTaken = (candidate: string) => taken.some((other) => sameTestName(other, candidate))
  const base = name.trim()
  if (!isTaken(base)) return base
  for (let copy = 2; ; copy++) {
    const suffix = ` (${copy})`
    const candidate = base.slice(0, TEST_NAME_MAX_LENGTH - suffix.length).trimEnd() + suffix
    if (!isTaken(candidate)) return candidate
  }
}
