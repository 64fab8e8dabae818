import { Anchor, Box, Burger, Button, Container, Group, Menu, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../../contracts';
import { call, forgetCsrfToken } from '../api/client';
import { useMe, useSiteStatus } from '../api/queries';
import { MessagesButton } from './MessagesButton';
import { NAV_SPACING } from './nav-spacing';
import { signedOut } from './query-client';

/** A menu item; it is marked current on its own page and on the pages listed in `also` (prefixes). */
function NavButton({ to, label, also }: { to: string; label: string; also: readonly string[] }) {
  const { pathname } = useLocation();
  const current = pathname === to;
  const active = current || also.some((prefix) => pathname.startsWith(prefix));
  return (
    <Button
      component={Link}
      to={to}
      variant={active ? 'light' : 'subtle'}
      size="sm"
      {...NAV_SPACING}
      aria-current={current ? 'page' : undefined}
    >
      {label}
    </Button>
  );
}

/** The account's pages; on a phone (below 576 px) they fold into «Меню», beside «Сообщения» and «Выйти». */
const ACCOUNT_PAGES = [
  { to: '/account', label: 'Главная', also: ['/account/apply', '/account/applications/', '/account/loans/'] },
  { to: '/account/profile', label: 'Профиль', also: [] },
  { to: '/account/documents', label: 'Документы', also: [] },
  { to: '/account/activity', label: 'История', also: [] },
  { to: '/account/bonuses', label: 'Бонусы', also: [] },
  { to: '/account/sessions', label: 'Сеансы', also: [] },
  { to: '/account/support', label: 'Вопросы', also: ['/account/support/'] },
] as const;

/** «Меню» on a phone: the account's pages in a drop-down, the current one marked. */
function PhoneMenu() {
  const { pathname } = useLocation();
  const [opened, setOpened] = useState(false);
  return (
    // No focus placeholder: a focusable role="presentation" div is not a valid child of role="menu" (axe).
    <Menu
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={200}
      withInitialFocusPlaceholder={false}
    >
      <Menu.Target>
        <Burger opened={opened} size="sm" aria-label="Меню" />
      </Menu.Target>
      <Menu.Dropdown>
        {ACCOUNT_PAGES.map(({ to, label }) => (
          <Menu.Item key={to} component={Link} to={to} aria-current={pathname === to ? 'page' : undefined}>
            {label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export function Header() {
  const { data: status } = useSiteStatus();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => call(api.logout),
    onSettled: () => {
      // Signed out on this page whatever the answer: at worst the session ends by its own timeout.
      forgetCsrfToken();
      signedOut();
      void navigate('/');
    },
  });

  return (
    <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Container size="lg">
        <Group justify="space-between" gap="xs">
          <Anchor component={Link} to="/" underline="never" c="inherit" miw={0}>
            <Text fw={800} fz={{ base: 'md', sm: 'xl' }} c="teal.8" truncate>
              {status?.companyName ?? 'Личный кабинет'}
            </Text>
          </Anchor>
          <Group gap={4} component="nav" aria-label="Основное меню" wrap="nowrap">
            {me ? (
              <>
                {ACCOUNT_PAGES.map((page, index) => (
                  <Fragment key={page.to}>
                    <Box visibleFrom="xs">
                      <NavButton to={page.to} label={page.label} also={page.also} />
                    </Box>
                    {index === 0 && <MessagesButton />}
                  </Fragment>
                ))}
                <Box hiddenFrom="xs" display="flex">
                  <PhoneMenu />
                </Box>
                <Button
                  variant="subtle"
                  color="gray"
                  size="sm"
                  {...NAV_SPACING}
                  onClick={() => logout.mutate()}
                  loading={logout.isPending}
                >
                  Выйти
                </Button>
              </>
            ) : (
              <>
                <Button component={Link} to="/register" variant="subtle" size="sm" {...NAV_SPACING}>
                  Регистрация
                </Button>
                <Button component={Link} to="/login" size="sm" {...NAV_SPACING}>
                  Войти
                </Button>
              </>
            )}
          </Group>
        </Group>
      </Container>
    </Box>
  );
}
