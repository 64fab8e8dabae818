/** The header's menu items: tighter on a phone, as before from 576 px up. */
export const NAV_SPACING = { px: { base: 6, xs: 'xs' }, fz: { base: 13, xs: 'sm' } } as const;
