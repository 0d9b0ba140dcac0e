// Standard input as rabbitmqctl reads it: one line per prompt (encode/decode without all arguments) or all
// of it (import_definitions without a file). A missing stream reads as empty.

/** Hands out stdin line by line; stops reading once closed so the process can exit. */
export class LineReader {
  private buf = "";
  private ended: boolean;
  private wake: (() => void) | undefined;
  private readonly onData = (c: Buffer | string): void => {
    this.buf += typeof c === "string" ? c : c.toString("utf8");
    this.wake?.();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake?.();
  };

  constructor(private readonly stream?: NodeJS.ReadableStream) {
    this.ended = stream === undefined;
    stream?.on("data", this.onData).on("end", this.onEnd).on("error", this.onEnd);
  }

  /** The next line with its newline, or undefined at the end of input. */
  async line(): Promise<string | undefined> {
    for (;;) {
      const nl = this.buf.indexOf("\n");
      if (nl >= 0) {
        const l = this.buf.slice(0, nl + 1);
        this.buf = this.buf.slice(nl + 1);
        return l;
      }
      if (this.ended) {
        const l = this.buf;
        this.buf = "";
        return l === "" ? undefined : l;
      }
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }

  close(): void {
    this.stream?.removeListener("data", this.onData).removeListener("end", this.onEnd).removeListener("error", this.onEnd);
    this.stream?.pause();
  }
}

/** Everything on stdin, as bytes. */
export async function readAll(stream?: NodeJS.ReadableStream): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}
