import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'

/**
 * What a live process holds, read from Linux's /proc: resident memory and open descriptors. Tests
 * that use it run only where /proc exists (HAS_PROC).
 */
export const HAS_PROC = (() => {
  try {
    readFileSync('/proc/self/status')
    return true
  } catch {
    return false
  }
})()

/** Resident set size now (VmRSS), in bytes. */
export function residentBytes(pid: number): number {
  return statusKb(pid, 'VmRSS') * 1024
}

/** The most resident memory since the process started or since resetPeakResident (VmHWM), in bytes. */
export function peakResidentBytes(pid: number): number {
  return statusKb(pid, 'VmHWM') * 1024
}

/** Sets the peak (VmHWM) back to the current resident size, so a later peak belongs to what came after. */
export function resetPeakResident(pid: number): void {
  // "5" resets the peak resident set size (proc(5), clear_refs). Only the process's owner or root may.
  writeFileSync(`/proc/${pid}/clear_refs`, '5')
}

export interface OpenDescriptors {
  all: number
  sockets: number
}

export function openDescriptors(pid: number): OpenDescriptors {
  let all = 0
  let sockets = 0
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    all++
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) sockets++
    } catch {
      // Closed while being read.
    }
  }
  return { all, sockets }
}

function statusKb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}.`)
  return Number(match[1])
}
