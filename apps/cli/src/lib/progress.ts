/** One line that redraws itself on a terminal (and prints nothing elsewhere). */
export class TerminalLine {
  private drawn = false;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  show(line: string): void {
    if (!this.enabled) return;
    const width = this.stream.columns ? this.stream.columns - 1 : 79;
    this.stream.write(`\r${line.slice(0, width).padEnd(width)}`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

