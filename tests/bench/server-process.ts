/**
 * A peer server run as a child process in its own process group: its port
 * (from a line such as `listening on <port>`), the CPU time its group has used (so a
 * measurement can say CPU milliseconds per answer, a figure the other
 * engineers' builds on this shared machine do not halve as they do req/s),
 * and a stop that waits for the exit.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU milliseconds of every live process in the process group `pgid` (proc(5): utime, stime). */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // counting from "state" (fields[0]): pgrp is fields[2], utime fields[11], stime fields[12]
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we looked
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export interface ServerProcess {
  name: string;
  pid: number;
  port: Promise<number>;
  output(): string;
  cpuMs(): number;
  /** SIGTERM, then SIGKILL to the group after `graceMs` */
  stop(graceMs?: number): Promise<void>;
}

/** `ready` finds the port in the output (its first group). */
export function serverProcess(name: string, child: ChildProcess, ready = /listening on (\d+)/): ServerProcess {
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const m = out.match(ready);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`${name} exited with ${child.exitCode} before serving:\n${out.slice(-3000)}`)));
  });
  port.catch(() => {});
  return {
    name,
    pid: child.pid!,
    port,
    output: () => out,
    cpuMs: () => groupCpuMs(child.pid!),
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(killed);
    },
  };
}
