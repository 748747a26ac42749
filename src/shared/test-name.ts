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
