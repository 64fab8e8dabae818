import { useQuery } from '@tanstack/react-query';
import { backofficeApi, type StaffMe } from '../../../contracts/backoffice';
import { isApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { boKeys } from './query-client';

/** The signed-in staff member, or null when nobody is (the sign-in page then). */
export function useStaffMe() {
  return useQuery({
    queryKey: boKeys.me,
    queryFn: async ({ signal }): Promise<StaffMe | null> => {
      try {
        return await call(backofficeApi.staffMe, { signal });
      } catch (error) {
        if (isApiError(error) && error.code === 'UNAUTHENTICATED') return null;
        throw error;
      }
    },
  });
}

/** Whether the member's role holds a permission (the server checks again; this only hides what would be refused). */
export const staffCan = (me: StaffMe | null | undefined, permission: string): boolean =>
  me?.permissions.includes(permission) ?? false;
