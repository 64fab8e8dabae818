import { Box, Center, Container, Loader } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';
import { Footer } from './Footer';
import { Header } from './Header';
import { MaintenanceBanner } from './MaintenanceBanner';

export function Layout() {
  return (
    <Box mih="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
      <Header />
      <MaintenanceBanner />
      <Container component="main" size="lg" py={{ base: 'md', sm: 'xl' }} w="100%" style={{ flex: 1 }}>
        {/* Pages load in their own chunks: a short spinner while the first visit fetches one. */}
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label="Загрузка страницы" />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </Container>
      <Footer />
      <ScrollRestoration />
    </Box>
  );
}
