import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { contentSecurityPolicy } from './src/shared/content-security-policy'

/** Writes the one policy into index.html: strict in builds, with the dev server's needs under `dev`. */
function contentSecurityPolicyMeta(): Plugin {
  let forDevServer = false
  return {
    name: 'stampede:content-security-policy',
    configResolved(config) {
      forDevServer = config.command === 'serve'
    },
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(forDevServer) },
        injectTo: 'head-prepend'
      }
    ]
  }
}

// The engine and the demo target get stable entry names so tests and the CLI can fork out/main/*.js.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          engine: resolve('src/engine/index.ts'),
          'demo-target': resolve('src/demo-target/server.ts')
        }
      }
    }
  },
  preload: {},
  renderer: {
    plugins: [contentSecurityPolicyMeta(), react()],
    // electron-vite leaves builds unminified; the renderer is parsed at every window load.
    build: { minify: true }
  }
})
