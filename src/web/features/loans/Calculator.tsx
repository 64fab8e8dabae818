import { Loader, Paper, Stack, Title } from '@mantine/core';
import { Suspense, lazy, useEffect } from 'react';
import { useProducts } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';

/** The fields and the price: sliders, segmented controls and the quote load in their own chunk. */
const loadForm = () => import('./CalculatorForm');
const CalculatorForm = lazy(() => loadForm().then((module) => ({ default: module.CalculatorForm })));

/**
 * The loan calculator: pick a product, an amount and a term and see the price. A visitor is priced as a
 * newcomer and goes through sign-in to the application form; a signed-in borrower is priced by their own
 * history. `wide` puts the sliders and the price side by side on a large screen. The frame renders at once; the
 * form's chunk is fetched alongside the products (it stays out of the landing page's first script).
 */
export function Calculator({ wide = false, title = 'Рассчитайте заём' }: { wide?: boolean; title?: string }) {
  const products = useProducts();
  useEffect(() => {
    void loadForm();
  }, []);

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} component="section" aria-label={title}>
      <Stack gap="lg">
        <Title order={2} size="h3">
          {title}
        </Title>
        {products.isPending && <Loader aria-label="Загрузка" />}
        {products.isError && <ApiErrorAlert error={products.error} />}
        {products.data && (
          <Suspense fallback={<Loader aria-label="Загрузка" />}>
            <CalculatorForm products={products.data} wide={wide} />
          </Suspense>
        )}
      </Stack>
    </Paper>
  );
}
