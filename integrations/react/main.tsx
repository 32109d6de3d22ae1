// Mounts LoyaltyPanel; with your bundler (Vite, Next.js client component, …) this is your app's entry.
import { createRoot } from 'react-dom/client';
import { LoyaltyPanel } from './LoyaltyPanel.js';

createRoot(document.getElementById('root')!).render(<LoyaltyPanel />);
