import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { RecoverPage } from '../features/auth/RecoverPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { DevBusinessDatePage } from '../features/dev/DevBusinessDatePage';
import { DevSmsPage } from '../features/dev/DevSmsPage';
import { LandingPage } from '../features/landing/LandingPage';
import { ApplicationPage } from '../features/loans/ApplicationPage';
import { ApplyPage } from '../features/loans/ApplyPage';
import { NotFoundPage } from '../features/not-found/NotFoundPage';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { RegisterPage } from '../features/registration/RegisterPage';
import { LoanPage } from '../features/servicing/LoanPage';
import { SessionsPage } from '../features/sessions/SessionsPage';
import { GuestOnly, RequireAuth } from './guards';
import { Layout } from './Layout';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <LandingPage /> },
      {
        path: '/login',
        element: (
          <GuestOnly>
            <LoginPage />
          </GuestOnly>
        ),
      },
      {
        path: '/register',
        element: (
          <GuestOnly>
            <RegisterPage />
          </GuestOnly>
        ),
      },
      { path: '/recover', element: <RecoverPage /> },
      {
        path: '/account',
        element: (
          <RequireAuth>
            <DashboardPage />
          </RequireAuth>
        ),
      },
      {
        path: '/account/profile',
        element: (
          <RequireAuth>
            <ProfilePage />
          </RequireAuth>
        ),
      },
      {
        path: '/account/apply',
        element: (
          <RequireAuth>
            <ApplyPage />
          </RequireAuth>
        ),
      },
      {
        path: '/account/applications/:id',
        element: (
          <RequireAuth>
            <ApplicationPage />
          </RequireAuth>
        ),
      },
      {
        path: '/account/loans/:id',
        element: (
          <RequireAuth>
            <LoanPage />
          </RequireAuth>
        ),
      },
      {
        path: '/account/notifications',
        element: (
          <RequireAuth>
            <NotificationsPage />
          </RequireAuth>
        ),
      },
      {
        path: '/account/sessions',
        element: (
          <RequireAuth>
            <SessionsPage />
          </RequireAuth>
        ),
      },
      { path: '/dev/sms', element: <DevSmsPage /> },
      { path: '/dev/business-date', element: <DevBusinessDatePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
