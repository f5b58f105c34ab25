/** A failure that stops fix: nothing was written. The CLI exits 2. */
export class FixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixError';
  }
}
