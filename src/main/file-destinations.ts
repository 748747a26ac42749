/** A file type offered in a native dialog, such as { name: 'JSON report', extensions: ['json'] }. */
export interface FileFilter {
  name: string
  extensions: string[]
}

/** What a dialog is for: each kind opens in the folder last used for that kind (./dialog-folders.ts). */
/** Each kind of file remembers its own last folder (./dialog-folders.ts). */
export const FILE_KINDS = ['report', 'test-file', 'result', 'data-file'] as const
export type FileKind = (typeof FILE_KINDS)[number]

/**
 * Where files come from and go: main's own native dialogs, file reads and writes, and clipboard,
 * injected so the handlers run under Node tests with fakes (tests/main) and in the Chromium harness
 * with a temp folder. The page never names a path: only the user, in a dialog, does.
 */
export interface FileDestinations {
  /** The native save dialog: the path the user picked, or undefined when dismissed. */
  chooseSavePath(defaultName: string, filters: FileFilter[], kind: FileKind): Promise<string | undefined>
  /** The native open dialog (one file): the path the user picked, or undefined when dismissed. */
  chooseOpenPath(filters: FileFilter[], kind: FileKind): Promise<string | undefined>
  writeFile(path: string, text: string): Promise<void>
  /** A file's text; refuses one larger than `maxBytes` rather than read it whole. */
  readFile(path: string, maxBytes: number): Promise<string>
  /** Electron's clipboard.writeText, a promise since Electron 44: settled once the text is on the clipboard. */
  writeClipboard(text: string): Promise<void>
}

/** Without a window there is no dialog to ask and no clipboard: every transfer is refused, nothing touched. */
export const NO_DESTINATIONS: FileDestinations = {
  chooseSavePath: () => Promise.reject(new Error(NEEDS_WINDOW)),
  chooseOpenPath: () => Promise.reject(new Error(NEEDS_WINDOW)),
  writeFile: () => Promise.reject(new Error(NEEDS_WINDOW)),
  readFile: () => Promise.reject(new Error(NEEDS_WINDOW)),
  writeClipboard: () => Promise.reject(new Error(NEEDS_WINDOW))
}

const NEEDS_WINDOW = 'Files and the clipboard need the app window.'

/** A refusal the page shows as it is: every handler answers with one rather than throw. */
export type Refusal = { ok: false; message: string }

/**
 * What the user picked in a dialog (undefined when dismissed), or why no dialog could be shown: a
 * handler that threw would reach the page behind Electron's "Error invoking remote method" prefix.
 */
export async function pickedPath(choose: () => Promise<string | undefined>): Promise<{ path?: string } | Refusal> {
  try {
    return { path: await choose() }
  } catch (error) {
    return { ok: false, message: `The dialog could not be shown: ${(error as Error).message}` }
  }
}
