import type { ReactNode } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { STAFF_ROLE_LABELS, backofficeApi, type StaffMe } from '../../../contracts/backoffice';
import { call, forgetCsrfToken } from '../../api/client';
import { staffSignedOut } from './query-client';
import { sections } from './sections';

/** The frame of every back-office page: the sections the role may open, who is signed in, sign-out. */
export function BackofficeShell({ me, children }: { me: StaffMe; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const signOut = async () => {
    await call(backofficeApi.staffSignOut).catch(() => undefined);
    forgetCsrfToken();
    staffSignedOut();
  };
  const visible = sections.filter((section) => me.permissions.includes(section.permission));
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Меню" />
            <Text fw={700}>Бэк-офис</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs">
              {me.displayName} · {STAFF_ROLE_LABELS[me.role]}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Выйти
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Разделы бэк-офиса">
        {visible.map((section) => {
          const to = section.path === '' ? '/backoffice' : `/backoffice/${section.path}`;
          const active = section.path === '' ? pathname === '/backoffice' : pathname.startsWith(to);
          return (
            <NavLink
              key={to}
              component={RouterLink}
              to={to}
              end={section.path === ''}
              label={section.label}
              active={active}
              onClick={close}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
