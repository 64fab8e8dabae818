import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { LandingPage } from '../features/landing/LandingPage';
import { NotFoundPage } from '../features/not-found/NotFoundPage';
import { GuestOnly, RequireAuth } from './guards';
import { Layout } from './Layout';

/** A page loaded with its own chunk when first visited (route-level code splitting; the landing page is eager). */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const LoginPage = page(() => import('../features/auth/LoginPage'), 'LoginPage');
const RecoverPage = page(() => import('../features/auth/RecoverPage'), 'RecoverPage');
const RegisterPage = page(() => import('../features/registration/RegisterPage'), 'RegisterPage');
const DashboardPage = page(() => import('../features/dashboard/DashboardPage'), 'DashboardPage');
const ProfilePage = page(() => import('../features/profile/ProfilePage'), 'ProfilePage');
const ApplyPage = page(() => import('../features/loans/ApplyPage'), 'ApplyPage');
const ApplicationPage = page(() => import('../features/loans/ApplicationPage'), 'ApplicationPage');
const LoanPage = page(() => import('../features/servicing/LoanPage'), 'LoanPage');
const NotificationsPage = page(
  () => import('../features/notifications/NotificationsPage'),
  'NotificationsPage',
);
const SupportPage = page(() => import('../features/support/SupportPage'), 'SupportPage');
const HelpPage = page(() => import('../features/help/HelpPage'), 'HelpPage');
const SessionsPage = page(() => import('../features/sessions/SessionsPage'), 'SessionsPage');
const DevSmsPage = page(() => import('../features/dev/DevSmsPage'), 'DevSmsPage');
const DevBusinessDatePage = page(() => import('../features/dev/DevBusinessDatePage'), 'DevBusinessDatePage');

const signedIn = (Page: ComponentType) => (
  <RequireAuth>
    <Page />
  </RequireAuth>
);
const guestOnly = (Page: ComponentType) => (
  <GuestOnly>
    <Page />
  </GuestOnly>
);

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <LandingPage /> },
      { path: '/login', element: guestOnly(LoginPage) },
      { path: '/register', element: guestOnly(RegisterPage) },
      { path: '/recover', element: <RecoverPage /> },
      { path: '/account', element: signedIn(DashboardPage) },
      { path: '/account/profile', element: signedIn(ProfilePage) },
      { path: '/account/apply', element: signedIn(ApplyPage) },
      { path: '/account/applications/:id', element: signedIn(ApplicationPage) },
      { path: '/account/loans/:id', element: signedIn(LoanPage) },
      { path: '/account/notifications', element: signedIn(NotificationsPage) },
      { path: '/account/sessions', element: signedIn(SessionsPage) },
      { path: '/account/support', element: signedIn(SupportPage) },
      { path: '/account/support/:id', element: signedIn(SupportPage) },
      { path: '/help', element: <HelpPage /> },
      { path: '/dev/sms', element: <DevSmsPage /> },
      { path: '/dev/business-date', element: <DevBusinessDatePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
