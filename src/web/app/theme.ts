import { Alert, Anchor, Button, Modal, PasswordInput, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji"',
  headings: { fontWeight: '700' },
  components: {
    // Mantine's own defaults are English: every built-in label is set in Russian here.
    PasswordInput: PasswordInput.extend({
      defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Показать или скрыть символы' } },
    }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть' } } }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Закрыть' } }),
    Button: Button.extend({ defaultProps: { radius: 'md' } }),
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});
