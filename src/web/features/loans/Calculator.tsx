import { Button, Loader, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe, useProducts } from '../../api/queries';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { LoanTermsFields } from './LoanTermsFields';
import { LiveQuote } from './LiveQuote';
import { applyPath, termsFor, type LoanTerms } from './terms';
import { useLiveQuote } from './useLiveQuote';

const SIGN_IN_TO_APPLY =
  'Войдите, чтобы оформить заявку. Если личного кабинета ещё нет — зарегистрируйтесь, это займёт несколько минут.';

/**
 * The loan calculator: pick a product, an amount and a term and see the price. A visitor is priced as a
 * newcomer and goes through sign-in to the application form; a signed-in borrower is priced by their own
 * history. `wide` puts the sliders and the price side by side on a large screen.
 */
export function Calculator({ wide = false, title = 'Рассчитайте заём' }: { wide?: boolean; title?: string }) {
  const { data: me } = useMe();
  const signedIn = Boolean(me);
  const products = useProducts();
  const [picked, setPicked] = useState<LoanTerms | null>(null);
  const first = products.data?.[0];
  const terms = picked ?? (first ? termsFor(first) : null);
  const live = useLiveQuote(terms, signedIn);

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} component="section" aria-label={title}>
      <Stack gap="lg">
        <Title order={2} size="h3">
          {title}
        </Title>
        {products.isPending && <Loader aria-label="Загрузка" />}
        {products.isError && <ApiErrorAlert error={products.error} />}
        {products.data && terms && (
          <SimpleGrid cols={{ base: 1, md: wide ? 2 : 1 }} spacing="xl">
            <LoanTermsFields products={products.data} value={terms} onChange={setPicked} />
            <Stack gap="md">
              <LiveQuote live={live} />
              {signedIn ? (
                <Button component={Link} to={applyPath(terms)} size="md" fullWidth>
                  Оформить заявку
                </Button>
              ) : (
                <Button
                  component={Link}
                  to="/login"
                  state={{ from: applyPath(terms), notice: SIGN_IN_TO_APPLY }}
                  size="md"
                  fullWidth
                >
                  Оформить заявку
                </Button>
              )}
            </Stack>
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
