import { connect } from 'node:net';
import { findHaproxy } from '../../server/cli/cluster/haproxy-process.ts';
import { aptInstall } from './apt.ts';

/** HAProxy's executable, installed with apt-get when missing and root (as the e2e setup does for Chromium). */
export function ensureHaproxy(): string {
  const found = findHaproxy();
  if (found) return found;
  aptInstall(['haproxy'], 'HAProxy not found: install it (Debian: apt-get install haproxy).');
  const installed = findHaproxy();
  if (!installed) throw new Error('apt-get installed haproxy, but no haproxy was found.');
  return installed;
}

/** One command on HAProxy's runtime API (its stats socket), and its whole answer. */
export function haproxyCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(socketPath, () => socket.end(`${command}\n`));
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.once('error', reject);
    socket.once('close', () => resolve(answer));
  });
}
