import { Group, SegmentedControl, Slider, Stack, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { ProductView } from '../../../contracts';
import { termText } from '../../../domain/russian';
import { boundsOf, formatRubles, termsFor, type LoanTerms } from './terms';

type TermsErrors = Partial<Record<'productId' | 'amount' | 'term', ReactNode>>;

/** A slider with its label and value in words above it and its bounds below it. */
function LabelledSlider({
  label,
  value,
  words,
  min,
  max,
  step,
  error,
  onChange,
}: {
  label: string;
  value: number;
  words: (value: number) => string;
  min: number;
  max: number;
  step: number;
  error: ReactNode;
  onChange: (value: number) => void;
}) {
  const labelId = useId();
  const errorId = useId();
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
        <Text id={labelId} size="sm" fw={500}>
          {label}
        </Text>
        <Text fw={700} fz="lg" aria-hidden>
          {words(value)}
        </Text>
      </Group>
      <Slider
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={onChange}
        label={null}
        thumbLabel={label}
        thumbValueText={words}
        thumbProps={{ 'aria-describedby': error ? errorId : undefined }}
        size="lg"
        thumbSize={26}
        disabled={min === max}
      />
      <RangeEnds min={min} max={max} words={words} />
      {error && (
        <Text id={errorId} size="sm" c="red.7">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The product switch and the amount and term sliders. A switch of product keeps what fits the new product
 * and starts the rest from a typical loan of its kind.
 */
export function LoanTermsFields({
  products,
  value,
  onChange,
  errors = {},
}: {
  products: ProductView[];
  value: LoanTerms;
  onChange: (terms: LoanTerms) => void;
  errors?: TermsErrors;
}) {
  const productLabelId = useId();
  const product = products.find((p) => p.id === value.productId) ?? products[0];
  if (!product) return null;
  const bounds = boundsOf(product);
  const unit = product.termUnit;

  const switchTo = (id: string) => {
    const next = products.find((p) => p.id === id);
    if (next && next.id !== product.id)
      onChange(termsFor(next, next.termUnit === unit ? { amount: value.amount, term: value.term } : {}));
  };

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text id={productLabelId} size="sm" fw={500}>
          Вид займа
        </Text>
        {products.length > 1 && (
          <SegmentedControl
            aria-labelledby={productLabelId}
            fullWidth
            size="md"
            data={products.map((p) => ({ value: p.id, label: p.name }))}
            value={product.id}
            onChange={switchTo}
          />
        )}
        {products.length === 1 && <Text fw={700}>{product.name}</Text>}
        {errors.productId && (
          <Text size="sm" c="red.7">
            {errors.productId}
          </Text>
        )}
      </Stack>
      <LabelledSlider
        label="Сумма"
        value={value.amount}
        words={formatRubles}
        min={bounds.minAmount}
        max={bounds.maxAmount}
        step={bounds.amountStep}
        error={errors.amount}
        onChange={(amount) => onChange({ ...value, productId: product.id, amount })}
      />
      <LabelledSlider
        label="Срок"
        value={value.term}
        words={(term) => termText(term, unit)}
        min={bounds.minTerm}
        max={bounds.maxTerm}
        step={bounds.termStep}
        error={errors.term}
        onChange={(term) => onChange({ ...value, productId: product.id, term })}
      />
    </Stack>
  );
}

/** The two ends of a slider under it, in words: «5 дней … 30 дней». */
export function RangeEnds({ min, max, words }: { min: number; max: number; words: (n: number) => string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      {[min, max].map((end, i) => (
        <Text key={i} size="xs" c="dimmed">
          {words(end)}
        </Text>
      ))}
    </Group>
  );
}
