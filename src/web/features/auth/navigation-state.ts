/** What one auth screen hands to the next through router state (never the URL: a phone is personal data). */
export type AuthNavState = { phone?: string; notice?: string; from?: string };

export function readAuthNavState(state: unknown): AuthNavState {
  if (typeof state !== 'object' || state === null) return {};
  const { phone, notice, from } = state as Record<string, unknown>;
  return {
    phone: typeof phone === 'string' ? phone : undefined,
    notice: typeof notice === 'string' ? notice : undefined,
    from: typeof from === 'string' ? from : undefined,
  };
}
