import { Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { BackofficeShell } from './BackofficeShell';
import { page, sections } from './sections';
import { useStaffMe } from './use-staff';

const StaffSignInPage = page(() => import('../features/sign-in/StaffSignInPage'), 'StaffSignInPage');

const Loading = () => (
  <Center h="50vh">
    <Loader aria-label="Загрузка" />
  </Center>
);

/** Pages for a signed-in staff member: anyone else goes to the sign-in page. */
function RequireStaff() {
  const { data: me, isPending } = useStaffMe();
  if (isPending) return <Loading />;
  if (!me) return <Navigate to="/backoffice/login" replace />;
  return (
    <BackofficeShell me={me}>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </BackofficeShell>
  );
}

export const backofficeRouter = createBrowserRouter([
  {
    path: '/backoffice/login',
    element: (
      <Suspense fallback={<Loading />}>
        <StaffSignInPage />
      </Suspense>
    ),
  },
  {
    path: '/backoffice',
    element: <RequireStaff />,
    children: sections.flatMap(({ path, Page, children = [] }) => [
      path === '' ? { index: true, element: <Page /> } : { path, element: <Page /> },
      ...children.map((child) => ({ path: child.path, element: <child.Page /> })),
    ]),
  },
  { path: '*', element: <Navigate to="/backoffice" replace /> },
]);
