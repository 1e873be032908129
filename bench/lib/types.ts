// Shapes of the benchmark's results (bench/results/<timestamp>.json).

export type Flow = 'plain' | 'ari';

export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Mean (setup times: SIPp's clock ticks in 4-ms steps here, so the mean resolves finer than p50). */
  mean?: number | null;
}

export interface CpuUse {
  /** CPU time consumed during the step, ms (null: the process was not found). */
  ms: number | null;
  /** ms per successful call. */
  msPerCall: number | null;
  /** % of one core while SIPp ran. */
  corePercent: number | null;
}

export interface StepResult {
  flow: Flow;
  extension: string;
  targetRate: number;
  seconds: number;
  attempted: number;
  successful: number;
  failed: number;
  failures: Record<string, number>;
  retransmissions: number;
  /** Calls per second between the first and the last 200 OK. */
  achievedRate: number | null;
  /** Highest simultaneous calls SIPp reported (1-s samples). */
  peakConcurrent: number;
  /** Highest activeCalls of callflow (1-s samples, ARI steps). */
  peakCallflowActive: number | null;
  /** Highest number of open HTTP/WebSocket connections from callflow to ARI (0.5-s samples). */
  peakAriConnections: number | null;
  /**
   * Whole machine while SIPp ran, in cores: busy; of it irq + softirq (the kernel's loopback
   * networking, charged to no process); and the rest not used by the measured processes.
   */
  machine: { busyCores: number | null; irqCores: number | null; otherCores: number | null };
  sippWallMs: number;
  sippExitCode: number | null;
  setupMs: Percentiles;
  /** StasisStart → answer returned, from callflow's /status (ARI steps). */
  answerLatencyMs: Percentiles | null;
  cpu: { asterisk: CpuUse; callflow: CpuUse; mariadb: CpuUse; sipp: CpuUse };
  /** callflow counters over the step. */
  callflow: { handled: number; failed: number } | null;
  /** `calls` rows with entry_id '1900' written for the step (ARI steps), null when unreadable. */
  rows: { inserted: number; ended: number; answered: number; settleMs: number } | null;
  sustained: boolean;
  notes: string[];
  /** Asterisk's messages log during the step: warnings and errors, host-name lookups, HTTP session limit hits. */
  asteriskLog: { warnings: number; lookups: number; httpSessionLimit: number } | null;
  /** callflow log lines at warn or above during the step, by kind. */
  callflowErrors: Record<string, number>;
  /** SIPp's output tail when it did not run properly. */
  sippOutput?: string;
}

export interface Ratio {
  rate: number;
  /** Asterisk CPU per call, ARI / plain. */
  asteriskCpu: number | null;
  /** (Asterisk + callflow) per call for ARI / Asterisk per call for plain. */
  totalCpu: number | null;
  /** (Asterisk + callflow + MariaDB) for ARI / (Asterisk + MariaDB) for plain. */
  totalCpuWithDb: number | null;
  /** Extra CPU ms per call of the ARI flow (Asterisk + callflow + MariaDB). */
  extraCpuMsPerCall: number | null;
  setupP50: number | null;
  setupP50DiffMs: number | null;
  /** Mean setup time, ARI / plain, and the difference. */
  setupMean: number | null;
  setupMeanDiffMs: number | null;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  asterisk: string;
  sipp: string;
  mariadb: string;
}

export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  options: { rates: number[]; seconds: number; flows: Flow[]; warmupCalls: number };
  machine: Machine;
  /** CPU use with no calls, ms per second, measured before the steps. */
  idle: { seconds: number; asteriskMsPerS: number | null; callflowMsPerS: number | null };
  asteriskPids: number[];
  /**
   * "Unable to lookup" warnings per call of a few probe calls before the steps: Asterisk
   * resolving its own host name for each call (RTP bound to a wildcard address and the name
   * not in its /etc/hosts), which stalled calls on DNS. 0 = healthy; null = log unreadable.
   */
  hostLookupsPerCall: number | null;
  steps: StepResult[];
  ratios: Ratio[];
}
