import { Button, Group, Image, Loader, Stack, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';

type Captcha = { id: string; svg: string } | undefined;

/** The picture with a code, «Обновить картинку» and the answer field «Код с картинки». */
export function CaptchaField({
  captcha,
  loading,
  error,
  onRefresh,
  answer,
}: {
  captcha: Captcha;
  loading: boolean;
  error: unknown;
  onRefresh: () => void;
  answer: GetInputPropsReturnType;
}) {
  return (
    <Stack gap="sm">
      <Group gap="sm" align="center" wrap="wrap">
        <Group
          w={200}
          h={70}
          justify="center"
          bg="gray.0"
          style={{
            borderRadius: 'var(--mantine-radius-md)',
            border: '1px solid var(--mantine-color-gray-3)',
          }}
        >
          {captcha && !loading ? (
            <Image
              src={`data:image/svg+xml;utf8,${encodeURIComponent(captcha.svg)}`}
              alt="Код с картинки"
              w={196}
              h={66}
              fit="contain"
            />
          ) : (
            <Loader size="sm" aria-label="Картинка загружается" />
          )}
        </Group>
        <Button variant="light" onClick={onRefresh} loading={loading}>
          Обновить картинку
        </Button>
      </Group>
      <ApiErrorAlert error={error} />
      <TextInput
        label="Код с картинки"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        maw={260}
        {...answer}
      />
    </Stack>
  );
}
