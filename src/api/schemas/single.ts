/** Omneo's one-resource envelope, `{data: {...}}` (§3.1); envelope.ts has the paginated ones. */
import * as z from 'zod/mini';

export function single<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.object({ data: schema }),
    z.transform((envelope) => (envelope as { data: unknown }).data as z.output<T>),
  );
}
