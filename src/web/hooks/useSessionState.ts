import { useCallback, useState } from 'react';
import type { z } from 'zod';

/**
 * State kept in sessionStorage (this tab only, gone when it closes), so a reload does not lose a multi-step
 * flow. What is read back is checked with the schema; anything else falls back to `initial`.
 */
export function useSessionState<S extends z.ZodType>(
  key: string,
  schema: S,
  initial: z.output<S>,
): [z.output<S>, (next: z.output<S> | null) => void] {
  const [value, setValue] = useState<z.output<S>>(() => read(key, schema) ?? initial);
  const update = useCallback(
    (next: z.output<S> | null) => {
      try {
        if (next === null) sessionStorage.removeItem(key);
        else sessionStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage may be unavailable (private mode, quota): the flow still works until a reload.
      }
      setValue(next ?? initial);
    },
    [key, initial],
  );
  return [value, update];
}

function read<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    if (raw === null) return undefined;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
