import { expect } from 'vitest'

// A stand-in for Electron's binary with a real fuse wire, for electron-builder's and
// @electron/fuses' own code to flip (the real binary cannot be downloaded here).

/** Electron's fuse wire, from its build/fuses/build.py and fuses.json5 (Electron 45): a sentinel,
 * the schema version (1), the wire's length, then one ASCII '0' / '1' per fuse, in this order. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const ELECTRON_45_FUSES = [
  ['run_as_node', '1'],
  ['cookie_encryption', '0'],
  ['node_options', '1'],
  ['node_cli_inspect', '1'],
  ['embedded_asar_integrity_validation', '0'],
  ['only_load_app_from_asar', '0'],
  ['load_browser_process_specific_v8_snapshot', '0'],
  ['grant_file_protocol_extra_privileges', '1'],
  ['wasm_trap_handlers', '1']
] as const
export type FuseName = (typeof ELECTRON_45_FUSES)[number][0]

export function standInBinary(): Buffer {
  const wire = ELECTRON_45_FUSES.map(([, state]) => state).join('')
  return Buffer.concat([
    Buffer.from('\x7fELF stand-in machine code before the wire '),
    Buffer.from(SENTINEL),
    Buffer.from([1, ELECTRON_45_FUSES.length]),
    Buffer.from(wire),
    Buffer.from(' and after it')
  ])
}

/** Each fuse's state, read straight from the bytes after the sentinel. */
export function readWire(binary: Buffer): Record<FuseName, string> {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length
  expect(binary[at]).toBe(1)
  expect(binary[at + 1]).toBe(ELECTRON_45_FUSES.length)
  return Object.fromEntries(
    ELECTRON_45_FUSES.map(([name], index) => [name, String.fromCharCode(binary[at + 2 + index])])
  ) as Record<FuseName, string>
}
