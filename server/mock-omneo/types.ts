/** Seed records are loosely typed on purpose: they carry Omneo's quirks (§4) verbatim. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = { [key: string]: any };

/** Laravel's error body (omneo-api.md §3.2). */
export interface LaravelError {
  message: string;
  errors?: Record<string, string[]>;
}
