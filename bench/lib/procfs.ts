// CPU time of processes from /proc (Linux): utime + stime of every thread of a process.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux/x86). */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process in ms, or null when it is gone. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: fields are counted after its closing paren.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // fields 14 (utime) and 15 (stime)
    return (ticks * 1000) / clockTicks();
  } catch {
    return null;
  }
}

/** Sum of cpuMs over pids (gone processes count 0); null when the list is empty. */
export function totalCpuMs(pids: number[]): number | null {
  if (pids.length === 0) return null;
  return pids.reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0);
}

export interface ProcessInfo {
  pid: number;
  comm: string;
  args: string[];
}

/** Processes whose /proc/<pid>/comm is one of `names`. */
export function findProcesses(names: string[]): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (!names.includes(comm)) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      found.push({ pid: Number(entry), comm, args });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** Busy, interrupt (irq + softirq: loopback networking) and total CPU time of the machine (all cores), ms, from /proc/stat. */
export function machineCpuMs(): { busy: number; softirq: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = ticks[3] + ticks[4];
    const ms = 1000 / clockTicks();
    return { busy: (total - idle) * ms, softirq: (ticks[5] + ticks[6]) * ms, total: total * ms };
  } catch {
    return null;
  }
}

/** Established TCP connections to 127.0.0.1:<port> made from this machine (client side), or null. */
export function clientConnections(port: number): number | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let n = 0;
  let readable = false;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length > 3 && cols[3] === '01' && cols[2].endsWith(`:${hexPort}`)) n++;
      }
      readable = true;
    } catch {
      // no IPv6, or no /proc/net
    }
  }
  return readable ? n : null;
}
