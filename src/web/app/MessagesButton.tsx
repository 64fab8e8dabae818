import { Badge, Box, Button, Indicator } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { plural } from '../../domain/russian';
import { useNotifications } from '../api/queries';
import { NAV_SPACING } from './nav-spacing';

/** An envelope, for «Сообщения» on a phone where the word does not fit. */
function EnvelopeIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </svg>
  );
}

const UNREAD: readonly [string, string, string] = ['непрочитанное', 'непрочитанных', 'непрочитанных'];

/**
 * «Сообщения» with the number of unread ones; an envelope with a dot-count instead of the word below 576 px.
 * The accessible name, «Сообщения, 3 непрочитанных», contains what a sighted user sees, the word and the count in
 * that order (WCAG 2.2 SC 2.5.3 «Label in Name»; punctuation does not count); with nothing unread it is «Сообщения».
 */
export function MessagesButton() {
  const { pathname } = useLocation();
  const { data } = useNotifications();
  const unread = data?.unread ?? 0;
  const current = pathname === '/account/notifications';
  const count = unread > 99 ? '99+' : String(unread);
  return (
    <Button
      component={Link}
      to="/account/notifications"
      variant={current ? 'light' : 'subtle'}
      size="sm"
      {...NAV_SPACING}
      aria-current={current ? 'page' : undefined}
      aria-label={unread > 0 ? `Сообщения, ${count} ${plural(unread, UNREAD)}` : 'Сообщения'}
      // The count sits on the envelope's corner, partly outside the button.
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      <Box component="span" visibleFrom="xs" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        Сообщения{' '}
        {unread > 0 && (
          <Badge size="sm" circle color="red">
            {count}
          </Badge>
        )}
      </Box>
      <Box component="span" hiddenFrom="xs" display="flex">
        <Indicator label={count} size={16} color="red" disabled={unread === 0} offset={2}>
          <EnvelopeIcon />
        </Indicator>
      </Box>
    </Button>
  );
}
