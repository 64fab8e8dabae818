import {
  DEFAULT_THEME,
  createTheme,
  type AlertProps,
  type AnchorProps,
  type ButtonProps,
  type MantineColorsTuple,
  type ModalProps,
  type PasswordInputProps,
} from '@mantine/core';
import { readablePalette } from './contrast';

const { gray } = DEFAULT_THEME.colors;
/** The backgrounds text sits on: the page, the footer and striped rows. */
const PAGE_BACKGROUNDS = ['#ffffff', gray[0], gray[1]];

/**
 * Mantine's palettes with the text shades (6–9) darkened where needed to 4.5:1 (WCAG 2.2 AA, SC 1.4.3) on the page's
 * backgrounds and on each palette's light shades: so dimmed text (gray 6), error text (red 6), the filled buttons
 * under white text (the primary shade), the «light» variants (shade 9 on shade 1) and `c="teal.8"` are all readable.
 */
const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== 'dark')
    .map(([name, palette]) => [name, readablePalette(palette, PAGE_BACKGROUNDS)]),
) as Record<string, MantineColorsTuple>;

export const theme = createTheme({
  colors,
  primaryColor: 'teal',
  // Teal 6 after readablePalette: #0c7958, white text on it 5.4:1.
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji"',
  headings: { fontWeight: '700' },
  components: {
    // Mantine's own defaults are English: every built-in label is set in Russian here. Plain objects (what
    // `Component.extend` returns) rather than `Modal.extend(…)`: importing the components would put the modal,
    // the password input and their focus trap and scroll lock into the first page's script.
    PasswordInput: {
      defaultProps: {
        visibilityToggleButtonProps: { 'aria-label': 'Показать или скрыть символы' },
      } satisfies Partial<PasswordInputProps>,
    },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть' } } satisfies Partial<ModalProps> },
    Alert: { defaultProps: { closeButtonLabel: 'Закрыть' } satisfies Partial<AlertProps> },
    Button: { defaultProps: { radius: 'md' } satisfies Partial<ButtonProps> },
    Anchor: { defaultProps: { underline: 'always' } satisfies Partial<AnchorProps> },
  },
});
