/** Progress bars on a terminal (cli-progress); silent when output is not a TTY or with --quiet. */
import { Presets, SingleBar } from 'cli-progress';

export interface Bar {
  increment(n: number): void;
  stop(): void;
}

const SILENT: Bar = { increment: () => undefined, stop: () => undefined };

export class Progress {
  constructor(private readonly on: boolean) {}

  bar(label: string, total: number): Bar {
    if (!this.on || total <= 0) return SILENT;
    const bar = new SingleBar({ format: `${label.padEnd(8)} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
    bar.start(total, 0);
    let stopped = false;
    return {
      increment: (n) => bar.increment(n),
      stop: () => {
        if (!stopped) bar.stop();
        stopped = true;
      },
    };
  }
}
