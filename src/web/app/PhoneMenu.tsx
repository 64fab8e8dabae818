import { Burger, Menu } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ACCOUNT_PAGES } from './account-pages';

/** «Меню» on a phone: the account's pages in a drop-down, the current one marked. */
export function PhoneMenu() {
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
