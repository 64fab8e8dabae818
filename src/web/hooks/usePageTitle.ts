import { useEffect } from 'react';
import { useSiteStatus } from '../api/queries';

/** Sets the browser tab's title: «Вход — Смсфинанс». */
export function usePageTitle(title: string): void {
  const { data: status } = useSiteStatus();
  const site = status?.companyName ?? 'Личный кабинет заёмщика';
  useEffect(() => {
    document.title = `${title} — ${site}`;
  }, [title, site]);
}
