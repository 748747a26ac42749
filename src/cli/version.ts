/** package.json's version, written in by cli.vite.config.ts so the bundle needs no file beside it. */
declare const __STAMPEDE_VERSION__: string

export const VERSION = __STAMPEDE_VERSION__
