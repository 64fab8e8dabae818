import { z } from 'zod';

// Russian default messages for every schema that does not set its own, on the server and in the browser alike.
z.config(z.locales.ru());
