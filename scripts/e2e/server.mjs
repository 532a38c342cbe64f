// The server and browser the end-to-end tests share: issgraph built from
// this checkout and started on 127.0.0.1 at a free port (the kernel's
// choice, read back from its log), and Debian's Chromium driven by
// playwright-core. Nothing here downloads anything.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let built = null;

// build compiles cmd/issgraph once per test process.
function build() {
  if (built) return built;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'issgraph-e2e-bin-'));
  const bin = path.join(dir, 'issgraph');
  execFileSync('go', ['build', '-o', bin, './cmd/issgraph'], { cwd: root, stdio: 'inherit' });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  built = bin;
  return bin;
}

// startServer runs `issgraph serve --memory` on 127.0.0.1 and resolves
// once it is ready, with its base URL and a stop function.
export async function startServer() {
  const bin = build();
  const child = spawn(bin, ['serve', '--memory', '--addr', '127.0.0.1:0', '--log-format', 'json', '--log-level', 'info'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log = [];
  const addr = await new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stderr });
    rl.on('line', (line) => {
      if (log.length < 1000) log.push(line);
      try {
        const rec = JSON.parse(line);
        if (rec.msg === 'listening') resolve(rec.addr);
      } catch {
        // not a log record
      }
    });
    child.on('exit', (code) => reject(new Error(`issgraph exited with ${code}:\n${log.join('\n')}`)));
  });
  const base = `http://${addr}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 200) throw new Error(`issgraph at ${base} never became ready:\n${log.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    host: addr,
    log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

// The flags Chromium needs on a closed network: without the networking
// ones it tries to reach Google's services in the background.
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// launchBrowser starts Debian's Chromium with a fresh profile.
export async function launchBrowser(options = {}) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'issgraph-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
