import { monitorEventLoopDelay, performance, type EventLoopUtilization, type ELDHistogram } from 'node:perf_hooks'
import type { GeneratorHealth } from '../shared/run-interval'

/** Node samples the event loop's delay with a timer of this period: cheap, and ten samples an interval. */
const DELAY_RESOLUTION_MS = 10
const NS_PER_MS = 1e6

/**
 * How this engine process itself is doing, interval by interval: how late its timers fire, how busy
 * its event loop is and how much CPU it uses (see src/shared/generator-health.ts for what they tell).
 * Three readings of Node's own counters per interval; nothing per request.
 */
export class GeneratorMonitor {
  private readonly delay: ELDHistogram = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS })
  private lastAt = 0
  private lastCpu: NodeJS.CpuUsage = process.cpuUsage()
  private lastLoop: EventLoopUtilization = performance.eventLoopUtilization()

  start(): void {
    this.delay.enable()
    this.lastAt = performance.now()
    this.lastCpu = process.cpuUsage()
    this.lastLoop = performance.eventLoopUtilization()
  }

  /** The health since the last sample (or the start). */
  sample(): Omit<GeneratorHealth, 'behindScheduleMs'> {
    const now = performance.now()
    const cpu = process.cpuUsage()
    const loop = performance.eventLoopUtilization()
    const wallMicros = Math.max(1, (now - this.lastAt) * 1000)
    const cpuMicros = cpu.user - this.lastCpu.user + (cpu.system - this.lastCpu.system)
    const busy = performance.eventLoopUtilization(loop, this.lastLoop).utilization
    // Node records the time between two firings of its timer: the lateness is what exceeds the period.
    const delayP99Ms = this.delay.count > 0 ? Math.max(0, this.delay.percentile(99) / NS_PER_MS - DELAY_RESOLUTION_MS) : 0
    this.delay.reset()
    this.lastAt = now
    this.lastCpu = cpu
    this.lastLoop = loop
    return {
      eventLoopDelayP99Ms: round(delayP99Ms),
      eventLoopBusyPercent: round(busy * 100),
      cpuPercent: round((cpuMicros / wallMicros) * 100)
    }
  }

  stop(): void {
    this.delay.disable()
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
