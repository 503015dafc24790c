import { spawn } from 'node:child_process';
import { onCleanup } from './cleanup.js';

/**
 * Runs a command to completion and returns its stdout; stderr is kept for the
 * error message. The child is killed if the run is cleaned up before it ends.
 */
export function runChild(
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const cleanup = onCleanup(`${command} ${args.join(' ')}`, () => void child.kill('SIGKILL'));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      cleanup.forget();
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code}):\n${stderr || stdout}`));
    });
  });
}
