/* global process, setImmediate */
// Test-only preload (node --require): once the engine has said 'ready', a promise rejects that
// nothing handles, as a bug in the engine would. Never part of the app.
const send = process.send.bind(process)
process.send = (message, ...rest) => {
  const result = send(message, ...rest)
  if (message && message.type === 'ready') setImmediate(() => Promise.reject(new Error('planted rejection')))
  return result
}
