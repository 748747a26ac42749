/* global process, setImmediate */
// Test-only preload (node --require): at the first progress snapshot of a run, an exception that
// nothing catches, as a bug in the engine would throw. Never part of the app.
const send = process.send.bind(process)
let thrown = false
process.send = (message, ...rest) => {
  const result = send(message, ...rest)
  if (!thrown && message && message.type === 'progress') {
    thrown = true
    setImmediate(() => {
      throw new TypeError('planted exception')
    })
  }
  return result
}
