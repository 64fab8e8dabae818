import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { LandingPage } from '../features/landing/LandingPage';
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
const PhoneChangePage = page(() => import('../features/auth/PhoneChangePage'), 'PhoneChangePage');
const RelationshipEndDownloadPage = page(
  () => import('../features/auth/RelationshipEndDownloadPage'),
  'RelationshipEndDownloadPage',
);
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
const BonusesPage = page(() => import('../features/engagement/BonusesPage'), 'BonusesPage');
const DrawPage = page(() => import('../features/engagement/DrawPage'), 'DrawPage');
const AdvertisingStopPage = page(
  () => import('../features/engagement/AdvertisingStopPage'),
  'AdvertisingStopPage',
);
const SupportPage = page(() => import('../features/support/SupportPage'), 'SupportPage');
const HelpPage = page(() => import('../features/help/HelpPage'), 'HelpPage');
const SessionsPage = page(() => import('../features/sessions/SessionsPage'), 'SessionsPage');
const DocumentsPage = page(() => import('../features/documents/DocumentsPage'), 'DocumentsPage');
const ActivityPage = page(() => import('../features/activity/ActivityPage'), 'ActivityPage');
const FederationCallbackPage = page(
  () => import('../features/federation/FederationCallbackPage'),
  'FederationCallbackPage',
);
const FederatedRegisterPage = page(
  () => import('../features/federation/FederatedRegisterPage'),
  'FederatedRegisterPage',
);
const ProviderLinkPage = page(() => import('../features/federation/ProviderLinkPage'), 'ProviderLinkPage');
const EsiaPassportUpdatePage = page(
  () => import('../features/federation/EsiaPassportUpdatePage'),
  'EsiaPassportUpdatePage',
);
const NotFoundPage = page(() => import('../features/not-found/NotFoundPage'), 'NotFoundPage');
const DevSmsPage = page(() => import('../features/dev/DevSmsPage'), 'DevSmsPage');
const DevStaffPage = page(() => import('../features/dev/DevStaffPage'), 'DevStaffPage');
const DevTelegramPage = page(() => import('../features/dev/DevTelegramPage'), 'DevTelegramPage');
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
      { path: '/phone-change', element: <PhoneChangePage /> },
      { path: '/relationship-end/:token', element: <RelationshipEndDownloadPage /> },
      { path: '/federation/:provider/callback', element: <FederationCallbackPage /> },
      { path: '/register/provider/:attemptId', element: guestOnly(FederatedRegisterPage) },
      { path: '/login/provider/:attemptId', element: guestOnly(ProviderLinkPage) },
      { path: '/account', element: signedIn(DashboardPage) },
      { path: '/account/profile', element: signedIn(ProfilePage) },
      { path: '/account/profile/passport-from-esia', element: signedIn(EsiaPassportUpdatePage) },
      { path: '/account/apply', element: signedIn(ApplyPage) },
      { path: '/account/applications/:id', element: signedIn(ApplicationPage) },
      { path: '/account/loans/:id', element: signedIn(LoanPage) },
      { path: '/account/notifications', element: signedIn(NotificationsPage) },
      { path: '/account/sessions', element: signedIn(SessionsPage) },
      { path: '/account/documents', element: signedIn(DocumentsPage) },
      { path: '/account/activity', element: signedIn(ActivityPage) },
      { path: '/account/bonuses', element: signedIn(BonusesPage) },
      { path: '/draws/:id', element: <DrawPage /> },
      { path: '/ad-stop/:token', element: <AdvertisingStopPage /> },
      { path: '/account/support', element: signedIn(SupportPage) },
      { path: '/account/support/:id', element: signedIn(SupportPage) },
      { path: '/help', element: <HelpPage /> },
      { path: '/dev/sms', element: <DevSmsPage /> },
      { path: '/dev/telegram', element: <DevTelegramPage /> },
      { path: '/dev/business-date', element: <DevBusinessDatePage /> },
      { path: '/dev/staff', element: <DevStaffPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
