// The back office: a second entry of the same build (its own chunks; borrowers never download it).
import '../../contracts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BackofficeApp } from './app/BackofficeApp';

const root = document.getElementById('root');
if (!root) throw new Error('Нет элемента #root');

createRoot(root).render(
  <StrictMode>
    <BackofficeApp />
  </StrictMode>,
);
