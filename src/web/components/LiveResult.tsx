import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A result recalculated as the user types (a quote, a prolongation's price): announced politely to screen readers,
 * and while the next answer is on its way the last one stays, marked busy. It stays at full contrast (WCAG 2.2
 * SC 1.4.3 holds in every state, so no fading); a dashed outline, which takes no room, shows that it is settling.
 */
export function LiveResult({ settling, children }: { settling: boolean; children: ReactNode }) {
  return (
    <Box
      aria-live="polite"
      aria-busy={settling}
      style={{
        outline: `1px dashed ${settling ? 'var(--mantine-color-gray-5)' : 'transparent'}`,
        outlineOffset: 4,
        borderRadius: 'var(--mantine-radius-sm)',
        transition: 'outline-color 150ms',
      }}
    >
      {children}
    </Box>
  );
}
