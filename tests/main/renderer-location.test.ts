import { describe, expect, it } from 'vitest'
import { RENDERER_ENTRY_URL, isBuiltRendererUrl, rendererLocation } from '../../src/main/renderer-location'

const DEV = 'http://localhost:5173/'

describe('rendererLocation', () => {
  it('loads the built page from stampede://app, never from file://', () => {
    const location = rendererLocation({ isPackaged: false, devServerUrl: undefined })
    expect(location.url).toBe('stampede://app/index.html')
    expect(location.url).toBe(RENDERER_ENTRY_URL)
    expect(location.fromDevServer).toBe(false)
  })

  it('loads the dev server when electron-vite runs one, unpackaged', () => {
    const location = rendererLocation({ isPackaged: false, devServerUrl: DEV })
    expect(location).toMatchObject({ url: DEV, fromDevServer: true })
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app: loads, trusts and relaxes nothing for it', () => {
    const location = rendererLocation({ isPackaged: true, devServerUrl: 'https://evil.example/' })
    expect(location).toMatchObject({ url: RENDERER_ENTRY_URL, fromDevServer: false })
    expect(location.isRendererUrl('https://evil.example/')).toBe(false)
    expect(location.isRendererUrl(RENDERER_ENTRY_URL)).toBe(true)
  })

  it.each(['file:///C:/evil.html', 'javascript:alert(1)', 'not a url'])(
    'ignores a dev server URL that is not http(s): %s',
    (devServerUrl) => {
      expect(rendererLocation({ isPackaged: false, devServerUrl }).url).toBe(RENDERER_ENTRY_URL)
    }
  )
})

describe('which pages are ours, built', () => {
  const { isRendererUrl } = rendererLocation({ isPackaged: true, devServerUrl: undefined })

  it.each([
    'stampede://app/index.html',
    'stampede://app/',
    'stampede://app/index.html#/history',
    'stampede://app/index.html?run=1',
    // Chromium lower-cases a standard scheme's host; Node's URL keeps what is written. Either matches.
    'STAMPEDE://APP/index.html',
    'Stampede://App/index.html'
  ])('accepts %s', (candidate) => {
    expect(isRendererUrl(candidate)).toBe(true)
  })

  it.each([
    ['another host of the scheme', 'stampede://evil/index.html'],
    ['a look-alike host', 'stampede://app.evil.example/'],
    ['a port', 'stampede://app:8080/index.html'],
    ['credentials', 'stampede://user:pw@app/index.html'],
    ['no host', 'stampede:app/index.html'],
    // The built page used to be a file: URL, and its drive letter's case differed between Node and Chromium.
    ['the old file page, lower-case drive', 'file:///c:/Program%20Files/Stampede/resources/app.asar/out/renderer/index.html'],
    ['the old file page, upper-case drive', 'file:///C:/Program%20Files/Stampede/resources/app.asar/out/renderer/index.html'],
    ['any other file', 'file:///etc/passwd'],
    ['the dev server, when packaged', DEV],
    ['a web page', 'https://example.com/'],
    ['about:blank', 'about:blank'],
    ['nothing', ''],
    ['not a URL', 'not a url']
  ])('refuses %s', (_label, candidate) => {
    expect(isRendererUrl(candidate)).toBe(false)
  })

  it('is the same judgement as isBuiltRendererUrl', () => {
    expect(isRendererUrl).toBe(isBuiltRendererUrl)
  })
})

describe('which pages are ours, in development', () => {
  const { isRendererUrl } = rendererLocation({ isPackaged: false, devServerUrl: DEV })

  it('accepts any page of the dev server origin, however its host is written', () => {
    expect(isRendererUrl('http://localhost:5173/index.html')).toBe(true)
    expect(isRendererUrl('http://LOCALHOST:5173/')).toBe(true)
  })

  it.each(['http://localhost:5174/', 'http://127.0.0.1:5173/', 'https://localhost:5173/', RENDERER_ENTRY_URL])(
    'refuses %s',
    (candidate) => {
      expect(isRendererUrl(candidate)).toBe(false)
    }
  )
})
