import { Badge } from '@mantine/core';

/** A status as a coloured badge with the server's words; a long one wraps on a phone instead of being cut off. */
export function WordBadge({ color, text }: { color: string; text: string }) {
  return (
    <Badge
      color={color}
      variant="light"
      size="lg"
      tt="none"
      maw="100%"
      h="auto"
      py={4}
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
      style={{ flexShrink: 1 }}
    >
      {text}
    </Badge>
  );
}
