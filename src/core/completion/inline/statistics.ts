// Counters and latency percentiles behind "D.run: Show Completion Statistics".
import { quantile } from './debounce';
import type { InlineStatistics } from './contract';

const LATENCY_WINDOW = 500;

type Counter = Exclude<keyof InlineStatistics, 'latencyP50Ms' | 'latencyP95Ms' | 'lastLatencyMs'>;

export class StatisticsRecorder {
  private readonly counters: Record<Counter, number> = {
    requests: 0,
    cacheHits: 0,
    typedThroughHits: 0,
    inFlightReuses: 0,
    cancellations: 0,
    timeouts: 0,
    errors: 0,
    shown: 0,
    accepted: 0,
    tokensRequested: 0,
    tokensShown: 0,
  };
  private readonly latencies: number[] = [];
  private nextLatency = 0;
  private lastLatencyMs: number | undefined;

  add(counter: Counter, amount = 1): void {
    this.counters[counter] += amount;
  }

  recordLatency(ms: number): void {
    this.latencies[this.nextLatency] = ms;
    this.nextLatency = (this.nextLatency + 1) % LATENCY_WINDOW;
    this.lastLatencyMs = ms;
  }

  snapshot(): InlineStatistics {
    const has = this.latencies.length > 0;
    return {
      ...this.counters,
      latencyP50Ms: has ? quantile(this.latencies, 0.5) : undefined,
      latencyP95Ms: has ? quantile(this.latencies, 0.95) : undefined,
      lastLatencyMs: this.lastLatencyMs,
    };
  }
}
