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

/**
 * React DOM is CommonJS, which the bundle wraps in one arrow function of 200 kB (React's and the
 * scheduler's modules, in the same chunk, get one each). V8 preparses that function with the chunk,
 * then parses it again, on the page's main thread, when the app's first task calls it. Written as a
 * parenthesised `function` (V8's hint for a function called at once), it is compiled with the
 * chunk's own parse, in the task that loads the chunk, not in the one that starts the app
 * (docs/benchmarks.md, "Last, React DOM's parse").
 */
function eagerlyCompiledWrappers(chunkName: string): Plugin {
  return {
    name: 'stampede:eagerly-compiled-wrappers',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((file) => file.type === 'chunk' && file.name === chunkName)
      if (chunk?.type !== 'chunk') return this.error(`No chunk named ${chunkName} to compile eagerly.`)
      let wrappers = 0
      // The bundler's wrapper calls: `=e((e=>{` and `=e(((e,t)=>{`, minified.
      chunk.code = chunk.code.replace(/=(\w+)\(\(\(?(\w+(?:,\w+)?)\)?=>\{/g, (_call, wrap: string, parameters: string) => {
        wrappers++
        return `=${wrap}((function(${parameters}){`
      })
      if (wrappers === 0) this.error(`The bundler's CommonJS wrappers were not found in ${chunkName}: its output has changed.`)
    }
  }
}

/** React DOM's chunk: named by its group below, rewritten by eagerlyCompiledWrappers. */
const REACT_DOM_CHUNK = 'react-dom'

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
    plugins: [contentSecurityPolicyMeta(), react(), eagerlyCompiledWrappers(REACT_DOM_CHUNK)],
    build: {
      // electron-vite leaves builds unminified; the renderer is parsed at every window load.
      minify: true,
      rolldownOptions: {
        output: {
          // React DOM and zod in chunks of their own, preloaded: each is parsed in the task that
          // loads it, apart from the one that runs it, so no one task of the page's load parses and
          // runs them both (docs/benchmarks.md).
          codeSplitting: {
            groups: [
              { name: REACT_DOM_CHUNK, test: /node_modules[\\/](react-dom|scheduler)[\\/]/ },
              { name: 'zod', test: /node_modules[\\/]zod[\\/]/ }
            ]
          }
        }
      }
    }
  }
})
