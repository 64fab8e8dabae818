// Russian default messages for the contract schemas: every contracts module imports them itself, so the first
// page's script need not carry Zod (the API client loads the contracts on its first call).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('Нет элемента #root');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
