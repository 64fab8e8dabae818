import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { relationshipEndConfirmationPath } from '../../../contracts/support-cases';
import { FormCard } from '../../components/layout';
import { usePageTitle } from '../../hooks/usePageTitle';

/**
 * The page of the one-time link from the SMS «отношения прекращены» (the account is closed, so no sign-in): the
 * PDF is fetched only when the person presses the button, so a messenger's link preview does not spend the link.
 * A wrong or spent link answers with the server's message (404/410 problem+json) in the browser tab.
 */
export function RelationshipEndDownloadPage() {
  usePageTitle('Подтверждение прекращения отношений');
  const { token = '' } = useParams();
  const [pressed, setPressed] = useState(false);
  return (
    <FormCard
      title="Подтверждение прекращения отношений"
      subtitle="Документ в PDF о том, что отношения с компанией прекращены"
    >
      <Stack gap="md">
        <Text size="sm">
          Ссылка одноразовая: скачайте документ и сохраните его у себя. Если ссылка не сработала или срок её
          действия истёк, позвоните в службу поддержки — документ отправят снова.
        </Text>
        <Button
          component="a"
          href={relationshipEndConfirmationPath(token)}
          download
          onClick={() => setPressed(true)}
        >
          Скачать PDF
        </Button>
        {pressed && (
          <Alert color="teal" variant="light">
            Если загрузка не началась, проверьте папку «Загрузки» браузера.
          </Alert>
        )}
      </Stack>
    </FormCard>
  );
}
