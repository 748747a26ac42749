import { describe, expect, it } from 'vitest'
import { isRendererUrl, rendererUrl } from '../../src/main/renderer-location'

describe('rendererUrl', () => {
  it('is the built index.html next to out/main, as a file URL', () => {
    expect(rendererUrl(undefined, '/opt/Stampede/resources/app.asar/out/main')).toBe(
      'file:///opt/Stampede/resources/app.asar/out/renderer/index.html'
    )
  })

  it('is the dev server when electron-vite runs one', () => {
    expect(rendererUrl('http://localhost:5173/', '/anywhere')).toBe('http://localhost:5173/')
  })
})

describe('isRendererUrl', () => {
  const built = 'file:///opt/Stampede/out/renderer/index.html'

  it('accepts the built page, with or without a hash', () => {
    expect(isRendererUrl(built, built)).toBe(true)
    expect(isRendererUrl(`${built}#/history`, built)).toBe(true)
  })

  it.each([
    'file:///opt/Stampede/out/renderer/other.html',
    'file:///etc/passwd',
    'https://example.com/',
    'about:blank',
    'not a url'
  ])('refuses %s when the app runs from its files', (candidate) => {
    expect(isRendererUrl(candidate, built)).toBe(false)
  })

  it('accepts any page of the dev server origin and nothing else', () => {
    const dev = 'http://localhost:5173/'
    expect(isRendererUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false)
    expect(isRendererUrl('https://localhost:5173/', dev)).toBe(false)
  })
})
