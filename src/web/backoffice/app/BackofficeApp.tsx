import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { theme } from '../../app/theme';
import { backofficeQueryClient } from './query-client';
import { backofficeRouter } from './router';

/** The back office's root: the borrower site's theme, its own query cache and router. */
export function BackofficeApp() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={backofficeQueryClient}>
        <RouterProvider router={backofficeRouter} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
