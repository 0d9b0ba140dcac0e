/** A policy as applied to one queue or exchange: its name and definition keys. */
export interface AppliedPolicy {
  readonly name: string;
  readonly definition: Readonly<Record<string, unknown>>;
}
