import { Box, Container } from '@mantine/core';
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
        <Outlet />
      </Container>
      <Footer />
      <ScrollRestoration />
    </Box>
  );
}
