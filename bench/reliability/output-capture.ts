// Keeps everything Linewatch writes to stdout and stderr during the run (the logger writes through
// console) so the secrets scan can read it, and so the run's own output stays one table.
// Progress lines go to the real stderr through `say`.

export interface OutputCapture {
  /** Everything written while capturing, plus what child processes sent in. */
  text(): string;
  lines(): number;
  /** Output of a child process, kept with the rest. */
  append(chunk: string | Buffer): void;
  stop(): void;
}

const realStderrWrite = process.stderr.write.bind(process.stderr);

/** A progress line on the real stderr, never captured. */
export function say(line: string): void {
  realStderrWrite(`[reliability] ${line}\n`);
}

export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
  return {
    text: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((line) => line.trim() !== "").length,
    append: (chunk) => void chunks.push(typeof chunk === "string" ? chunk : chunk.toString("utf8")),
    stop: () => streams.forEach((stream, index) => (stream.write = originals[index]!)),
  };
}
