/** Omneo's one-resource envelope, `{data: {...}}` (§3.1); envelope.ts has the paginated ones. */
import * as z from 'zod/mini';

// The explicit return type keeps the emitted declaration valid for consumers who check library types
// (without it, tsc prints an inferred type that does not compile under `skipLibCheck: false`).
export function single<T extends z.ZodMiniType>(schema: T): z.ZodMiniType<z.output<T>> {
  return z.pipe(
    z.object({ data: schema }),
    z.transform((envelope) => (envelope as { data: unknown }).data as z.output<T>),
  );
}
