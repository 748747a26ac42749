import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute } from 'node:path'
import { z } from 'zod'
import { FILE_KINDS, type FileKind } from './file-destinations'

export const DIALOG_FOLDERS_FILE = 'dialog-folders.json'

const SAVED = z.partialRecord(z.enum(FILE_KINDS), z.string().refine(isAbsolute))

/**
 * The folder each kind of file was last saved to or opened from, kept across restarts in a small
 * file of the user-data folder. Since Electron 43 a dialog without defaultPath opens in Downloads
 * and the system no longer remembers the last folder: main passes this one as defaultPath instead.
 * A missing or foreign file remembers nothing; a write that fails costs the memory, never the file.
 */
export class DialogFolders {
  private readonly folders: Partial<Record<FileKind, string>>

  constructor(private readonly file: string) {
    this.folders = readSaved(file)
  }

  /** Where the dialog for this kind of file opens, or undefined before any was chosen. */
  last(kind: FileKind): string | undefined {
    return this.folders[kind]
  }

  /** The folder of the file the user chose in a dialog for this kind. */
  remember(kind: FileKind, chosenFile: string): void {
    const folder = dirname(chosenFile)
    if (this.folders[kind] === folder) return
    this.folders[kind] = folder
    try {
      mkdirSync(dirname(this.file), { recursive: true })
      writeFileSync(`${this.file}.partial`, JSON.stringify(this.folders))
      renameSync(`${this.file}.partial`, this.file)
    } catch (error) {
      console.warn(`Could not remember the dialogs' folders in ${this.file}:`, error)
    }
  }
}

function readSaved(file: string): Partial<Record<FileKind, string>> {
  try {
    const parsed = SAVED.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}
