import { Button, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ProductView } from '../../../contracts';
import { useMe } from '../../api/queries';
import { LoanTermsFields } from './LoanTermsFields';
import { LiveQuote } from './LiveQuote';
import { applyPath, termsFor, type LoanTerms } from './terms';
import { useLiveQuote } from './useLiveQuote';

const SIGN_IN_TO_APPLY =
  'Войдите, чтобы оформить заявку. Если личного кабинета ещё нет — зарегистрируйтесь, это займёт несколько минут.';

/**
 * The calculator's fields and price (its own chunk, see `Calculator`): the first product's terms until the
 * borrower picks others; a visitor goes through sign-in to the application form.
 */
export function CalculatorForm({ products, wide }: { products: ProductView[]; wide: boolean }) {
  const { data: me } = useMe();
  const signedIn = Boolean(me);
  const [picked, setPicked] = useState<LoanTerms | null>(null);
  const first = products[0];
  const terms = picked ?? (first ? termsFor(first) : null);
  const live = useLiveQuote(terms, signedIn);
  if (!terms) return null;

  return (
    <SimpleGrid cols={{ base: 1, md: wide ? 2 : 1 }} spacing="xl">
      <LoanTermsFields products={products} value={terms} onChange={setPicked} />
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
  );
}
