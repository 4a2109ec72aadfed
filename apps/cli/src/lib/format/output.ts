/** What scripts read: one JSON document on stdout. */
export function printJson(out: NodeJS.WritableStream, value: unknown): void {
  out.write(JSON.stringify(value, null, 2) + '\n');
}

export function printLines(out: NodeJS.WritableStream, ...lines: string[]): void {
  out.write(lines.join('\n') + '\n');
}
